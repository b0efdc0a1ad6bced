package dev.pollen.processor.harness;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;

/**
 * Leaf futures for test programs. The harness runs each program once per {@link Mode}, so the
 * same body meets values that are ready at once, ready after a wake-up delivered inline during the
 * poll, and ready after a wake-up from another thread.
 */
public final class Leaves {
    private Leaves() {}

    public enum Mode { READY, PENDING_INLINE, PENDING_THREAD }

    static volatile Mode mode = Mode.READY;

    /**
     * For the cancellation harness: the leaf that is the {@code stallAt}-th to be polled stays
     * pending until cancelled (then fails with CancellationException); 0 disables it.
     */
    static volatile int stallAt;
    static final java.util.concurrent.atomic.AtomicInteger firstPolls = new java.util.concurrent.atomic.AtomicInteger();
    static volatile boolean stalled;

    /** A future of {@code value} in the current mode. */
    public static <T> Future<T> of(T value) {
        return new Leaf<>(value, null, mode);
    }

    /** A future that fails with {@code failure}: at once in READY mode, after pending otherwise. */
    public static <T> Future<T> failing(Throwable failure) {
        return new Leaf<>(null, failure, mode);
    }

    private static final class Leaf<T> implements Future<T> {
        private final T value;
        private final Throwable failure;
        private final Mode mode;
        private volatile boolean woken;
        private boolean done;
        private boolean polled;
        private boolean stalls;
        private boolean cancelled;

        Leaf(T value, Throwable failure, Mode mode) {
            this.value = value;
            this.failure = failure;
            this.mode = mode;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("polled after completion");
            }
            if (!polled) {
                polled = true;
                stalls = firstPolls.incrementAndGet() == stallAt;
            }
            if (stalls) {
                if (cancelled) {
                    done = true;
                    throw new java.util.concurrent.CancellationException("stalled leaf cancelled");
                }
                stalled = true;
                return Poll.pending();
            }
            if (mode != Mode.READY && !woken) {
                Waker waker = cx.waker();
                if (mode == Mode.PENDING_INLINE) {
                    woken = true;
                    waker.wake();
                } else {
                    Thread t = new Thread(() -> {
                        woken = true;
                        waker.wake();
                    });
                    t.start();
                }
                return Poll.pending();
            }
            done = true;
            if (failure != null) {
                throw Rethrow.unchecked(failure);
            }
            return Poll.ready(value);
        }
    }

    /** Throws checked exceptions unchanged, as a failing future does. */
    static final class Rethrow {
        private Rethrow() {}

        static RuntimeException unchecked(Throwable t) {
            return Rethrow.<RuntimeException>sneaky(t);
        }

        @SuppressWarnings("unchecked")
        private static <E extends Throwable> E sneaky(Throwable t) throws E {
            throw (E) t;
        }
    }
}
