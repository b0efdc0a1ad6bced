package dev.pollen;

import java.util.Objects;

/**
 * Runs futures: {@link #blockOn} drives a root future, and the tasks it {@link #spawn}s, on the
 * calling thread.
 */
public final class Executor {

    private static final ThreadLocal<LocalExecutor> CURRENT = new ThreadLocal<>();

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
     *       {@link Future#cancel()} and is polled (when woken) until it completes; then this
     *       method returns. A task that never completes after cancel keeps it waiting.</li>
     *   <li>A task failure that nobody took through its {@link JoinHandle} (and that is not the
     *       {@code CancellationException} of a cancel made by Pollen or a handle) is passed to
     *       this thread's {@link Thread#getUncaughtExceptionHandler() uncaught exception
     *       handler} before this method returns (by default it prints to standard error).</li>
     * </ul>
     *
     * @throws IllegalStateException if called from a future that an executor is polling on this
     *     thread (it would deadlock: await the future instead)
     */
    public static <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        if (CURRENT.get() != null) {
            throw new IllegalStateException("blockOn called from inside a future polled by an "
                    + "executor: this would deadlock; await the future instead");
        }
        LocalExecutor executor = new LocalExecutor();
        CURRENT.set(executor);
        try {
            return executor.run(future);
        } finally {
            CURRENT.remove();
        }
    }

    /**
     * Runs {@code future} as its own task of the executor running on this thread: it is
     * scheduled at once and makes progress while the spawner waits for something else. Its
     * value or failure is taken by polling (awaiting) the returned handle.
     *
     * @throws IllegalStateException if no {@code blockOn} is running on this thread
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        LocalExecutor executor = CURRENT.get();
        if (executor == null) {
            throw new IllegalStateException(
                    "spawn called outside an executor: call it from a future run by Executor.blockOn");
        }
        return executor.spawn(future);
    }
}
