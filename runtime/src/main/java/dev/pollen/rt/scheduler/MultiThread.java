package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Not API: the multi-threaded scheduler: N {@link Worker} threads, each with a local queue that
 * the others steal from, a LIFO slot, and a parker; an {@link InjectQueue} for spawns and wakes
 * from other threads; {@link Idle} to wake parked workers without a herd. The protocol is in
 * {@code package-info.java}.
 */
public final class MultiThread extends RuntimeCore {

    final Worker[] workers;
    final InjectQueue inject = new InjectQueue();
    final Idle idle;
    /** Set once by shutdown, after the tasks drained: the workers leave their loops. */
    volatile boolean stopping;
    /** Held by the one parked worker that sleeps until the next timer. */
    private final AtomicBoolean driverHeld = new AtomicBoolean();
    private volatile Worker driverHolder;
    private final Object drainLock = new Object();

    public MultiThread(Config config, int workerCount) {
        super(config, workerCount);
        idle = new Idle(workerCount);
        workers = new Worker[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Worker(this, i);
        }
        for (Worker worker : workers) {
            worker.start();
        }
    }

    @Override
    public void schedule(TaskCell<?> task) {
        Thread thread = Thread.currentThread();
        if (thread instanceof Worker && ((Worker) thread).runtime == this) {
            ((Worker) thread).scheduleLocal(task);
        } else {
            inject.push(task);
            idle.notifyOne();
        }
    }

    /** The root runs on the workers: the calling thread only sleeps until it is woken. */
    @Override
    void awaitRoot(ThreadWaker caller, TaskCell<?> root) {
        caller.park();
    }

    @Override
    TaskCell<?> runningTask() {
        Thread thread = Thread.currentThread();
        return thread instanceof Worker && ((Worker) thread).runtime == this ? ((Worker) thread).running : null;
    }

    @Override
    public String kind() {
        return "multi-thread, " + workers.length + (workers.length == 1 ? " worker" : " workers");
    }

    @Override
    int shardHint() {
        Thread thread = Thread.currentThread();
        return thread instanceof Worker && ((Worker) thread).runtime == this
                ? ((Worker) thread).index
                : workers.length + (int) thread.getId();    // spread other threads over the rest
    }

    boolean hasWork() {
        if (!inject.isEmpty()) {
            return true;
        }
        for (Worker worker : workers) {
            if (!worker.queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    boolean tryHoldDriver(Worker worker) {
        if (driver.pending() == 0 || !driverHeld.compareAndSet(false, true)) {
            return false;
        }
        driverHolder = worker;
        return true;
    }

    void releaseDriver() {
        driverHolder = null;
        driverHeld.set(false);
    }

    @Override
    void onEarlierDeadline() {
        Worker holder = driverHolder;
        if (holder != null) {
            holder.unpark();      // it sleeps until a later deadline: let it re-arm
        } else {
            idle.notifyOne();
        }
    }

    @Override
    void blockingIdle() {
        if (config.paused) {
            idle.notifyOne();           // a parked worker re-checks whether time may move
        }
    }

    @Override
    public boolean isIdle() {
        return idle.unparked() == 0 && !blockingBusy();
    }

    @Override
    void drained() {
        if (owned.size() == 0) {
            synchronized (drainLock) {
                drainLock.notifyAll();
            }
        }
    }

    @Override
    boolean drain(long deadline) {
        boolean interrupted = false;
        try {
            synchronized (drainLock) {
                for (;;) {
                    if (owned.size() == 0) {
                        return true;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    try {
                        drainLock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    boolean stopWorkers(long deadline) {
        stopping = true;
        idle.wakeAll();
        boolean interrupted = false;
        boolean allEnded = true;
        for (Worker worker : workers) {
            for (;;) {
                long left = deadline - System.nanoTime();
                try {
                    worker.join(Math.max(1, left / 1_000_000));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            allEnded &= !worker.isAlive();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return allEnded;
    }
}
