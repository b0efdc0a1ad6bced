package dev.pollen.channel;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * One value, sent once, received once: the reply slot of a request, the result of a callback.
 * {@link #send} never waits; {@link #receive()} waits for the value, or for {@link #close()}.
 *
 * <pre>{@code
 * Oneshot<Reply> reply = Oneshot.create();
 * requests.trySend(new Request(query, reply));   // the server calls reply.send(r)
 * Reply r = await(reply.receive());              // null if the server closed it without a reply
 * }</pre>
 *
 * <p>The value stays in the oneshot until a receive's poll takes it, so a cancelled receive takes
 * nothing: a later {@code receive()} gets the value. One receive may wait at a time. All state is
 * guarded by one lock; the waiting receive's waker is woken after it is released.
 *
 * @param <T> the type of the value
 */
public final class Oneshot<T> {

    private final Object lock = new Object();
    /** Guarded by {@code lock}: sent and not yet received. */
    private T value;
    /** Guarded by {@code lock}: a value was sent (it may have been received since). */
    private boolean sent;
    /** Guarded by {@code lock}: a receive's poll took the value. */
    private boolean taken;
    /** Guarded by {@code lock}. */
    private boolean closed;
    /** Guarded by {@code lock}: the receive waiting for the value, if any. */
    private Receive waiting;

    private Oneshot() {}

    /** An empty oneshot. */
    public static <T> Oneshot<T> create() {
        return new Oneshot<>();
    }

    /**
     * Sends {@code value} and wakes the waiting receive. Never waits.
     *
     * @return false, sending nothing, if a value was sent before or the oneshot is closed
     * @throws NullPointerException if {@code value} is null
     */
    public boolean send(T value) {
        Objects.requireNonNull(value, "value (a oneshot carries no null: null means closed)");
        Waker receiver;
        synchronized (lock) {
            if (sent || closed) {
                return false;
            }
            sent = true;
            this.value = value;
            receiver = wakeWaitingLocked();
        }
        wake(receiver);
        return true;
    }

    /**
     * A future that completes with the value (taking it), or with {@code null} if the oneshot is
     * closed without one. Cancelled, it takes nothing.
     *
     * <p>Misuse fails the future's poll with {@link IllegalStateException}: a second receive while
     * one waits, or a receive after the value was received.
     */
    public Future<T> receive() {
        return new Receive();
    }

    /**
     * No value will be sent: later sends return false, and a receive of a oneshot without a
     * value completes with {@code null}. A value already sent can still be received. Idempotent.
     */
    public void close() {
        Waker receiver;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            receiver = wakeWaitingLocked();
        }
        wake(receiver);
    }

    /** Whether a value was sent (whether or not it was received since). */
    public boolean isSent() {
        synchronized (lock) {
            return sent;
        }
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** E.g. {@code Oneshot (empty, a receive waiting)}. */
    @Override
    public String toString() {
        synchronized (lock) {
            return "Oneshot (" + describeLocked() + ")";
        }
    }

    private Waker wakeWaitingLocked() {
        Receive r = waiting;
        waiting = null;
        return r == null ? null : r.waker;
    }

    private static void wake(Waker waker) {
        if (waker != null) {
            waker.wake();
        }
    }

    private String describeLocked() {
        String what = taken ? "received" : sent ? "value sent" : "empty";
        return what + (closed ? ", closed" : "") + (waiting != null ? ", a receive waiting" : "");
    }

    /** The receive; fields guarded by the oneshot's lock. */
    private final class Receive implements Future<T> {
        private static final int NEW = 0;
        private static final int WAITING = 1;
        private static final int CANCELLED = 2;
        private static final int DONE = 3;

        private int state = NEW;
        private Waker waker;

        @Override
        public Poll<T> poll(Context cx) {
            synchronized (lock) {
                if (state == DONE) {
                    throw new IllegalStateException("polled after completion");
                }
                if (state == CANCELLED) {
                    state = DONE;
                    throw new CancellationException("Oneshot.receive cancelled: the value was not taken");
                }
                if (sent && !taken) {
                    T v = value;
                    value = null;
                    taken = true;
                    state = DONE;
                    clearWaitingLocked();
                    return Poll.ready(v);
                }
                if (taken) {
                    state = DONE;
                    throw new IllegalStateException("Oneshot already received: its value goes to one receive");
                }
                if (closed) {
                    state = DONE;
                    clearWaitingLocked();
                    return Poll.ready(null);
                }
                if (waiting != null && waiting != this) {
                    state = DONE;
                    throw new IllegalStateException("a receive of this Oneshot already waits: a oneshot has one receiver");
                }
                waker = cx.waker();
                waiting = this;
                state = WAITING;
                return Poll.pending();
            }
        }

        private void clearWaitingLocked() {
            if (waiting == this) {
                waiting = null;
            }
        }

        /** Stops waiting; the value, if sent meanwhile, stays for a later receive. */
        @Override
        public void cancel() {
            synchronized (lock) {
                if (state == NEW || state == WAITING) {
                    clearWaitingLocked();
                    state = CANCELLED;
                }
            }
        }

        @Override
        public String toString() {
            synchronized (lock) {
                String own = switch (state) {
                    case NEW -> " [not started]";
                    case CANCELLED -> " [cancelled]";
                    case DONE -> " [done]";
                    default -> "";
                };
                return "Oneshot.receive" + own + " (" + describeLocked() + ")";
            }
        }
    }
}
