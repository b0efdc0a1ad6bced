package dev.pollen;

import dev.pollen.rt.debug.TaskDump;
import dev.pollen.rt.scheduler.CurrentThread;
import dev.pollen.rt.scheduler.LiveRuntimes;
import dev.pollen.rt.scheduler.MultiThread;
import dev.pollen.rt.scheduler.RuntimeCore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime: the threads that poll tasks, their run queues, a timer driver and a pool for
 * blocking calls. Two kinds, built with {@link #builder()}:
 * <ul>
 *   <li><b>multi-threaded</b> (the default): N worker threads (default: the available
 *       processors), each with its own run queue; idle workers steal from busy ones. A task
 *       may move between workers between two polls, never during one.</li>
 *   <li><b>current-thread</b>: no threads of its own; the thread in {@link #blockOn} polls
 *       every task (what {@link Executor#blockOn} uses).</li>
 * </ul>
 * Inside a task, {@link Executor#spawn}, {@link Executor#spawnBlocking} and
 * {@link dev.pollen.time.Time} go to the task's own runtime.
 *
 * <p><b>Fairness.</b> Every poll of a task has a budget of 1,024 iterations of loops that
 * await; then the task yields (see {@link Context}). Wakes from other threads and spawns from outside
 * go to a global queue that workers look at every 61 polls at least.
 *
 * <p><b>Threads.</b> Workers are named {@code <name>-worker-N} and blocking threads
 * {@code <name>-blocking-N}; both are daemon threads (as {@code ForkJoinPool}'s), so a runtime
 * that nobody closed does not keep the JVM alive: close it (try-with-resources) to let its
 * tasks finish their cleanup.
 *
 * <p><b>Shutdown.</b> {@link #close()} (or {@link #shutdown(Duration)}) cancels every live task
 * and keeps polling them while they run their cleanup ({@code finally} blocks), for at most the
 * shutdown timeout (default 10 s). If some are still live after the grace period
 * ({@link Builder#cancelGrace}, default 1 s), a warning on the {@code System.Logger} named
 * {@code dev.pollen} says so once, with a dump of what they wait on, and the polling goes on:
 * <pre>
 * pollen-1 is shutting down, and 1 task is still live 1000 ms after it was cancelled (a future
 * that ignores cancel() and is never woken, or a cleanup that takes long); it is polled on when
 * woken, for at most 10000 ms after the cancel, then abandoned. What it waits on:
 *   task 4 (spawned at Crawl.java:27), idle, cancelling
 *       at Crawl.fetch (Crawl.java:13) (cancelled)
 *       awaiting Socket.read (ignores cancel)
 * </pre>
 * A task still live at the timeout (a future that ignores {@code cancel()} and is never woken)
 * is abandoned: completed with {@code CancellationException} without another poll, and
 * reported on the same logger with the same dump. A task whose poll has not returned is
 * reported too; it keeps its thread, and its handle completes with that exception when (if
 * ever) the poll returns. {@link #blockOn} does not cancel what its root leaves behind: those
 * tasks run on until the shutdown.
 *
 * <p><b>Unobserved failures.</b> A task failure that nobody took through a handle is reported
 * by the closing thread: to its uncaught-exception handler or the default one if the program
 * installed one (the failure itself, the same object), else to {@code System.err}, naming the
 * task and where it was spawned, in words that do not look like a dying thread:
 * {@code Pollen: task 3 (spawned at Demo.java:40) failed and nothing awaited its JoinHandle:}
 * followed by its stack trace. Spawns after shutdown began complete at once with
 * {@code CancellationException}.
 */
public final class AsyncRuntime implements AutoCloseable {

    private static final AtomicInteger RUNTIME_NUMBER = new AtomicInteger();

    private final RuntimeCore core;
    private final Duration shutdownTimeout;

    private AsyncRuntime(RuntimeCore core, Duration shutdownTimeout) {
        this.core = core;
        this.shutdownTimeout = shutdownTimeout;
    }

    /** A builder; by default a multi-threaded runtime with one worker per available processor. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code builder().currentThread().build()}. */
    public static AsyncRuntime currentThread() {
        return builder().currentThread().build();
    }

    /** {@code builder().build()}: a multi-threaded runtime with one worker per processor. */
    public static AsyncRuntime multiThread() {
        return builder().build();
    }

    /**
     * Runs {@code future} until it completes and returns its value, or throws its failure (the
     * same object, checked exceptions included). On a current-thread runtime the calling thread
     * polls it and every task; on a multi-threaded one it runs as a task on the workers while the
     * calling thread waits. Interrupts do not end the wait: the flag is cleared while waiting
     * and restored before this method returns. Callable from several threads at once.
     *
     * @throws IllegalStateException if called from a task of any runtime (it would block a thread
     *     that polls tasks: await the future instead)
     * @throws java.util.concurrent.CancellationException if the runtime is (being) shut down
     */
    public <T> T blockOn(Future<T> future) {
        Objects.requireNonNull(future, "future");
        Executor.refuseInsideTask("blockOn");
        return core.blockOn(future);
    }

    /**
     * Runs {@code future} as a task of this runtime, from any thread; its handle gives its value
     * or failure. Dropping the handle does not cancel the task.
     */
    public <T> JoinHandle<T> spawn(Future<T> future) {
        return core.spawn(Objects.requireNonNull(future, "future"));
    }

    /**
     * Runs {@code call} on this runtime's pool of blocking threads (made when first needed, at
     * most {@link Builder#maxBlockingThreads} threads, idle ones retire after
     * {@link Builder#blockingKeepAlive}), so that no worker stalls on it; the returned future
     * is ready with its value or throws its exception. Cancelling it before the call starts
     * means it never runs; once running, the thread is interrupted and the future completes
     * when the call returns. After shutdown, the future completes at once with
     * {@code CancellationException}, unrun.
     */
    public <T> Future<T> spawnBlocking(Callable<T> call) {
        return core.spawnBlocking(Objects.requireNonNull(call, "call"));
    }

    /** This runtime's clock: real time, or a paused virtual clock ({@link Builder#startPaused}). */
    public Clock clock() {
        return core.clock();
    }

    /** Shuts down with the builder's shutdown timeout; see {@link #shutdown(Duration)}. */
    @Override
    public void close() {
        shutdown(shutdownTimeout);
    }

    /**
     * Cancels every live task, polls them through their cleanup for at most {@code timeout}
     * (reporting, once, tasks still live after the grace period), then stops the workers,
     * abandons and reports what is left (see the class comment).
     * Returns true if every task completed and every thread ended in time. Idempotent: a later
     * call waits for the first one to end.
     *
     * @throws IllegalStateException if called from a task of this runtime
     */
    public boolean shutdown(Duration timeout) {
        return core.shutdown(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * A dump of this runtime's live tasks as text, for a person: each task with where it was
     * spawned, what it is doing and the chain of {@code @Async} methods it is suspended in, down
     * to the future it waits on; tasks under the task that spawned them. A debug view: taken
     * while the tasks run, it may be a moment old. The format is documented in
     * {@link dev.pollen.debug}; {@link dev.pollen.debug.Tasks#dump()} dumps every runtime.
     */
    public String dumpTasks() {
        return TaskDump.runtime(core);
    }

    @Override
    public String toString() {
        return core.name();
    }

    /** Settings of a new {@link AsyncRuntime}. */
    public static final class Builder {

        private boolean multiThread = true;
        /** 0: the available processors, asked at build (it reads the OS: not for a current-thread runtime). */
        private int workers;
        private boolean startPaused;
        private String name;
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private int maxBlockingThreads = 512;
        private Duration blockingKeepAlive = Duration.ofSeconds(10);
        /** null: {@code -Dpollen.cancelGraceMillis} or 1 s, read at build. */
        private Duration cancelGrace;

        private Builder() {}

        /** A runtime with no threads of its own: the thread in {@code blockOn} polls the tasks. */
        public Builder currentThread() {
            multiThread = false;
            return this;
        }

        /** A runtime with worker threads (the default). */
        public Builder multiThread() {
            multiThread = true;
            return this;
        }

        /** The number of worker threads of a multi-threaded runtime (default: available processors). */
        public Builder workers(int count) {
            if (count < 1 || count > 32_767) {
                throw new IllegalArgumentException("workers must be between 1 and 32767, not " + count);
            }
            workers = count;
            return this;
        }

        /**
         * Starts the runtime on a paused virtual clock (default false): time stands still while
         * any worker can run, and jumps to the next timer when every worker is idle and no
         * blocking call runs (tokio's {@code start_paused}). For tests of code with timers: they
         * take no real time. The clock belongs to this runtime alone.
         */
        public Builder startPaused(boolean paused) {
            startPaused = paused;
            return this;
        }

        /** The name in thread names and reports (default {@code pollen-N}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** How long {@link AsyncRuntime#close()} waits for cancelled tasks (default 10 s). */
        public Builder shutdownTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("negative shutdown timeout: " + timeout);
            }
            shutdownTimeout = timeout;
            return this;
        }

        /**
         * How long {@link AsyncRuntime#close()} polls the tasks it cancelled before it reports,
         * once, that some are still live, with a dump of what they wait on (default 1 s, or
         * {@code -Dpollen.cancelGraceMillis=N}); it goes on polling them until the shutdown
         * timeout. A grace period not shorter than the timeout means no such report (the
         * abandonment report at the timeout still comes).
         */
        public Builder cancelGrace(Duration grace) {
            if (Objects.requireNonNull(grace, "grace").isNegative()) {
                throw new IllegalArgumentException("negative cancel grace period: " + grace);
            }
            cancelGrace = grace;
            return this;
        }

        /** The most threads running blocking calls at once (default 512); later calls queue. */
        public Builder maxBlockingThreads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("maxBlockingThreads must be at least 1, not " + count);
            }
            maxBlockingThreads = count;
            return this;
        }

        /** How long an idle blocking thread lives (default 10 s). */
        public Builder blockingKeepAlive(Duration keepAlive) {
            if (keepAlive.isNegative()) {
                throw new IllegalArgumentException("negative keep-alive: " + keepAlive);
            }
            blockingKeepAlive = keepAlive;
            return this;
        }

        /**
         * @throws IllegalStateException if {@link #workers} was set for a current-thread runtime
         */
        public AsyncRuntime build() {
            if (!multiThread && workers > 0) {
                throw new IllegalStateException("workers(" + workers + ") set for a current-thread runtime, which has"
                        + " no workers (the thread in blockOn polls its tasks): drop it, or build a multiThread()"
                        + " runtime");
            }
            String runtimeName = name != null ? name : "pollen-" + RUNTIME_NUMBER.incrementAndGet();
            Clock clock = startPaused ? Clock.virtual() : Clock.system();
            RuntimeCore.Config config = new RuntimeCore.Config(
                    runtimeName, clock, startPaused, maxBlockingThreads, blockingKeepAlive, cancelGrace);
            int workerCount = workers > 0 ? workers : java.lang.Runtime.getRuntime().availableProcessors();
            RuntimeCore core = multiThread ? new MultiThread(config, workerCount) : new CurrentThread(config);
            return new AsyncRuntime(LiveRuntimes.add(core), shutdownTimeout);
        }
    }
}
