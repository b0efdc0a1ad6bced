package dev.pollen.rt.task;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.internal.Sneaky;
import dev.pollen.rt.debug.AsyncTraces;
import dev.pollen.rt.debug.TaskDump;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * Not API: one task: its future, its state word ({@link TaskState}), its result, and the
 * waker of whoever joins it. The cell is the task's {@link Waker} and its {@link JoinHandle},
 * so a task costs this one object (40 bytes with compressed oops). The protocol is in
 * {@code package-info.java}.
 *
 * <p>Not final for two subclasses only: a child of a {@link dev.pollen.TaskScope}, which learns of
 * its completion through {@link #onComplete()} and reports its failure itself
 * ({@link #unobservedFailure()}), and a blockOn's {@link RootCell}, which names its thread in
 * dumps. Everything else is final.
 *
 * @param <T> the type of the task's value
 */
public class TaskCell<T> extends TaskState implements Waker, JoinHandle<T> {

    /**
     * The cooperative budget of one poll: iterations of loops that await before the task yields.
     * A yield costs about 60 ns; 1,024 keeps that under 10% of even the cheapest loop (an
     * always-ready await costs about 0.5 ns) and a slice in the tens of microseconds for loops
     * that do real work (tokio's 128 counts its resource operations, which cost far more).
     */
    public static final int BUDGET = 1024;

    /** In {@code joinWaker} once the result was taken: final, completion no longer wakes. */
    private static final Waker TAKEN = () -> { };

    private static final VarHandle JOIN_WAKER;

    static {
        try {
            JOIN_WAKER = MethodHandles.lookup().findVarHandle(TaskCell.class, "joinWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Scheduler scheduler;
    /**
     * The task's number in its runtime, from 1 (0 until {@link OwnedTasks} links it, before the
     * task is shared); names the task in reports and picks its shard of the live-task list.
     */
    int id;

    /**
     * Until COMPLETE: the future (touched by the holder of RUNNING only). From COMPLETE on: the
     * value, or the failure in a {@link Failure}. Written before the state's COMPLETE and read
     * after COMPLETE is seen, so whoever saw COMPLETE sees the result.
     */
    private Object slot;

    /**
     * The waker of the handle's latest pending poll (null: none), or {@link #TAKEN}. Written by
     * the handle's poller; the completer takes a real waker by CAS, never TAKEN.
     */
    private volatile Waker joinWaker;

    /**
     * Where the task was spawned, for dumps and reports: {@code "Demo.java:40"}, {@code "task 2"}
     * (spawned by a task at a site nobody recorded), or null (unknown). Written by the spawner
     * before the task is shared, never after.
     */
    String spawnSite;

    /**
     * The id of the task of the same runtime that spawned this one (0: none, or another
     * runtime's), for the dump's tree; an id, not a reference, so that a child never keeps its
     * parent alive. Written by the spawner before the task is shared, never after.
     */
    int parent;

    /** The runtime's list of live tasks ({@link OwnedTasks}), guarded by its shard's lock. */
    TaskCell<?> prev;
    TaskCell<?> next;

    /** A task running {@code future}; {@code root}: the future of a blockOn, whose caller takes the result. */
    public TaskCell(Scheduler scheduler, Future<T> future, boolean root) {
        super(root);
        this.scheduler = scheduler;
        this.slot = future;
    }

    /** Any thread: queues the task unless it is queued, complete, or already notified. */
    @Override
    public final void wake() {
        if (transitionToNotified()) {
            scheduler.schedule(this);
        }
    }

    /**
     * The runner, with the task just taken from a run queue: delivers a requested cancel, polls
     * the future once with a fresh budget, and completes the task or releases it. Returns true
     * when the task was woken during the poll (a yield, say): the runner must queue it again.
     */
    @SuppressWarnings("unchecked")
    public final boolean run() {
        if (!transitionToRunning()) {
            return false;
        }
        Future<T> future = (Future<T>) slot;
        Poll<T> poll;
        try {
            if (takeCancel()) {
                future.cancel();
            }
            // A context per poll (it dies young): a suspended task keeps only its cell.
            poll = future.poll(Context.withBudget(this, BUDGET));
        } catch (Throwable t) {
            complete(new Failure(t));
            return false;
        }
        if (poll.isReady()) {
            complete(poll.get());
            return false;
        }
        int outcome = transitionToIdle();
        if (outcome == ABANDON) {
            abandon();                  // shutdown gave up during this poll
            return false;
        }
        return outcome == RESCHEDULE;
    }

    private void complete(Object result) {
        slot = result;
        transitionToComplete();         // volatile write, then the volatile read of joinWaker:
        scheduler.release(this);        // with the handle's write of joinWaker, then read of
        onComplete();                   // the state, one side sees the other (Dekker)
        Waker w = joinWaker;
        while (w != null && w != TAKEN) {
            if (JOIN_WAKER.compareAndSet(this, w, null)) {
                w.wake();
                return;
            }
            w = joinWaker;
        }
    }

    /**
     * The completer's thread, once the task is COMPLETE (its result readable through
     * {@link #failure()}) and released by its runtime, before its joiner is woken. Runs inside
     * the runner's completion: it must not block, and must not throw. Does nothing here.
     */
    protected void onComplete() {}

    /** Any thread: asks the runner to cancel the future before its next poll. */
    public final void requestCancel() {
        if (transitionToCancelled()) {
            scheduler.schedule(this);
        }
    }

    /**
     * Shutdown, after its timeout: completes a task that is not running with a
     * CancellationException, without polling it again. False if it is complete, or running (then
     * it completes so when its poll returns).
     */
    public final boolean abandon() {
        return completeUnstarted(name() + " did not finish within the runtime's shutdown timeout after cancel:"
                + " abandoned");
    }

    /**
     * A task that must not run (spawned during shutdown) or run again: completes it with a
     * CancellationException saying {@code why}. False if it is running or complete.
     */
    public final boolean completeUnstarted(String why) {
        if (!transitionToAbandoned()) {
            return false;
        }
        complete(new Failure(new CancellationException(why)));
        return true;
    }

    // ---- JoinHandle: the result, taken by whoever polls the handle

    @Override
    public final Poll<T> poll(Context cx) {
        if (joinWaker == TAKEN) {
            throw new IllegalStateException("polled after completion");
        }
        if (!isComplete()) {
            joinWaker = cx.waker();
            if (!isComplete()) {        // re-check: the task may have completed before the write
                return Poll.pending();
            }
        }
        return Poll.ready(takeResult());    // marks it taken, even when it throws
    }

    /**
     * Cancels the task: its runtime calls the future's {@code cancel()} and polls it until it
     * completes. Ignored once the task has completed.
     */
    @Override
    public final void cancel() {
        requestCancel();
    }

    @Override
    public final boolean isDone() {
        return isComplete();
    }

    /** Whether a cancel was requested (by a handle, a scope or shutdown). */
    public final boolean cancelRequested() {
        return isCancelled();
    }

    /**
     * Complete only: the task's failure, or null if it completed with a value; whether or not
     * the result was taken (unlike {@link #takeResult()}, this takes nothing).
     */
    public final Throwable failure() {
        Object result = slot;
        return result instanceof Failure ? ((Failure) result).failure : null;
    }

    /** Complete only: the value, or the failure thrown unchanged. Marks the result taken. */
    @SuppressWarnings("unchecked")
    public final T takeResult() {
        // A release write suffices: the completer's CAS on this field cannot overwrite TAKEN.
        JOIN_WAKER.setRelease(this, TAKEN);
        Object result = slot;
        if (result instanceof Failure) {
            throw Sneaky.rethrow(AsyncTraces.joined(this, ((Failure) result).failure));
        }
        return (T) result;
    }

    /** Complete only: the failure that nobody took and Pollen did not cause, or null. */
    public Throwable unobservedFailure() {
        Object result = slot;
        if (!(result instanceof Failure) || joinWaker == TAKEN) {
            return null;
        }
        Throwable failure = ((Failure) result).failure;
        if (isCancelled() && failure instanceof CancellationException) {
            return null;
        }
        return failure;
    }

    /**
     * Where the task was spawned ({@code "Demo.java:40"}, {@code "task 2"}), or null if unknown. A
     * spawn by a task at a site nobody recorded keeps only its parent's id: the text is made here,
     * off the spawn path.
     */
    public final String spawnSite() {
        String site = spawnSite;
        return site != null ? site : parent != 0 ? "task " + parent : null;
    }

    /** The task's number in its runtime (from 1; 0 until it is started). */
    public final int id() {
        return id;
    }

    /** The id of the task of the same runtime that spawned this one, or 0. */
    public final int parent() {
        return parent;
    }

    /**
     * Any thread, for dumps: the task's future until it completes, else null. A racy read: the
     * future may be being polled on another thread; read it as a debug view only.
     */
    public final Object futureForDebug() {
        Object future = slot;
        return isComplete() ? null : future;
    }

    /**
     * For dumps: {@code running} (a poll is under way), {@code queued} (woken, waiting for a
     * thread), {@code idle} (waiting to be woken), or {@code complete}; with {@code , cancelling}
     * when a cancel was requested.
     */
    public final String activity() {
        int s = state();
        String what = (s & COMPLETE) != 0 ? "complete"
                : (s & RUNNING) != 0 ? "running" : (s & NOTIFIED) != 0 ? "queued" : "idle";
        return (s & CANCELLED) != 0 && (s & COMPLETE) == 0 ? what + ", cancelling" : what;
    }

    /** The task and its future: {@code task 3 (Demo.report (awaiting Task 1 (Sleep(0.4 s left))))}. */
    public final String name() {
        Object future = isComplete() ? null : slot;
        return "task " + id + (isRoot() ? " (blockOn root" + (future == null ? ")" : ": " + future + ")")
                : future == null ? "" : " (" + future + ")");
    }

    /**
     * For descriptions (a handle awaited by a machine, a scope's body): the task, where it came
     * from and what it does, {@code task 3 (spawned at Demo.java:40), idle}. Not its await chain:
     * a dump shows that once, under the task itself.
     */
    @Override
    public final String toString() {
        return TaskDump.named(this) + ", " + activity();
    }

    /** A failed task's result: private, so no task value can be one. */
    private static final class Failure {
        final Throwable failure;

        Failure(Throwable failure) {
            this.failure = failure;
        }
    }
}
