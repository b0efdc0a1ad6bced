package dev.pollen;

import dev.pollen.rt.scheduler.CurrentThread;
import dev.pollen.rt.scheduler.RuntimeCore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The simple entry points: {@link #blockOn} runs a future, and the tasks it {@link #spawn}s, on
 * the calling thread (the thread's own current-thread runtime); inside any task,
 * {@code spawn}, {@link #spawnBlocking} and {@link #yieldNow} act on the task's own runtime.
 */
public final class Executor {

    private Executor() {}

    /**
     * Runs {@code future} on the calling thread until it completes, together with every task
     * spawned meanwhile, and returns its value or throws its failure (the same object, checked
     * exceptions included).
     *
     * <ul>
     *   <li>The thread polls a task only after it was woken, and sleeps otherwise; it never spins.
     *       Spurious and foreign {@code LockSupport.unpark} calls are harmless.</li>
     *   <li>An interrupt does not end the wait: the flag is cleared while waiting and restored
     *       before this method returns or throws.</li>
     *   <li>When the root completes, the tasks still pending are cancelled: each gets
     *       {@link Future#cancel()} and is polled (when woken) until it completes, for at most
     *       10 s. If some are still pending after a grace period (1 s by default;
     *       {@code -Dpollen.cancelGraceMillis=N}, read at the thread's first call), a warning on
     *       the {@code System.Logger} named {@code dev.pollen} says so once, with a dump of what
     *       they wait on, and the wait goes on: their cleanup ({@code finally} blocks) still
     *       runs. A task still pending at 10 s is abandoned and reported the same way (see
     *       {@link AsyncRuntime}); this method then returns.</li>
     *   <li>A task failure that nobody took through its {@link JoinHandle} (and that is not the
     *       {@code CancellationException} of a cancel made by Pollen or a handle) is reported
     *       before this method returns: to this thread's uncaught-exception handler or the
     *       default one if the program installed one (the failure itself), else to
     *       {@code System.err} as {@code Pollen: task 3 (spawned at Demo.java:40) failed and
     *       nothing awaited its JoinHandle:} followed by its stack trace.</li>
     * </ul>
     *
     * @throws IllegalStateException if called from a future that a runtime is polling on this
     *     thread (it would deadlock: await the future instead)
     */
    public static <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        refuseInsideTask("blockOn");
        return CurrentThread.blockOnThenCancel(future, Duration.ofSeconds(10));
    }

    /**
     * Runs {@code future} as its own task of the runtime polling the current task: it is
     * scheduled at once and makes progress while the spawner waits for something else. Its
     * value or failure is taken by polling (awaiting) the returned handle.
     *
     * @throws IllegalStateException if no runtime is polling a task on this thread
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        return current("spawn").spawn(future);
    }

    /**
     * Runs {@code call} on the blocking pool of the runtime polling the current task; see
     * {@link AsyncRuntime#spawnBlocking}.
     *
     * @throws IllegalStateException if no runtime is polling a task on this thread
     */
    public static <T> Future<T> spawnBlocking(Callable<T> call) {
        Objects.requireNonNull(call, "call");
        return current("spawnBlocking").spawnBlocking(call);
    }

    /**
     * A future that is pending once, having woken its task, then ready: awaiting it lets the
     * runtime poll the other tasks queued meanwhile (the task goes to the back of its queue).
     */
    public static Future<Void> yieldNow() {
        return new YieldNow();
    }

    static void refuseInsideTask(String what) {
        if (RuntimeCore.current() != null) {
            throw new IllegalStateException(what + " called from inside a future polled by a Pollen runtime: it would"
                    + " block a thread that polls tasks (a deadlock on a current-thread runtime); await the future"
                    + " instead");
        }
    }

    private static RuntimeCore current(String what) {
        RuntimeCore core = RuntimeCore.current();
        if (core == null) {
            throw new IllegalStateException(what + " called outside a Pollen runtime: call it from a future run by"
                    + " Executor.blockOn or an AsyncRuntime, or call the runtime's own " + what);
        }
        return core;
    }

    /** {@link #yieldNow()}. */
    private static final class YieldNow implements Future<Void> {
        private static final int NEW = 0;
        private static final int YIELDED = 1;
        private static final int DONE = 2;

        private int state = NEW;

        @Override
        public Poll<Void> poll(Context cx) {
            switch (state) {
                case NEW:
                    state = YIELDED;
                    cx.waker().wake();
                    return Poll.pending();
                case YIELDED:
                    state = DONE;
                    return Poll.ready(null);
                default:
                    throw new IllegalStateException("polled after completion");
            }
        }

        @Override
        public String toString() {
            return "Executor.yieldNow()";
        }
    }
}
