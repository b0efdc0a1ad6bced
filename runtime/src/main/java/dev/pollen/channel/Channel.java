package dev.pollen.channel;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.Waiter;
import dev.pollen.rt.sync.Wakeups;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A multi-producer, multi-consumer FIFO channel: bounded (a send waits for room) or unbounded.
 * Any number of tasks, on any runtimes and threads, send and receive; each message is received
 * exactly once.
 *
 * <pre>{@code
 * Channel<String> lines = Channel.bounded(16);
 * rt.spawn(produce(lines));                  // await(lines.send(line)) ..., then lines.close()
 * String line;
 * while ((line = await(lines.receive())) != null) {
 *     handle(line);
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Order.</b> Messages are received in the order their sends completed; the messages of
 *       one sender keep their order. Waiting senders and receivers are served first come, first
 *       served.</li>
 *   <li><b>Closing.</b> {@link #close()} ends sending: waiting and later sends fail with
 *       {@link ChannelClosedException}. Receivers still get every message sent before, then
 *       {@code null} ({@code null} messages are refused, so {@code null} always means "closed
 *       and drained").</li>
 *   <li><b>Cancellation loses no message.</b> A cancelled {@link #receive()} takes no message: one
 *       handed to it while it waited goes to the next waiting receiver, or back to the front of
 *       the buffer (where it may briefly make a full channel hold more than its capacity). A
 *       cancelled {@link #send} delivers nothing and gives up its place in the queue of senders
 *       (or the slot just freed for it, to the next sender): a send completes only in its own
 *       poll, so a send that was cancelled never delivered.</li>
 * </ul>
 *
 * <p>A send or receive is a future that does nothing until polled; each costs one small object,
 * its own waiting node. The protocol is in the package documentation.
 *
 * @param <T> the type of the messages
 */
public final class Channel<T> {

    // What the channel did to a waiting Send or Receive (its status, guarded by the lock); the
    // future's own phase (new, waiting, cancelled, done) is its Waiter's.
    /** Linked in the queue of senders or receivers. */
    private static final int WAITING = 0;
    /** Send: a slot is reserved for it (it was woken to put its message in). Receive: a message is in {@code message}. */
    private static final int SERVED = 1;
    /** Send: the channel was closed while it waited. Receive: the channel is closed and drained. */
    private static final int CLOSED = 2;

    private final Object lock = new Object();
    /** At least 1; {@link Integer#MAX_VALUE} when unbounded. */
    private final int capacity;
    /** Guarded by {@code lock}. Non-empty only while no receiver waits. */
    private final ArrayDeque<T> buffer;
    /** Guarded by {@code lock}. Receivers wait only while the buffer is empty. */
    private final WaitList<Receive> receivers = new WaitList<>();
    /** Guarded by {@code lock}. Senders wait only while the buffer and the reserved slots fill the capacity. */
    private final WaitList<Send> senders = new WaitList<>();
    /** Guarded by {@code lock}. Slots reserved for woken senders that have not put their message in yet. */
    private int reserved;
    /** Guarded by {@code lock}. Messages handed to waiting receivers that have not taken them yet. */
    private int handed;
    /** Guarded by {@code lock}. */
    private boolean closed;

    private Channel(int capacity) {
        this.capacity = capacity;
        this.buffer = new ArrayDeque<>(Math.min(capacity, 16));
    }

    /**
     * A channel that holds up to {@code capacity} messages; a send to a full channel waits until
     * a receive makes room.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1 (a rendezvous channel,
     *     capacity 0, is not supported: use {@code bounded(1)}, or a {@link Oneshot} per hand-off)
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Channel capacity must be at least 1, got " + capacity
                    + " (capacity 0, a rendezvous channel, is not supported: use bounded(1), or a Oneshot per hand-off)");
        }
        return new Channel<>(capacity);
    }

    /** A channel without a bound: a send never waits (memory is the limit). */
    public static <T> Channel<T> unbounded() {
        return new Channel<>(Integer.MAX_VALUE);
    }

    /**
     * A future that sends {@code message} when polled: it completes with {@code null} once the
     * message is in the channel (buffered, or handed to a waiting receiver), waiting while a
     * bounded channel is full; it fails with {@link ChannelClosedException} if the channel is
     * closed before then. Cancelled while waiting, it delivers nothing (see the class
     * documentation).
     *
     * @throws NullPointerException if {@code message} is null
     */
    public Future<Void> send(T message) {
        return new Send(Objects.requireNonNull(message, "message (a channel carries no nulls: null means closed)"));
    }

    /**
     * Sends {@code message} now if the channel has room or a receiver waits.
     *
     * @return false if the channel is full (nothing was sent)
     * @throws ChannelClosedException if the channel is closed
     * @throws NullPointerException if {@code message} is null
     */
    public boolean trySend(T message) {
        Objects.requireNonNull(message, "message (a channel carries no nulls: null means closed)");
        Waker receiver;
        synchronized (lock) {
            if (closed) {
                throw closedException();
            }
            if (!canOfferLocked()) {
                return false;
            }
            receiver = offerLocked(message);
        }
        wake(receiver);
        return true;
    }

    /**
     * A future that completes with the next message, waiting while the channel is empty, or with
     * {@code null} once the channel is closed and every message was received. Cancelled while
     * waiting, it takes no message (see the class documentation).
     */
    public Future<T> receive() {
        return new Receive();
    }

    /**
     * The next message if one is buffered, else {@code null} (the channel is empty, or closed and
     * drained: {@link #isClosed()} tells which).
     */
    public T tryReceive() {
        T message;
        Waker sender;
        synchronized (lock) {
            message = buffer.pollFirst();
            if (message == null) {
                return null;
            }
            sender = admitSenderLocked();
        }
        wake(sender);
        return message;
    }

    /**
     * Closes the channel: waiting and later sends fail with {@link ChannelClosedException};
     * receives get the messages already sent, then {@code null}. Idempotent.
     */
    public void close() {
        Wakeups wakeups = new Wakeups();
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Send s = senders.pollFirst(); s != null; s = senders.pollFirst()) {
                s.message = null;
                s.status = CLOSED;
                wakeups.add(s.waker);
            }
            endReceiversIfDrainedLocked(wakeups);
        }
        wakeups.wakeAll();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** The number of buffered messages (not counting those of waiting senders). */
    public int size() {
        synchronized (lock) {
            return buffer.size();
        }
    }

    /** The capacity given to {@link #bounded}; {@link Integer#MAX_VALUE} for an unbounded channel. */
    public int capacity() {
        return capacity;
    }

    /** For example {@code Channel (bounded 16, 3 buffered, closed)}. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "Channel (" + describeLocked() + ")";
        }
    }

    // ---- the protocol; every method named *Locked runs under lock -------------------------

    /** Whether a message offered now would be taken: a receiver waits, or the buffer has a free slot. */
    private boolean canOfferLocked() {
        return !receivers.isEmpty() || hasFreeSlotLocked();
    }

    /** A slot neither filled nor reserved for a woken sender (a long, as an unbounded capacity is MAX_VALUE). */
    private boolean hasFreeSlotLocked() {
        return (long) buffer.size() + reserved < capacity;
    }

    /**
     * Hands {@code message} to the first waiting receiver, or else buffers it; call only if
     * {@link #canOfferLocked()}, or with the slot reserved for the calling send. Returns the waker
     * to wake after unlocking, or null.
     */
    private Waker offerLocked(T message) {
        Receive receiver = receivers.pollFirst();
        if (receiver == null) {
            buffer.addLast(message);
            return null;
        }
        return handLocked(receiver, message);
    }

    /** Gives {@code message} to {@code receiver}, just unlinked; returns its waker. */
    private Waker handLocked(Receive receiver, T message) {
        receiver.message = message;
        receiver.status = SERVED;
        handed++;
        return receiver.waker;
    }

    /**
     * After a slot was freed (a message left the buffer, a reservation was given up): reserves it
     * for the first waiting sender, which puts its message in at its next poll (so a send
     * completes only in its own poll, and a cancelled one delivers nothing). Returns that
     * sender's waker, or null.
     */
    private Waker admitSenderLocked() {
        if (!hasFreeSlotLocked()) {
            return null;            // a message handed back by a cancelled receive took the slot
        }
        Send sender = senders.pollFirst();
        if (sender == null) {
            return null;
        }
        reserved++;
        sender.status = SERVED;
        return sender.waker;
    }

    /**
     * A cancelled receive gives back the message handed to it: to the next waiting receiver, else
     * to the front of the buffer, where it is the next message received. Returns the waker to
     * wake, or null.
     */
    private Waker handBackLocked(T message) {
        handed--;
        Receive next = receivers.pollFirst();
        if (next != null) {
            return handLocked(next, message);
        }
        buffer.addFirst(message);
        return null;
    }

    /** Once closed and drained (nothing buffered, nothing in flight), ends every waiting receive. */
    private void endReceiversIfDrainedLocked(Wakeups wakeups) {
        if (!closed || !buffer.isEmpty() || handed > 0) {
            return;
        }
        for (Receive r = receivers.pollFirst(); r != null; r = receivers.pollFirst()) {
            r.status = CLOSED;
            wakeups.add(r.waker);
        }
    }

    private static ChannelClosedException closedException() {
        return new ChannelClosedException("send on a closed Channel: the message was not sent");
    }

    private static void wake(Waker waker) {
        if (waker != null) {
            waker.wake();
        }
    }

    /** E.g. {@code bounded 16, 16 buffered, 2 senders waiting, closed}. */
    private String describeLocked() {
        StringBuilder sb = new StringBuilder(capacity == Integer.MAX_VALUE ? "unbounded" : "bounded " + capacity);
        sb.append(buffer.isEmpty() ? ", empty" : ", " + buffer.size() + " buffered");
        if (handed > 0) {
            sb.append(", ").append(handed).append(" handed to receivers");
        }
        if (reserved > 0) {
            sb.append(", ").append(reserved).append(reserved == 1 ? " slot" : " slots").append(" reserved for woken senders");
        }
        appendWaiting(sb, senders.size(), "sender");
        appendWaiting(sb, receivers.size(), "receiver");
        if (closed) {
            sb.append(", closed");
        }
        return sb.toString();
    }

    private static void appendWaiting(StringBuilder sb, int count, String what) {
        if (count > 0) {
            sb.append(", ").append(count).append(' ').append(what).append(count == 1 ? "" : "s").append(" waiting");
        }
    }

    /**
     * A send or receive: its own waiting node. {@code status} and {@code message} are guarded by
     * the channel's lock. Static, with the channel reached through the inner subclasses, so that a
     * send or receive holds one reference to its channel (40 bytes, not 48).
     *
     * @param <M> the type of the channel's messages
     * @param <R> the type of the operation's value
     */
    private abstract static class Operation<M, R> extends Waiter<R> {
        /** Send: the message until delivered or dropped. Receive: the message handed to it (SERVED). */
        M message;
        /** Set by the channel while it waits: WAITING (linked), SERVED or CLOSED. */
        byte status;

        /** A poll while waiting: true, keeping {@code w}, if the channel has not served or closed it yet. */
        final boolean keepsWaitingLocked(Waker w) {
            if (status != WAITING) {
                return false;
            }
            waker = w;
            return true;
        }

        /** What SERVED means for this operation, e.g. {@code slot reserved}. */
        abstract String servedStatus();

        /** The channel's lock. */
        abstract Object channelLock();

        /** Under the channel's lock: the channel's state, e.g. {@code bounded 16, 16 buffered}. */
        abstract String describeChannelLocked();

        @Override
        protected final String waitingStatus() {
            synchronized (channelLock()) {
                return status == SERVED ? servedStatus() : status == CLOSED ? "closed" : "";
            }
        }

        @Override
        protected final String describe() {
            synchronized (channelLock()) {
                return describeChannelLocked();
            }
        }
    }

    /** A send: SERVED when a slot is reserved for it, CLOSED when the channel closed first. */
    private final class Send extends Operation<T, Void> {

        @Override
        Object channelLock() {
            return lock;
        }

        @Override
        String describeChannelLocked() {
            return describeLocked();
        }


        Send(T message) {
            this.message = message;
        }

        @Override
        protected Poll<Void> arrive(Waker w) {
            Waker receiver;
            synchronized (lock) {
                if (closed) {
                    message = null;
                    throw closedException();
                }
                if (!canOfferLocked()) {
                    waker = w;
                    status = WAITING;
                    senders.addLast(this);
                    return Poll.pending();
                }
                receiver = offerLocked(message);
                message = null;
            }
            wake(receiver);
            return Poll.ready(null);
        }

        @Override
        protected Poll<Void> pollWaiting(Waker w) {
            Waker receiver;
            Waker nextSender = null;
            synchronized (lock) {
                if (keepsWaitingLocked(w)) {
                    return Poll.pending();
                }
                if (status == CLOSED) {
                    throw closedException();
                }
                reserved--;                 // SERVED: put the message in the slot reserved for it
                if (closed) {
                    message = null;
                    throw closedException();
                }
                receiver = offerLocked(message);
                if (receiver != null) {
                    // handed to a receiver that came meanwhile: the slot is still free
                    nextSender = admitSenderLocked();
                }
                message = null;
            }
            wake(receiver);
            wake(nextSender);
            return Poll.ready(null);
        }

        /** Leaves the queue of senders, or passes a slot reserved for it on; delivers nothing. */
        @Override
        protected void leave() {
            Waker next = null;
            synchronized (lock) {
                if (status == WAITING) {
                    senders.remove(this);
                } else if (status == SERVED) {
                    reserved--;
                    next = admitSenderLocked();
                }
                message = null;
            }
            wake(next);
        }

        @Override
        protected String name() {
            return "Channel.send";
        }

        @Override
        protected String cancelledMessage() {
            return "Channel.send cancelled: the message was not sent";
        }

        @Override
        String servedStatus() {
            return "slot reserved";
        }
    }

    /** A receive: SERVED when a message is handed to it, CLOSED when the channel is closed and drained. */
    private final class Receive extends Operation<T, T> {

        @Override
        Object channelLock() {
            return lock;
        }

        @Override
        String describeChannelLocked() {
            return describeLocked();
        }


        @Override
        protected Poll<T> arrive(Waker w) {
            T received;
            Waker sender = null;
            synchronized (lock) {
                received = buffer.pollFirst();
                if (received != null) {
                    sender = admitSenderLocked();
                } else if (!closed || handed > 0) {
                    waker = w;
                    status = WAITING;
                    receivers.addLast(this);
                    return Poll.pending();
                }
            }
            wake(sender);
            return Poll.ready(received);
        }

        @Override
        protected Poll<T> pollWaiting(Waker w) {
            T received;
            Wakeups ended = null;
            synchronized (lock) {
                if (keepsWaitingLocked(w)) {
                    return Poll.pending();
                }
                if (status == CLOSED) {
                    return Poll.ready(null);
                }
                received = message;         // SERVED
                message = null;
                handed--;
                if (closed && handed == 0 && !receivers.isEmpty()) {
                    // receivers that came after the close waited for this message's fate
                    ended = new Wakeups();
                    endReceiversIfDrainedLocked(ended);
                }
            }
            if (ended != null) {
                ended.wakeAll();
            }
            return Poll.ready(received);
        }

        /** Leaves the queue of receivers; a message already handed to it goes back (class doc). */
        @Override
        protected void leave() {
            Waker next = null;
            synchronized (lock) {
                if (status == WAITING) {
                    receivers.remove(this);
                } else if (status == SERVED) {
                    next = handBackLocked(message);
                    message = null;
                }
            }
            wake(next);
        }

        @Override
        protected String name() {
            return "Channel.receive";
        }

        @Override
        protected String cancelledMessage() {
            return "Channel.receive cancelled: no message was taken";
        }

        @Override
        String servedStatus() {
            return "message ready";
        }
    }
}
