package dev.pollen;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/*
 * Wake-up protocol (also in docs/design.md, part 2)
 * ============================================
 * A LocalExecutor is one running blockOn: an owner thread, a run queue, a Parker.
 *
 * Task states (TaskCell.state, an AtomicInteger):
 *   IDLE --wake (any thread)--> SCHEDULED        and the waker enqueues the cell + unparks
 *   SCHEDULED --owner dequeues--> RUNNING
 *   RUNNING --wake (any thread)--> RUNNING_NOTIFIED
 *   RUNNING --poll pending (owner, CAS)--> IDLE
 *   RUNNING_NOTIFIED --poll pending (owner)--> SCHEDULED   and the owner re-enqueues the cell
 *   RUNNING / RUNNING_NOTIFIED --poll ready or throws (owner)--> COMPLETE (final)
 *   wake in SCHEDULED, RUNNING_NOTIFIED or COMPLETE does nothing.
 *
 * Invariants:
 *   1. A cell is in the run queue exactly when its state is SCHEDULED: the only transitions
 *      into SCHEDULED are made by the thread that then enqueues it. So no cell is queued twice.
 *   2. A wake that happens during a poll is not lost: the owner's final CAS RUNNING -> IDLE
 *      fails when a waker got there first (RUNNING_NOTIFIED), and the owner queues the task
 *      again. A wake after that CAS sees IDLE and queues the task itself.
 *   3. A task is polled only after a wake (the root and new tasks are woken once when created):
 *      no busy loop.
 *   4. Every enqueue is followed by Parker.unpark(), and the owner parks only after finding the
 *      queue empty; the Parker remembers an unpark that comes before the park (NOTIFIED), so a
 *      wake between "queue empty" and "park" is not lost.
 *   5. future.poll and future.cancel run on the owner thread only, never concurrently:
 *      JoinHandle.cancel() and the end of blockOn only set a flag and wake the task.
 */
/** The executor of one {@link Executor#blockOn} call: all its tasks run on the calling thread. */
final class LocalExecutor {

    private final Thread owner = Thread.currentThread();
    private final Parker parker = new Parker(owner);
    private final Queue<TaskCell<?>> runQueue = new ConcurrentLinkedQueue<>();

    /** Owner thread only: spawned tasks not complete yet, in spawn order. */
    private final Set<TaskCell<?>> live = new LinkedHashSet<>();
    /** Owner thread only: spawned tasks that completed with a failure. */
    private final List<TaskCell<?>> failed = new ArrayList<>();
    /** Owner thread only: set once the root completed; later spawns are cancelled at once. */
    private boolean draining;
    private boolean interrupted;

    /**
     * Runs {@code root} and its spawned tasks until the root completes, then cancels the tasks
     * still pending and runs them until they complete. Reports unobserved task failures,
     * restores the interrupt flag, then returns the root's value or throws its failure.
     */
    <T> T run(Future<T> root) {
        TaskCell<T> rootCell = new TaskCell<>(this, root);
        Activity.enter();
        try {
            rootCell.wake();
            while (!rootCell.isComplete()) {
                runOneOrPark();
            }
            draining = true;
            for (TaskCell<?> task : live) {
                task.requestCancel();
            }
            while (!live.isEmpty()) {
                runOneOrPark();
            }
        } finally {
            Activity.leave();
            reportUnobservedFailures();
            if (interrupted) {
                owner.interrupt();
            }
        }
        return rootCell.takeResult();
    }

    <T> JoinHandle<T> spawn(Future<T> future) {
        TaskCell<T> cell = new TaskCell<>(this, future);
        live.add(cell);
        if (draining) {
            cell.requestCancel();       // schedules it too
        } else {
            cell.wake();
        }
        return new JoinHandle<>(cell);
    }

    /** Any thread: the cell has just entered SCHEDULED. */
    void schedule(TaskCell<?> cell) {
        runQueue.add(cell);
        parker.unpark();
    }

    /** Owner thread: the cell has just completed. */
    void completed(TaskCell<?> cell) {
        if (live.remove(cell) && cell.unobservedFailure() != null) {   // the root is not in live
            failed.add(cell);
        }
    }

    private void runOneOrPark() {
        TaskCell<?> cell = runQueue.poll();
        if (cell != null) {
            cell.run();
        } else {
            interrupted |= parker.park();
        }
    }

    private void reportUnobservedFailures() {
        Thread.UncaughtExceptionHandler handler = owner.getUncaughtExceptionHandler();
        for (TaskCell<?> cell : failed) {
            Throwable failure = cell.unobservedFailure();   // null if the handle took it since
            if (failure != null) {
                handler.uncaughtException(owner, failure);
            }
        }
    }
}
