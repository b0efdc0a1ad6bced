package dev.pollen;

import dev.pollen.internal.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * One task of a {@link LocalExecutor}: a future, its scheduling state, and its result. The
 * cell is the task's waker. See the protocol in {@link LocalExecutor}.
 *
 * <p>Layout (40 bytes with compressed oops): no helper objects. {@code state} and
 * {@code joinWaker} are fields updated through VarHandles; the future and the result share one
 * field; the handle's "taken" flag is a sentinel in {@code joinWaker}; {@code prev}/{@code next}
 * link the executor's list of live tasks; the {@link Context} is made per poll, so a suspended
 * task keeps none.
 */
final class TaskCell<T> implements Waker {

    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    static final int RUNNING = 2;
    static final int RUNNING_NOTIFIED = 3;
    static final int COMPLETE = 4;

    /** In {@code joinWaker} once the result was taken: final, completion no longer wakes. */
    private static final Waker TAKEN = () -> { };

    private static final VarHandle STATE;
    private static final VarHandle JOIN_WAKER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(TaskCell.class, "state", int.class);
            JOIN_WAKER = lookup.findVarHandle(TaskCell.class, "joinWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LocalExecutor executor;
    /**
     * The scheduling state. Every write is volatile (sequentially consistent), not merely
     * release: a waker that publishes its event and then finds SCHEDULED does nothing, so the
     * write of RUNNING must be ordered before the poll's reads of that event (a StoreLoad).
     */
    private volatile int state;

    /**
     * Until COMPLETE: the future (owner thread only). From COMPLETE on: the value, or the failure
     * wrapped in a {@link Failure}. Written before the volatile write of COMPLETE and read after
     * COMPLETE is seen, so any thread that saw COMPLETE sees the result.
     */
    private Object slot;

    /**
     * The waker of the JoinHandle's latest pending poll (null: none), or {@link #TAKEN}. Set by
     * the handle's poller; the completer takes a real waker by CAS, never TAKEN, so TAKEN, once
     * written, stays.
     */
    private volatile Waker joinWaker;

    /** Owner thread only: the executor's list of live spawned tasks (null: not linked). */
    TaskCell<?> prev;
    TaskCell<?> next;

    private volatile boolean cancelRequested;
    /** Owner thread only: whether future.cancel() has been called. */
    private boolean cancelDelivered;

    /** A new cell; {@code scheduled}: the caller will enqueue it at once (a spawn). */
    TaskCell(LocalExecutor executor, Future<T> future, boolean scheduled) {
        this.executor = executor;
        this.slot = future;
        if (scheduled) {
            // Plain write: the cell is not shared yet; the spawner publishes it (the handle) later.
            STATE.set(this, SCHEDULED);
        }
    }

    /** Any thread. Queues the task unless it is queued, completed, or already notified. */
    @Override
    public void wake() {
        for (;;) {
            int s = state;
            if (s == IDLE) {
                if (STATE.compareAndSet(this, IDLE, SCHEDULED)) {
                    executor.schedule(this);
                    return;
                }
            } else if (s == RUNNING) {
                if (STATE.compareAndSet(this, RUNNING, RUNNING_NOTIFIED)) {
                    return;             // run() sees it when the poll returns pending
                }
            } else {
                return;                 // SCHEDULED, RUNNING_NOTIFIED, COMPLETE: nothing to add
            }
        }
    }

    /** Owner thread, state SCHEDULED: polls the future once. */
    @SuppressWarnings("unchecked")
    void run() {
        state = RUNNING;                // volatile: see the field's comment
        Future<T> future = (Future<T>) slot;
        Poll<T> poll;
        try {
            if (cancelRequested && !cancelDelivered) {
                cancelDelivered = true;
                future.cancel();
            }
            // A context per poll (it dies young): a suspended task keeps only its cell.
            poll = future.poll(Context.from(this));
        } catch (Throwable t) {
            complete(new Failure(t));
            return;
        }
        if (poll.isReady()) {
            complete(poll.get());
        } else if (!STATE.compareAndSet(this, RUNNING, IDLE)) {
            // RUNNING_NOTIFIED: woken during the poll. Only this thread leaves that state.
            state = SCHEDULED;
            executor.schedule(this);
        }
    }

    private void complete(Object result) {
        slot = result;
        state = COMPLETE;               // volatile write, then volatile read of joinWaker: with
        executor.completed(this);       // the handle's write of joinWaker then read of state,
        Waker w = joinWaker;            // one of the two sides sees the other (Dekker)
        while (w != null && w != TAKEN) {
            if (JOIN_WAKER.compareAndSet(this, w, null)) {
                w.wake();
                return;
            }
            w = joinWaker;
        }
    }

    /** Any thread: asks the owner thread to cancel the future before its next poll. */
    void requestCancel() {
        cancelRequested = true;
        wake();
    }

    boolean isComplete() {
        return state == COMPLETE;
    }

    /** The handle's poller, not complete: the waker to wake on completion; re-check after. */
    void setJoinWaker(Waker w) {
        joinWaker = w;
    }

    /** Whether the handle took the result already. */
    boolean isTaken() {
        return joinWaker == TAKEN;
    }

    /** Complete only: the value, or the failure thrown unchanged. Marks the result taken. */
    @SuppressWarnings("unchecked")
    T takeResult() {
        // A release write suffices: no Dekker pairing here, and the completer's CAS on this
        // field cannot overwrite TAKEN (it fails, re-reads, and stops at TAKEN).
        JOIN_WAKER.setRelease(this, TAKEN);
        Object result = slot;
        if (result instanceof Failure) {
            throw Sneaky.rethrow(((Failure) result).failure);
        }
        return (T) result;
    }

    /** Complete only: the failure that nobody took and Pollen did not cause, or null. */
    Throwable unobservedFailure() {
        Object result = slot;
        if (!(result instanceof Failure) || joinWaker == TAKEN) {
            return null;
        }
        Throwable failure = ((Failure) result).failure;
        if (cancelRequested && failure instanceof CancellationException) {
            return null;
        }
        return failure;
    }

    /**
     * A failed task's result. Private to this class, so no task value can be one: the slot
     * holds a {@code Failure} exactly when the task failed.
     */
    private static final class Failure {
        final Throwable failure;

        Failure(Throwable failure) {
            this.failure = failure;
        }
    }
}
