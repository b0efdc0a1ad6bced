package dev.pollen.channel;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.WaitingFuture;
import dev.pollen.rt.sync.Wakeups;
import java.util.Objects;

/**
 * Every message to every receiver: a ring of the last {@code capacity} messages, and a cursor per
 * {@link Receiver}. {@link #send} never waits: a receiver that falls more than {@code capacity}
 * messages behind loses the oldest ones, and is told so once by a {@link LaggedException} (its
 * next receive continues from the oldest message kept).
 *
 * <pre>{@code
 * Broadcast<Event> events = Broadcast.create(64);
 * Broadcast.Receiver<Event> mine = events.subscribe();   // sees what is sent from now on
 * events.send(event);
 * Event e = await(mine.receive());                        // null once closed and caught up
 * }</pre>
 *
 * <p>A receiver's cursor moves only in its receive's poll, so a cancelled receive takes nothing:
 * the next receive returns the same message. One lock guards the ring, the cursors and the
 * waiting receives ({@code dev.pollen.rt.sync.WaitList}); wakers are woken after it is released.
 *
 * @param <T> the type of the messages
 */
public final class Broadcast<T> {

    /**
     * A receive of a receiver that fell behind by more than the capacity: {@link #missed()}
     * messages were overwritten before it read them. Its next receive returns the oldest message
     * kept. Unchecked, so that a loop can catch it by name around an await.
     */
    public static final class LaggedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final long missed;

        /** {@code missed} messages were lost to this receiver. */
        public LaggedException(long missed) {
            super("Broadcast receiver lagged: " + missed + " messages missed; the next receive continues from the oldest kept");
            this.missed = missed;
        }

        /** How many messages this receiver lost. */
        public long missed() {
            return missed;
        }
    }

    private final Object lock = new Object();
    /** Guarded by {@code lock}: message number {@code n} is in slot {@code n % capacity}. */
    private final Object[] ring;
    /** Guarded by {@code lock}: the number of the next message sent. */
    private long tail;
    /** Guarded by {@code lock}: receives waiting for message {@code tail}. */
    private final WaitList<WaitingFuture<T>> waiting = new WaitList<>();
    /** Guarded by {@code lock}. */
    private boolean closed;

    private Broadcast(int capacity) {
        this.ring = new Object[capacity];
    }

    /**
     * A broadcast that keeps the last {@code capacity} messages for receivers that are behind.
     *
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public static <T> Broadcast<T> create(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Broadcast capacity must be at least 1, got " + capacity);
        }
        return new Broadcast<>(capacity);
    }

    /**
     * A receiver of every message sent from now on (a receiver subscribed after the close sees
     * only the end).
     */
    public Receiver<T> subscribe() {
        synchronized (lock) {
            return new Receiver<>(this, tail);
        }
    }

    /**
     * Sends {@code message} to every receiver, overwriting the oldest kept message when the ring
     * is full, and wakes the waiting receives. Never waits.
     *
     * @throws ChannelClosedException if the broadcast is closed
     * @throws NullPointerException if {@code message} is null
     */
    public void send(T message) {
        Objects.requireNonNull(message, "message (a broadcast carries no nulls: null means closed)");
        Wakeups wakeups = null;
        synchronized (lock) {
            if (closed) {
                throw new ChannelClosedException("send on a closed Broadcast: the message was not sent");
            }
            ring[(int) (tail % ring.length)] = message;
            tail++;
            if (!waiting.isEmpty()) {
                wakeups = new Wakeups();
                waiting.removeAllInto(wakeups);
            }
        }
        if (wakeups != null) {
            wakeups.wakeAll();
        }
    }

    /** No more sends: receivers get the messages kept, then {@code null}. Idempotent. */
    public void close() {
        Wakeups wakeups = new Wakeups();
        synchronized (lock) {
            closed = true;
            waiting.removeAllInto(wakeups);
        }
        wakeups.wakeAll();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** The number of messages kept for receivers that are behind. */
    public int capacity() {
        return ring.length;
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Broadcast (" + describeLocked() + ")";
        }
    }

    private String describeLocked() {
        StringBuilder sb = new StringBuilder("capacity ").append(ring.length).append(", ").append(tail).append(" sent");
        if (!waiting.isEmpty()) {
            sb.append(", ").append(waiting.size()).append(waiting.size() == 1 ? " receive" : " receives").append(" waiting");
        }
        return sb.append(closed ? ", closed" : "").toString();
    }

    /**
     * One subscriber's cursor: its receives return the messages sent since it subscribed, in
     * order, each once.
     *
     * @param <T> the type of the messages
     */
    public static final class Receiver<T> {
        private final Broadcast<T> broadcast;
        /** Guarded by the broadcast's lock: the number of the next message for this receiver. */
        private long next;

        private Receiver(Broadcast<T> broadcast, long next) {
            this.broadcast = broadcast;
            this.next = next;
        }

        /**
         * A future that completes with this receiver's next message, waiting for it; with
         * {@code null} once the broadcast is closed and this receiver has read every message kept;
         * or fails with {@link LaggedException} once if messages were overwritten before this
         * receiver read them. Cancelled, it takes nothing.
         */
        public Future<T> receive() {
            return new Receive();
        }

        /** E.g. {@code Broadcast.Receiver (2 behind; capacity 16, 40 sent)}. */
        @Override
        public String toString() {
            synchronized (broadcast.lock) {
                return "Broadcast.Receiver (" + describeLocked() + ")";
            }
        }

        private String describeLocked() {
            return (broadcast.tail - next) + " behind; " + broadcast.describeLocked();
        }

        /** A receive; its own waiting node. Fields guarded by the broadcast's lock. */
        private final class Receive extends WaitingFuture<T> {
            @Override
            protected Object lock() {
                return broadcast.lock;
            }

            @Override
            protected WaitList<WaitingFuture<T>> waiters() {
                return broadcast.waiting;
            }

            /** Moves the cursor: the next message, the end, or the news of a lag. */
            @Override
            @SuppressWarnings("unchecked")
            protected Poll<T> tryCompleteLocked() {
                Broadcast<T> b = broadcast;
                long oldest = Math.max(0, b.tail - b.ring.length);
                if (next < oldest) {
                    long missed = oldest - next;
                    next = oldest;
                    throw new LaggedException(missed);
                }
                if (next < b.tail) {
                    T message = (T) b.ring[(int) (next % b.ring.length)];
                    next++;
                    return Poll.ready(message);
                }
                return b.closed ? Poll.ready(null) : Poll.pending();
            }

            @Override
            protected String name() {
                return "Broadcast.receive";
            }

            @Override
            protected String describeLocked() {
                return Receiver.this.describeLocked();
            }
        }
    }
}
