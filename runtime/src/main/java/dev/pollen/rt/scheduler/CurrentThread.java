package dev.pollen.rt.scheduler;

import dev.pollen.Clock;
import dev.pollen.Future;
import dev.pollen.rt.task.TaskCell;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * Not API: the current-thread scheduler: no threads of its own; the thread in {@link #blockOn}
 * polls every task (tokio's {@code current_thread}). The right to poll, "the core", is held by
 * one thread at a time: a second thread in {@code blockOn} waits for its own root or for the
 * core, whichever comes first. The protocol is in {@code package-info.java}.
 */
public final class CurrentThread extends RuntimeCore {

    /** Polls between looks at the inject queue while the local queue has tasks (tokio: 31). */
    private static final int INJECT_INTERVAL = 31;
    /** Polls between checks of the timers while busy. */
    private static final int EVENT_INTERVAL = 61;

    /** The driving thread only. */
    private final RunQueue local = new RunQueue();
    private final InjectQueue inject = new InjectQueue();
    private final AtomicReference<Thread> coreOwner = new AtomicReference<>();
    /** The parker of the thread that holds the core, null when nobody does. */
    private volatile Parker driverParker;
    /** Whether the core's thread is parked (or nobody holds the core): for {@link #isIdle()}. */
    private volatile boolean parked = true;
    private final ConcurrentLinkedQueue<ThreadWaker> coreWaiters = new ConcurrentLinkedQueue<>();
    private int tick;
    /** The task the core's thread is polling (stale between polls, null once it let the core go). */
    private TaskCell<?> running;

    /** The runtime of {@link #blockOnThenCancel} on each thread, made at its first call. */
    private static final ThreadLocal<CurrentThread> OF_THREAD = ThreadLocal.withInitial(() -> LiveRuntimes.add(
            new CurrentThread(new Config("blockOn-" + Thread.currentThread().getName(), Clock.system(), false, 512,
                    Duration.ofSeconds(10)), true)));

    /** Whether this is a thread's runtime of {@code Executor.blockOn} (dumps leave it out while idle). */
    private final boolean ofThread;

    public CurrentThread(Config config) {
        this(config, false);
    }

    private CurrentThread(Config config, boolean ofThread) {
        super(config, 1);
        this.ofThread = ofThread;
    }

    /**
     * {@code Executor.blockOn}: runs {@code future} on this thread's own current-thread runtime,
     * then cancels the tasks still live and polls them through their cleanup (for at most
     * {@code timeout}; if some are still live after the grace period, that is reported once and
     * the polling goes on; what is left at the timeout is abandoned and reported) and reports
     * unobserved failures.
     * The runtime stays for the thread's next call: making and closing one per call would cost
     * more than a short future takes.
     */
    public static <T> T blockOnThenCancel(Future<T> future, Duration timeout) {
        CurrentThread runtime = OF_THREAD.get();
        try {
            return runtime.blockOn(future);
        } finally {
            runtime.endScope(timeout);
        }
    }

    private void endScope(Duration timeout) {
        long deadline = deadline(timeout);
        cancelLiveTasks();
        if (owned.size() > 0) {             // else the common end: nothing was left running
            drainOrReportAfterGrace(config.name + ": the root of Executor.blockOn completed", deadline, timeout);
            drain(deadline);
        }
        abandonLiveTasks(config.name + ": Executor.blockOn ended with", timeout);
        owned.reopen();
        reportUnobservedFailures();
    }

    @Override
    public void schedule(TaskCell<?> task) {
        if (Thread.currentThread() == coreOwner.get()) {
            local.add(task);
        } else {
            inject.push(task);
            Parker driver = driverParker;
            if (driver != null) {
                driver.unpark();
            } else {
                wakeCoreWaiter();
            }
        }
    }

    /** The calling thread polls the root and every task while it holds the core, else waits for it. */
    @Override
    void awaitRoot(ThreadWaker caller, TaskCell<?> root) {
        if (!runWithCore(caller, root::isDone, Long.MAX_VALUE)) {
            waitForCore(caller, Long.MAX_VALUE);
        }
    }

    /**
     * Takes the core if it is free and polls tasks until {@code done} or {@code deadline};
     * false if another thread holds the core.
     */
    private boolean runWithCore(ThreadWaker me, BooleanSupplier done, long deadline) {
        if (!coreOwner.compareAndSet(null, me.thread)) {
            return false;
        }
        driverParker = me.parker;
        parked = false;
        enter();
        try {
            while (!done.getAsBoolean() && deadline - System.nanoTime() > 0) {
                if (!runOne()) {
                    idle(me, deadline);
                }
            }
        } finally {
            exit();
            running = null;
            parked = true;
            driverParker = null;
            coreOwner.set(null);
            // Tasks may be queued that nobody polls now: hand the core to a waiting thread.
            wakeCoreWaiter();
        }
        return true;
    }

    private void waitForCore(ThreadWaker me, long deadline) {
        coreWaiters.add(me);
        try {
            if (coreOwner.get() != null) {          // re-check after joining the waiters
                me.parkNanos(deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime());
            }
        } finally {
            coreWaiters.remove(me);
        }
    }

    private void wakeCoreWaiter() {
        ThreadWaker waiter = coreWaiters.peek();
        if (waiter != null) {
            waiter.wake();
        }
    }

    /** Polls one task; false if none is queued. */
    private boolean runOne() {
        tick++;
        if (tick % EVENT_INTERVAL == 0) {
            fireDueTimers();
        }
        if (tick % INJECT_INTERVAL == 0 || local.isEmpty()) {
            drainInject();
        }
        TaskCell<?> task = local.poll();
        if (task == null) {
            return false;
        }
        running = task;
        if (task.run()) {
            // Woken during its poll (a yield, a spent budget): due timers and the tasks woken
            // from other threads go before it, then it goes to the back.
            fireDueTimers();
            drainInject();
            local.add(task);
        }
        return true;
    }

    private void drainInject() {
        TaskCell<?> task;
        while ((task = inject.pop()) != null) {
            local.add(task);
        }
    }

    /** No task queued: fires due timers, or moves a paused clock, or sleeps until woken. */
    private void idle(ThreadWaker me, long deadline) {
        running = null;                     // keep no completed task while idle
        if (fireDueTimers() > 0) {
            return;
        }
        parked = true;
        try {
            if (!inject.isEmpty()) {
                return;
            }
            if (config.paused && driver.pending() > 0 && !blockingBusy()) {
                driver.advanceToNextAndFire();
                return;
            }
            runIdleListeners();
            long timeout = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            me.parkNanos(Math.min(timeout, nanosUntilNextTimer()));
        } finally {
            parked = false;
        }
    }

    @Override
    TaskCell<?> runningTask() {
        return Thread.currentThread() == coreOwner.get() ? running : null;
    }

    @Override
    public String kind() {
        return "current-thread";
    }

    @Override
    public boolean listedWhenIdle() {
        return !ofThread;
    }

    @Override
    int shardHint() {
        return Thread.currentThread() == coreOwner.get() ? 0 : 1 + (int) Thread.currentThread().getId();
    }

    @Override
    void onEarlierDeadline() {
        Parker driver = driverParker;
        if (driver != null && Thread.currentThread() != coreOwner.get()) {
            driver.unpark();
        }
    }

    @Override
    void blockingIdle() {
        Parker driver = driverParker;
        if (driver != null && config.paused) {
            driver.unpark();
        }
    }

    @Override
    public boolean isIdle() {
        return parked && inject.isEmpty() && !blockingBusy();
    }

    @Override
    void drained() {
        Parker driver = driverParker;
        if (driver != null) {
            driver.unpark();
        }
        wakeCoreWaiter();
    }

    /** Shutdown: the closing thread polls the cancelled tasks itself (or waits for who does). */
    @Override
    boolean drain(long deadline) {
        if (owned.size() == 0) {
            return true;                    // the common end of an Executor.blockOn
        }
        ThreadWaker me = new ThreadWaker();
        try {
            while (owned.size() > 0 && deadline - System.nanoTime() > 0) {
                if (!runWithCore(me, () -> owned.size() == 0, deadline)) {
                    waitForCore(me, deadline);
                }
            }
        } finally {
            me.restoreInterrupt();
        }
        return owned.size() == 0;
    }

    @Override
    boolean stopWorkers(long deadline) {
        return true;                        // no threads of its own
    }
}
