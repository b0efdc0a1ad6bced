package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One worker thread of a {@link MultiThread} runtime: its local queue, its LIFO slot, its
 * parker. Fields without a comment are touched by this thread only.
 */
final class Worker extends Thread {

    /** Polls between looks at the inject queue first, so that it is never starved. */
    private static final int GLOBAL_INTERVAL = 61;
    /** Polls between checks of the timers while busy (tokio's event interval). */
    private static final int EVENT_INTERVAL = 61;
    /** LIFO-slot polls in a row before the slot's task goes to the back instead. */
    private static final int MAX_LIFO_POLLS = 3;

    final MultiThread runtime;
    final int index;
    /** Stolen from by other workers. */
    final LocalQueue queue = new LocalQueue();
    /**
     * The task this worker polls (for spawn sites: {@link MultiThread#runningTask()}); this thread
     * only. Cleared when the worker goes looking for work, so that it keeps no completed task.
     */
    TaskCell<?> running;
    final Parker parker = new Parker(this);
    /** Guarded by the runtime's {@link Idle}: whether this worker is on its parked stack. */
    boolean sleeping;

    /** The task woken last by this worker, run next: a message's receiver runs while it is hot. */
    private TaskCell<?> lifo;
    private boolean searching;
    private int tick;

    Worker(MultiThread runtime, int index) {
        super(runtime.name() + "-worker-" + index);
        this.runtime = runtime;
        this.index = index;
        // As ForkJoinPool's and kotlinx's: a runtime nobody closed does not keep the JVM alive.
        setDaemon(true);
    }

    @Override
    public void run() {
        runtime.enter();
        try {
            while (!runtime.stopping) {
                tick++;
                if (tick % EVENT_INTERVAL == 0) {
                    runtime.fireDueTimers();
                }
                TaskCell<?> task = nextTask();
                if (task == null) {
                    task = search();
                }
                if (task != null) {
                    runTask(task);
                } else {
                    park();
                }
            }
        } finally {
            runtime.exit();
        }
    }

    /** This thread woke {@code task}: it takes the LIFO slot; the slot's old task goes to the queue. */
    void scheduleLocal(TaskCell<?> task) {
        TaskCell<?> previous = lifo;
        lifo = task;
        if (previous != null) {
            pushBack(previous);
        }
    }

    /**
     * To the back of the local queue. A parked worker is woken to steal only when this one has
     * more than the one task it runs next (the LIFO slot's, else the queue's head): a ping-pong
     * pair that left the LIFO slot does not wake a worker for each message.
     */
    private void pushBack(TaskCell<?> task) {
        queue.push(task, runtime.inject);
        if (lifo != null || queue.size() > 1) {
            runtime.idle.notifyOne();
        }
    }

    private TaskCell<?> nextTask() {
        if (tick % GLOBAL_INTERVAL == 0) {
            TaskCell<?> task = runtime.inject.pop();
            if (task != null) {
                return task;
            }
        }
        TaskCell<?> task = lifo;
        if (task != null) {
            lifo = null;
            return task;
        }
        task = queue.pop();
        return task != null ? task : pullInject();
    }

    /** With the local queue empty: takes a share of the inject queue there; one of them, or null. */
    private TaskCell<?> pullInject() {
        takeInjectedShare();
        return queue.pop();
    }

    /**
     * Moves a fair share of the inject queue (length / workers + 1, at most half a local queue
     * and at most its free slots but one) behind the local tasks: when the local queue ran
     * empty, and at a yield, so that a task that keeps yielding cannot hold the injected ones to
     * one every 61 polls.
     */
    private void takeInjectedShare() {
        InjectQueue inject = runtime.inject;
        if (inject.isEmpty()) {
            return;
        }
        int room = LocalQueue.CAPACITY - 1 - queue.size();     // stealers only make it larger
        int share = Math.min(inject.length() / runtime.workers.length + 1, Math.min(room, LocalQueue.CAPACITY / 2));
        inject.popInto(queue, share);
    }

    /** Steals from other workers, then the inject queue; as one of a bounded number of searchers. */
    private TaskCell<?> search() {
        if (!searching) {
            if (!runtime.idle.transitionToSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] workers = runtime.workers;
        int start = ThreadLocalRandom.current().nextInt(workers.length);
        for (int i = 0; i < workers.length; i++) {
            Worker victim = workers[(start + i) % workers.length];
            if (victim != this) {
                TaskCell<?> task = victim.queue.stealInto(queue);
                if (task != null) {
                    return task;
                }
            }
        }
        return pullInject();
    }

    private void runTask(TaskCell<?> task) {
        if (searching) {
            searching = false;
            if (runtime.idle.transitionFromSearching()) {
                runtime.idle.notifyOne();   // the last searcher found work: wake the next one
            }
        }
        int lifoPolls = 0;
        for (;;) {
            running = task;                 // for spawn sites: a plain store, read on this thread only
            if (task.run()) {
                // Woken during its poll (a yield, a spent budget): a fairness point. Timers due
                // meanwhile and a share of the inject queue go before it, then it goes to the back.
                runtime.fireDueTimers();
                takeInjectedShare();
                pushBack(task);
            }
            task = lifo;
            if (task == null) {
                running = null;
                return;
            }
            lifo = null;
            if (++lifoPolls > MAX_LIFO_POLLS) {
                pushBack(task);             // the guard: tasks that keep waking each other yield
                running = null;
                return;
            }
        }
    }

    /**
     * No work found: counted parked, then every queue is checked once more (a push before our
     * count changed notified nobody: see {@link Idle}), then the thread sleeps. One parked worker
     * at a time sleeps on the timer driver, until the next deadline; on a paused clock, the last
     * worker to go idle moves time to the next timer instead.
     */
    private void park() {
        boolean wasSearching = searching;
        searching = false;
        runtime.idle.transitionToParked(this, wasSearching);
        if (runtime.hasWork() || runtime.stopping) {
            wake();
            return;
        }
        if (runtime.idle.unparked() == 0) {
            runtime.runIdleListeners();
            if (runtime.config.paused && runtime.driver.pending() > 0 && !runtime.blockingBusy()
                    && runtime.idle.claimIdle(this)) {
                runtime.driver.advanceToNextAndFire();     // its wakes fill this worker's queue
                return;
            }
        }
        if (!runtime.config.paused && runtime.tryHoldDriver(this)) {
            try {
                parker.parkNanos(runtime.nanosUntilNextTimer());
            } finally {
                runtime.releaseDriver();
            }
        } else {
            parker.park();
        }
        wake();
        runtime.fireDueTimers();
    }

    /** After a park: counted unparked again; searching if a notifier woke it as a searcher. */
    private void wake() {
        if (!runtime.idle.unparkSelf(this)) {
            searching = true;
        }
    }

    /**
     * Any thread: ends this worker's park. {@link Idle#notifyOne} counted it unparked and
     * searching first; shutdown and the timer driver wake it to look at its state again.
     */
    void unpark() {
        parker.unpark();
    }
}
