package dev.pollen.processor.harness;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The synchronous meaning of Pollen, for the twin of each test program: the twin is compiled
 * without the processor, with this {@code await} imported instead of {@code dev.pollen.Await.await},
 * and with facades that run the method body directly ({@link #defer}).
 */
public final class Blocking {
    private Blocking() {}

    /** Thrown by the stalled await of the synchronous twin: passes catch (Exception), runs finally. */
    static final class ReturnHere extends Error {
        private static final long serialVersionUID = 1;

        ReturnHere() {
            super("return at the cancelled await", null, false, false);
        }
    }

    static volatile int stallAt;
    static int awaits;

    /** Waits on this thread until {@code future} is ready: plain blocking, nestable at any depth. */
    public static <T> T await(Future<T> future) {
        if (++awaits == stallAt) {
            // As if "return" ran here: no value, finally blocks run, catch (Exception) does not.
            throw new ReturnHere();
        }
        Thread thread = Thread.currentThread();
        AtomicBoolean woken = new AtomicBoolean();
        Context cx = Context.from(() -> {
            woken.set(true);
            LockSupport.unpark(thread);
        });
        for (;;) {
            Poll<T> poll = future.poll(cx);
            if (poll.isReady()) {
                return poll.get();
            }
            while (!woken.getAndSet(false)) {
                LockSupport.park(woken);
            }
        }
    }

    /** The twin's facade: a future that runs {@code body} (the method itself) when first polled. */
    public static <T> Future<T> defer(Callable<T> body) {
        return new Future<>() {
            private boolean done;

            @Override
            public Poll<T> poll(Context cx) {
                if (done) {
                    throw new IllegalStateException("polled after completion");
                }
                done = true;
                try {
                    return Poll.ready(body.call());
                } catch (Exception e) {
                    throw Leaves.Rethrow.unchecked(e);
                }
            }
        };
    }
}
