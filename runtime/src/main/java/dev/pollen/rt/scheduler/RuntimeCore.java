package dev.pollen.rt.scheduler;

import dev.pollen.Clock;
import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.blocking.BlockingPool;
import dev.pollen.rt.debug.TaskDump;
import dev.pollen.rt.task.OwnedTasks;
import dev.pollen.rt.task.RootCell;
import dev.pollen.rt.task.Scheduler;
import dev.pollen.rt.task.SpawnSites;
import dev.pollen.rt.task.TaskCell;
import dev.pollen.rt.time.IdleSource;
import dev.pollen.rt.time.TimeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not API: what both schedulers share: the live-task list, the timer driver, the blocking pool,
 * spawning, shutdown, and the reports of unobserved failures ({@link FailureReport}) and of
 * cancelled tasks that do not finish ({@link HangReport}). A subclass supplies the run queues
 * and the threads that poll tasks.
 *
 * <p>Shutdown ({@link #shutdown}): the task list is closed, every live task (and every task
 * spawned from then on) gets a cancel request, and the workers poll them until the list is
 * empty or the timeout passed; later spawns complete at once with
 * {@code CancellationException}, unpolled. If tasks are still live after the grace period
 * ({@link Config#cancelGrace}, shorter than the timeout), that is reported once, with a dump of
 * what they wait on, and the polling goes on. Then the workers stop; a task still
 * live is abandoned (completed with {@code CancellationException} without another poll, and
 * reported with what it was: a task that ignores {@code cancel()} and never wakes cannot hold
 * shutdown forever); timers are closed; the blocking pool gets what is left of the timeout.
 */
public abstract class RuntimeCore implements Scheduler, IdleSource {

    private static final ThreadLocal<RuntimeCore> CURRENT = new ThreadLocal<>();

    private static final int RUNNING = 0;
    private static final int SHUTTING_DOWN = 1;
    private static final int TERMINATED = 2;

    final Config config;
    final OwnedTasks owned;
    final TimeDriver driver;
    private final AtomicInteger lifecycle = new AtomicInteger(RUNNING);
    private final List<TaskCell<?>> failed = Collections.synchronizedList(new ArrayList<>());
    private final CopyOnWriteArrayList<Runnable> idleListeners = new CopyOnWriteArrayList<>();
    private volatile BlockingPool blocking;
    private volatile boolean cleanShutdown;

    RuntimeCore(Config config, int workers) {
        this.config = config;
        this.owned = new OwnedTasks(workers);
        this.driver = new TimeDriver(config.clock, this::onEarlierDeadline);
    }

    /** The runtime whose task this thread is polling (a worker, or a thread in blockOn), or null. */
    public static RuntimeCore current() {
        return CURRENT.get();
    }

    /** Binds this thread to the runtime: spawns, timers and idleness go to it. */
    final void enter() {
        CURRENT.set(this);
        TimeDriver.bind(driver);
        IdleSource.bind(this);
    }

    final void exit() {
        CURRENT.set(null);              // not remove(): see TimeDriver.bind
        TimeDriver.bind(null);
        IdleSource.bind(null);
    }

    public final Clock clock() {
        return config.clock;
    }

    public final String name() {
        return config.name;
    }

    /** Any thread: a new task running {@code future}, queued at once. */
    public final <T> TaskCell<T> spawn(Future<T> future) {
        return start(new TaskCell<>(this, future, false));
    }

    /**
     * Any thread: links a new task made for this runtime and queues it; during shutdown it is
     * cancelled (or, once sealed, completed at once, never run). {@link #spawn} and a
     * {@link dev.pollen.TaskScope}'s children come here.
     */
    public final <T> TaskCell<T> start(TaskCell<T> task) {
        if (!task.isRoot()) {
            RuntimeCore spawner = CURRENT.get();
            TaskCell<?> by = spawner == null ? null : spawner.runningTask();
            SpawnSites.record(task, by, by == null ? null : spawner.name(), spawner == this);
        }
        switch (owned.add(task, shardHint())) {
            case OwnedTasks.ADDED:
                schedule(task);
                break;
            case OwnedTasks.ADDED_CANCEL:
                task.requestCancel();   // sets CANCELLED; the task is NOTIFIED already: queue it
                schedule(task);
                break;
            default:
                task.completeUnstarted(task.name() + " was spawned after " + config.name + " shut down: not run");
                break;
        }
        return task;
    }

    /**
     * Runs {@code future} as a root task until it completes and returns its value or throws
     * its failure; the calling thread (not one of a runtime's) waits as {@link #awaitRoot}
     * says. Interrupts are cleared while waiting and restored before returning.
     */
    public final <T> T blockOn(Future<T> future) {
        ThreadWaker caller = new ThreadWaker();
        TaskCell<T> root = start(new RootCell<>(this, future));
        Context cx = Context.from(caller);
        try {
            for (;;) {
                Poll<T> poll = root.poll(cx);       // the handle's poll: registers the caller's waker
                if (poll.isReady()) {
                    return poll.get();
                }
                awaitRoot(caller, root);
            }
        } finally {
            caller.restoreInterrupt();
        }
    }

    /** The task this thread is polling for this runtime, or null (for spawn sites and parents). */
    abstract TaskCell<?> runningTask();

    /** For dumps: {@code multi-thread, 4 workers} or {@code current-thread}. */
    public abstract String kind();

    /**
     * For a dump of every runtime: whether to list this one when it has no live task; false for
     * the runtime of {@code Executor.blockOn} of each thread (a server may have hundreds).
     */
    public boolean listedWhenIdle() {
        return true;
    }

    /** For dumps: the live tasks now, blockOn roots included, in no particular order. */
    public final List<TaskCell<?>> liveTasks() {
        return owned.snapshot();
    }

    /** The thread in blockOn, its root not complete: returns when it may have progressed. */
    abstract void awaitRoot(ThreadWaker caller, TaskCell<?> root);

    /** Any thread: runs {@code call} on the blocking pool, made when first needed. */
    public final <T> Future<T> spawnBlocking(java.util.concurrent.Callable<T> call) {
        if (lifecycle.get() != RUNNING) {
            return new Future<>() {     // as a spawn after shutdown: completes at once, not run
                @Override
                public Poll<T> poll(Context cx) {
                    throw new java.util.concurrent.CancellationException(
                            "spawnBlocking after " + config.name + " shut down: not run");
                }
            };
        }
        BlockingPool pool = blocking;
        if (pool == null) {
            synchronized (this) {
                pool = blocking;
                if (pool == null) {
                    pool = new BlockingPool(config.name, config.maxBlockingThreads, config.blockingKeepAlive);
                    pool.addIdleListener(this::blockingIdle);
                    blocking = pool;
                }
            }
        }
        return pool.submit(call);
    }

    @Override
    public final void release(TaskCell<?> task) {
        if (owned.inShard(task, shardHint())) {
            owned.remove(task);         // else its shard's next sweep unlinks it (OwnedTasks)
        }
        if (!task.isRoot() && task.unobservedFailure() != null) {
            failed.add(task);
        }
        if (owned.isClosing()) {
            drained();
        }
    }

    /** The shard of the live-task list for a spawn on this thread: a worker's own. */
    abstract int shardHint();

    /** A task completed during shutdown: the subclass checks whether the list is empty now. */
    abstract void drained();

    /** A timer earlier than any the sleeping driver waits for was added. */
    abstract void onEarlierDeadline();

    /** The blocking pool has no call left: virtual time may move again. */
    abstract void blockingIdle();

    /**
     * Fires the timers due now and returns how many; none on a paused clock, whose time moves
     * only when the runtime is idle.
     */
    final int fireDueTimers() {
        return !config.paused && driver.pending() > 0 ? driver.fireDue() : 0;
    }

    /** Nanoseconds until the next timer is due on the real clock; Long.MAX_VALUE if none (or paused). */
    final long nanosUntilNextTimer() {
        long next = config.paused || driver.pending() == 0 ? Long.MAX_VALUE : driver.nextDeadline();
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, next - config.clock.nanoTime());
    }

    /** Whether blocking calls are queued or running (virtual time waits for them). */
    final boolean blockingBusy() {
        BlockingPool pool = blocking;
        return pool != null && pool.active() > 0;
    }

    @Override
    public final boolean isClosed() {
        return lifecycle.get() == TERMINATED;
    }

    // ---- IdleSource: virtual time of a Reactor waits for the runtimes that use it

    @Override
    public final void addIdleListener(Runnable listener) {
        idleListeners.add(listener);
    }

    @Override
    public final void removeIdleListener(Runnable listener) {
        idleListeners.remove(listener);
    }

    /** The thread that made the runtime idle. */
    final void runIdleListeners() {
        for (Runnable listener : idleListeners) {
            listener.run();
        }
    }

    // ---- shutdown

    /**
     * Cancels every live task and waits up to {@code timeout} for them; see the class comment.
     * Returns true if every task completed (none was abandoned) and every thread ended. A second
     * call waits for the first one's end.
     *
     * @throws IllegalStateException if called from a task of this runtime (it would wait for itself)
     */
    public final boolean shutdown(Duration timeout) {
        if (current() == this) {
            throw new IllegalStateException("shutdown of " + config.name + " called from one of its own tasks:"
                    + " it would wait for itself; close the runtime from the thread that built it");
        }
        if (!lifecycle.compareAndSet(RUNNING, SHUTTING_DOWN)) {
            awaitTerminated();
            return cleanShutdown;
        }
        long deadline = deadline(timeout);
        cancelLiveTasks();
        String when = config.name + " is shutting down";
        boolean reported = drainOrReportAfterGrace(when, deadline, timeout);
        drain(deadline);
        owned.seal();
        // Tasks spawned between the drain's end and the seal were cancelled too: drain them.
        if (!reported) {
            drainOrReportAfterGrace(when, deadline, timeout);
        }
        boolean clean = drain(deadline);
        clean &= stopWorkers(deadline);
        boolean none = abandonLiveTasks(config.name + " shut down with", timeout);
        driver.close();
        BlockingPool pool = blocking;
        if (pool != null) {
            clean &= pool.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        reportUnobservedFailures();
        cleanShutdown = clean && none;
        LiveRuntimes.remove(this);
        synchronized (lifecycle) {
            lifecycle.set(TERMINATED);
            lifecycle.notifyAll();
        }
        return cleanShutdown;
    }

    static long deadline(Duration timeout) {
        return System.nanoTime() + capped(timeout);
    }

    /** {@code timeout} in nanoseconds, at most a quarter of the range: a deadline cannot overflow. */
    private static long capped(Duration timeout) {
        return Math.max(0, Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    }

    /** Closes the live-task list (later spawns are cancelled too) and cancels every live task. */
    final void cancelLiveTasks() {
        for (TaskCell<?> task : owned.close()) {
            task.requestCancel();
        }
    }

    /**
     * The cancelled tasks were given until {@code deadline} ({@code timeout} after the cancel):
     * polls them until the grace period after the cancel ends; if some are still live then,
     * reports them once ({@link HangReport#stillCancelling}), with the unobserved failures so
     * far, and returns true, so that the caller drains on until the deadline. Nothing to report if the grace period is not shorter
     * than the timeout (the abandonment report comes at the same time).
     */
    final boolean drainOrReportAfterGrace(String when, long deadline, Duration timeout) {
        Duration grace = config.cancelGrace;
        if (grace.compareTo(timeout) >= 0) {
            return false;
        }
        long graceEnd = deadline - capped(timeout) + capped(grace);    // as deadline() made it
        if (drain(graceEnd)) {
            return false;
        }
        List<TaskCell<?>> live = owned.snapshot();
        if (live.isEmpty()) {
            return false;
        }
        HangReport.stillCancelling(when, live, grace, timeout);
        // A failure nobody awaited is said now, not after the wait on (up to the timeout).
        reportUnobservedFailures();
        return true;
    }

    /**
     * After the drain: completes every task still live without polling it again, and reports
     * them with a dump of what they were ({@code ended}: "pollen-3 shut down with"); true if
     * there was none.
     */
    final boolean abandonLiveTasks(String ended, Duration timeout) {
        List<TaskCell<?>> live = owned.snapshot();
        if (live.isEmpty()) {
            return true;
        }
        String dump = TaskDump.tasks(live);     // what they were, before they are completed
        for (TaskCell<?> task : live) {
            if (task.abandon()) {
                owned.remove(task);
            }
        }
        HangReport.abandoned(ended, live.size(), dump, timeout);
        return false;
    }

    /** Polls the cancelled tasks until none is live or {@code deadline}; true if none is. */
    abstract boolean drain(long deadline);

    /** Stops the worker threads (waiting for them until {@code deadline}); true if all ended. */
    abstract boolean stopWorkers(long deadline);

    private void awaitTerminated() {
        boolean interrupted = false;
        synchronized (lifecycle) {
            while (lifecycle.get() != TERMINATED) {
                try {
                    lifecycle.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Failures of tasks that nobody took through their handle (and that are not the
     * cancellations shutdown made) are reported on this thread, the one that ends the runtime's
     * work: see {@link FailureReport}.
     */
    final void reportUnobservedFailures() {
        List<TaskCell<?>> copy;
        synchronized (failed) {
            copy = new ArrayList<>(failed);
            failed.clear();
        }
        for (TaskCell<?> task : copy) {
            Throwable failure = task.unobservedFailure();   // null if the handle took it since
            if (failure != null) {
                FailureReport.unobserved(task, failure);
            }
        }
    }

    /** A runtime's settings, fixed when it is built. */
    public static final class Config {
        final String name;
        final Clock clock;
        final boolean paused;
        final int maxBlockingThreads;
        final Duration blockingKeepAlive;
        /**
         * How long the end of a blockOn or a shutdown polls the tasks it cancelled before it
         * reports that they are still live (and polls on until its timeout).
         */
        final Duration cancelGrace;

        /** With the default grace period (see the other constructor). */
        public Config(String name, Clock clock, boolean paused, int maxBlockingThreads, Duration blockingKeepAlive) {
            this(name, clock, paused, maxBlockingThreads, blockingKeepAlive, null);
        }

        /**
         * {@code cancelGrace} null: the default, {@code -Dpollen.cancelGraceMillis} or 1 s
         * (the property is read now).
         */
        public Config(String name, Clock clock, boolean paused, int maxBlockingThreads, Duration blockingKeepAlive,
                Duration cancelGrace) {
            this.name = name;
            this.clock = clock;
            this.paused = paused;
            this.maxBlockingThreads = maxBlockingThreads;
            this.blockingKeepAlive = blockingKeepAlive;
            this.cancelGrace = cancelGrace != null ? cancelGrace : HangReport.defaultGrace();
        }
    }
}
