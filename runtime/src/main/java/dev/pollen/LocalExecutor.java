package dev.pollen;

import dev.pollen.rt.time.IdleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/*
 * Wake-up protocol (also in docs/design.md, part 2)
 * ============================================
 * A LocalExecutor is one running blockOn: an owner thread, two run queues, a Parker.
 *
 * Task states (TaskCell.state, a volatile int updated through a VarHandle):
 *   IDLE --wake (any thread)--> SCHEDULED        and the waker enqueues the cell (+ unparks)
 *   SCHEDULED --owner dequeues--> RUNNING
 *   RUNNING --wake (any thread)--> RUNNING_NOTIFIED
 *   RUNNING --poll pending (owner, CAS)--> IDLE
 *   RUNNING_NOTIFIED --poll pending (owner)--> SCHEDULED   and the owner re-enqueues the cell
 *   RUNNING / RUNNING_NOTIFIED --poll ready or throws (owner)--> COMPLETE (final)
 *   wake in SCHEDULED, RUNNING_NOTIFIED or COMPLETE does nothing.
 *   A spawned cell starts in SCHEDULED and is enqueued by the spawner (it was never IDLE).
 *
 * Run queues: a wake made on the owner thread (a spawn, a task waking another, a poll woken
 * during itself) appends to `local`, a ring only the owner touches: no node, no CAS, no unpark
 * (the owner is running, so it is neither parked nor counted idle by Activity). A wake from
 * any other thread appends to `remote`, a ConcurrentLinkedQueue, then unparks the owner.
 *
 * Invariants:
 *   1. A cell is in a run queue (exactly one of the two) exactly when its state is SCHEDULED:
 *      the only transitions into SCHEDULED are made by the thread that then enqueues it. So no
 *      cell is queued twice.
 *   2. A wake that happens during a poll is not lost: the owner's final CAS RUNNING -> IDLE
 *      fails when a waker got there first (RUNNING_NOTIFIED), and the owner queues the task
 *      again. A wake after that CAS sees IDLE and queues the task itself.
 *   3. A task is polled only after a wake (the root is woken once when created, a spawned task
 *      is created SCHEDULED and queued): no busy loop.
 *   4. Every enqueue to `remote` is followed by Parker.unpark(), and the owner parks only after
 *      finding both queues empty; the Parker remembers an unpark that comes before the park
 *      (NOTIFIED), so a wake between "queue empty" and "park" is not lost. `local` needs no
 *      unpark: only the owner appends to it, and never while parked.
 *   5. future.poll and future.cancel run on the owner thread only, never concurrently:
 *      JoinHandle.cancel() and the end of blockOn only set a flag and wake the task.
 *   6. Fairness: the owner moves `remote` to the tail of `local` whenever `local` is empty and
 *      at least every REMOTE_INTERVAL polls, so tasks that keep waking each other locally
 *      cannot starve wakes from other threads.
 *   7. The live list (spawned, not complete) is intrusive (TaskCell.prev/next, a circular list
 *      through a sentinel) and touched by the owner thread only: spawn links (spawn runs on
 *      the owner: it needs the thread's current executor), completion unlinks (completion
 *      happens in run(), on the owner). Other threads never see prev/next. A cell is linked
 *      exactly from its spawn to its completion; the root and the sentinel are never linked.
 */
/** The executor of one {@link Executor#blockOn} call: all its tasks run on the calling thread. */
final class LocalExecutor {

    /** See invariant 6. */
    private static final int REMOTE_INTERVAL = 64;

    private final Thread owner = Thread.currentThread();
    private final Parker parker = new Parker(owner);
    /** Owner thread only. */
    private final RunQueue local = new RunQueue();
    private final Queue<TaskCell<?>> remote = new ConcurrentLinkedQueue<>();
    private int pollsSinceRemote;

    /** Owner thread only: the sentinel of the circular list of live spawned tasks, in spawn order. */
    private final TaskCell<?> live = new TaskCell<>(this, null, false);
    /** Owner thread only: spawned tasks that completed with a failure. */
    private final List<TaskCell<?>> failed = new ArrayList<>();
    /** Owner thread only: set once the root completed; later spawns are cancelled at once. */
    private boolean draining;
    private boolean interrupted;

    LocalExecutor() {
        live.prev = live;
        live.next = live;
    }

    /**
     * Runs {@code root} and its spawned tasks until the root completes, then cancels the tasks
     * still pending and runs them until they complete. Reports unobserved task failures,
     * restores the interrupt flag, then returns the root's value or throws its failure.
     */
    <T> T run(Future<T> root) {
        TaskCell<T> rootCell = new TaskCell<>(this, root, false);
        IdleSource outerIdleSource = IdleSource.current();
        IdleSource.bind(Activity.SOURCE);
        Activity.enter();
        try {
            rootCell.wake();
            while (!rootCell.isComplete()) {
                runOneOrPark();
            }
            draining = true;
            // requestCancel only sets a flag and queues: nothing is unlinked during the walk.
            for (TaskCell<?> task = live.next; task != live; task = task.next) {
                task.requestCancel();
            }
            while (live.next != live) {
                runOneOrPark();
            }
        } finally {
            Activity.leave();
            IdleSource.bind(outerIdleSource);
            reportUnobservedFailures();
            if (interrupted) {
                owner.interrupt();
            }
        }
        return rootCell.takeResult();
    }

    /** Owner thread (Executor.spawn finds this executor through a thread local). */
    <T> JoinHandle<T> spawn(Future<T> future) {
        TaskCell<T> cell = new TaskCell<>(this, future, !draining);
        TaskCell<?> last = live.prev;
        cell.prev = last;
        cell.next = live;
        last.next = cell;
        live.prev = cell;
        if (draining) {
            cell.requestCancel();       // schedules it too
        } else {
            local.add(cell);            // created SCHEDULED: invariant 1
        }
        return new JoinHandle<>(cell);
    }

    /** Any thread: the cell has just entered SCHEDULED. */
    void schedule(TaskCell<?> cell) {
        if (Thread.currentThread() == owner) {
            local.add(cell);
        } else {
            remote.add(cell);
            parker.unpark();
        }
    }

    /** Owner thread: the cell has just completed. */
    void completed(TaskCell<?> cell) {
        TaskCell<?> prev = cell.prev;
        if (prev == null) {
            return;                     // the root: never linked
        }
        TaskCell<?> next = cell.next;
        prev.next = next;
        next.prev = prev;
        cell.prev = null;               // a completed cell retains no other task
        cell.next = null;
        if (cell.unobservedFailure() != null) {
            failed.add(cell);
        }
    }

    private void runOneOrPark() {
        if (++pollsSinceRemote >= REMOTE_INTERVAL || local.isEmpty()) {
            pollsSinceRemote = 0;
            TaskCell<?> cell;
            while ((cell = remote.poll()) != null) {
                local.add(cell);
            }
        }
        TaskCell<?> cell = local.poll();
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
