package dev.pollen.rt.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The task state word: one {@code int} per task, changed only by the named transitions below,
 * each one atomic read-modify-write (so all changes have one total order). The protocol that
 * uses them is in {@code package-info.java}.
 *
 * <pre>
 *   RUNNING          a runner holds the lock on the task's future (polls or cancels it)
 *   NOTIFIED         a wake is pending: the task is in a run queue, or will be put there by the
 *                    runner that holds RUNNING (a wake during the poll)
 *   COMPLETE         the result is written; final. Never set together with RUNNING or NOTIFIED
 *   CANCELLED        cancellation was requested (sticky)
 *   CANCEL_DELIVERED the runner has called the future's cancel() (runner only, under RUNNING)
 *   ROOT             the task is the future of a blockOn (set at creation; its caller takes the result)
 *   ABANDONED        shutdown gave up on it while it was RUNNING: its runner completes it when
 *                    the poll returns, instead of letting it go idle
 * </pre>
 */
abstract class TaskState {

    static final int RUNNING = 1;
    static final int NOTIFIED = 1 << 1;
    static final int COMPLETE = 1 << 2;
    static final int CANCELLED = 1 << 3;
    static final int CANCEL_DELIVERED = 1 << 4;
    static final int ROOT = 1 << 5;
    static final int ABANDONED = 1 << 6;

    /** {@link #transitionToIdle}: the task waits for a wake. */
    static final int IDLE = 0;
    /** {@link #transitionToIdle}: woken during the poll: queue it again, at the back. */
    static final int RESCHEDULE = 1;
    /** {@link #transitionToIdle}: abandoned during the poll: complete it now. */
    static final int ABANDON = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TaskState.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;

    /** A new task that its spawner queues at once. Plain write: the task is not shared yet. */
    TaskState(boolean root) {
        STATE.set(this, root ? NOTIFIED | ROOT : NOTIFIED);
    }

    final int state() {
        return state;
    }

    /**
     * A wake, from any thread. Returns true when the caller must queue the task: it was idle
     * (neither running, notified nor complete) and is now NOTIFIED. When it is RUNNING, the
     * NOTIFIED bit tells the runner to queue it after the poll; otherwise the wake is absorbed.
     */
    final boolean transitionToNotified() {
        for (;;) {
            int s = state;
            if ((s & (NOTIFIED | COMPLETE)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | NOTIFIED)) {
                return (s & RUNNING) == 0;
            }
        }
    }

    /**
     * A cancellation request, from any thread: sets CANCELLED, and notifies the task so that a
     * runner delivers it. Returns true when the caller must queue the task (as for a wake).
     * False when it is complete or was cancelled already.
     */
    final boolean transitionToCancelled() {
        for (;;) {
            int s = state;
            if ((s & (CANCELLED | COMPLETE)) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s | CANCELLED | NOTIFIED)) {
                return (s & (RUNNING | NOTIFIED)) == 0;
            }
        }
    }

    /**
     * The runner that took the task from a run queue: NOTIFIED becomes RUNNING. Returns false
     * when the task is complete (abandoned at shutdown while queued): the runner drops it. The
     * queue entry is unique (see the package protocol), so nobody else holds RUNNING.
     */
    final boolean transitionToRunning() {
        for (;;) {
            int s = state;
            if ((s & COMPLETE) != 0) {
                return false;
            }
            if (STATE.compareAndSet(this, s, (s & ~NOTIFIED) | RUNNING)) {
                return true;
            }
        }
    }

    /**
     * The runner, under RUNNING: whether cancel() must be called on the future now (requested
     * and not yet delivered); marks it delivered.
     */
    final boolean takeCancel() {
        int s = state;
        if ((s & (CANCELLED | CANCEL_DELIVERED)) != CANCELLED) {
            return false;
        }
        STATE.getAndBitwiseOr(this, CANCEL_DELIVERED);
        return true;
    }

    /**
     * The runner, after a pending poll: releases RUNNING. Returns {@link #RESCHEDULE} when the
     * task was woken during the poll (NOTIFIED is kept): the runner queues it again, at the back;
     * {@link #ABANDON} when shutdown abandoned it meanwhile: the runner completes it (by
     * {@link #transitionToAbandoned}, which now succeeds unless shutdown's own retry won).
     */
    final int transitionToIdle() {
        int previous = (int) STATE.getAndAdd(this, -RUNNING);
        return (previous & ABANDONED) != 0 ? ABANDON : (previous & NOTIFIED) != 0 ? RESCHEDULE : IDLE;
    }

    /** The runner, after the poll completed: RUNNING and NOTIFIED become COMPLETE. */
    final void transitionToComplete() {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, (s & (CANCELLED | CANCEL_DELIVERED | ROOT)) | COMPLETE)) {
                return;
            }
        }
    }

    /**
     * Shutdown, after its timeout: a task that is not running becomes COMPLETE without being
     * polled again. Returns false when it is complete, or running: a poll that has not returned
     * is marked ABANDONED, and its runner completes the task when (if ever) the poll returns.
     */
    final boolean transitionToAbandoned() {
        for (;;) {
            int s = state;
            if ((s & COMPLETE) != 0) {
                return false;
            }
            if ((s & RUNNING) != 0) {
                if (STATE.compareAndSet(this, s, s | ABANDONED)) {
                    return false;
                }
                continue;
            }
            if (STATE.compareAndSet(this, s, (s & ~NOTIFIED) | CANCELLED | COMPLETE)) {
                return true;
            }
        }
    }

    final boolean isComplete() {
        return (state & COMPLETE) != 0;
    }

    final boolean isCancelled() {
        return (state & CANCELLED) != 0;
    }

    public final boolean isRoot() {
        return (state & ROOT) != 0;
    }
}
