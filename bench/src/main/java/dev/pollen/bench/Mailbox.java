package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A one-message channel for the ping-pong benchmark (Pollen's channels come later): one task
 * sends, one task receives by awaiting {@link #receive()}, and each message is received before
 * the next is sent, as in a ping-pong. A round trip allocates only the two small receive
 * futures, so it measures the runtime's wake-up and scheduling path.
 *
 * <p>Wake-up protocol, from any threads: the sender publishes the message, then takes the
 * receiver's waker and wakes it; the receiver stores its waker, then looks for the message
 * again. All four accesses are volatile (sequentially consistent), so either the receiver sees
 * the message or the sender sees the waker: no wake-up is lost. A waker may be woken when its
 * receiver has already taken the message (an extra poll, allowed by the Future protocol).
 *
 * @param <T> the type of the messages
 */
final class Mailbox<T> {

    private static final VarHandle MESSAGE;
    private static final VarHandle RECEIVER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            MESSAGE = lookup.findVarHandle(Mailbox.class, "message", Object.class);
            RECEIVER = lookup.findVarHandle(Mailbox.class, "receiver", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The message not yet received, or null. Accessed only through {@link #MESSAGE}. */
    @SuppressWarnings("unused")
    private volatile Object message;
    /** The waker of a receive that found no message, or null. */
    @SuppressWarnings("unused")
    private volatile Waker receiver;

    /**
     * Leaves {@code m} (not null) for the receiver and wakes it.
     *
     * @throws IllegalStateException if the previous message was not received yet
     */
    void send(T m) {
        if (!MESSAGE.compareAndSet(this, null, Objects.requireNonNull(m, "message"))) {
            throw new IllegalStateException(
                    "Mailbox holds one message: the receiver must take it before the next send");
        }
        Waker waker = (Waker) RECEIVER.getAndSet(this, null);
        if (waker != null) {
            waker.wake();
        }
    }

    /** The next message: a future ready with it once it was sent. One receive at a time. */
    Future<T> receive() {
        return new Receive();
    }

    @SuppressWarnings("unchecked")
    private T take() {
        return (T) MESSAGE.getAndSet(this, null);
    }

    private final class Receive implements Future<T> {
        private static final byte WAITING = 0;
        private static final byte DONE = 1;
        private static final byte CANCELLED = 2;

        private byte state = WAITING;

        @Override
        public Poll<T> poll(Context cx) {
            if (state != WAITING) {
                if (state == DONE) {
                    throw new IllegalStateException("polled after completion");
                }
                state = DONE;
                throw new CancellationException("receive cancelled");
            }
            T m = take();
            if (m == null) {
                RECEIVER.setVolatile(Mailbox.this, cx.waker());
                m = take();          // re-check: a send before the store above found no waker
                if (m == null) {
                    return Poll.pending();
                }
            }
            state = DONE;
            return Poll.ready(m);
        }

        /** Releases the waker: a cancelled receive keeps its task reachable from nothing. */
        @Override
        public void cancel() {
            if (state == WAITING) {
                state = CANCELLED;
                RECEIVER.setVolatile(Mailbox.this, null);
            }
        }
    }
}
