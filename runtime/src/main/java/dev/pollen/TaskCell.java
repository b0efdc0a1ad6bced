package dev.pollen;

import dev.pollen.internal.Sneaky;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One task of a {@link LocalExecutor}: a future, its scheduling state, and its result. The
 * cell is the task's waker. See the protocol in {@link LocalExecutor}.
 */
final class TaskCell<T> implements Waker {

    static final int IDLE = 0;
    static final int SCHEDULED = 1;
    static final int RUNNING = 2;
    static final int RUNNING_NOTIFIED = 3;
    static final int COMPLETE = 4;

    private final LocalExecutor executor;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final Context context = Context.from(this);

    /** Owner thread only; null once complete, so a finished task retains nothing. */
    private Future<T> future;
    /** Owner thread only: whether future.cancel() has been called. */
    private boolean cancelDelivered;
    private volatile boolean cancelRequested;

    /** Written before state becomes COMPLETE, read after it is seen COMPLETE. */
    private T value;
    private Throwable failure;

    /** The waker of the JoinHandle's latest pending poll; taken by whoever completes. */
    private final AtomicReference<Waker> joinWaker = new AtomicReference<>();
    /** Set when the JoinHandle took the result: a failure taken there is not reported. */
    private volatile boolean taken;

    TaskCell(LocalExecutor executor, Future<T> future) {
        this.executor = executor;
        this.future = future;
    }

    /** Any thread. Queues the task unless it is queued, completed, or already notified. */
    @Override
    public void wake() {
        for (;;) {
            int s = state.get();
            if (s == IDLE) {
                if (state.compareAndSet(IDLE, SCHEDULED)) {
                    executor.schedule(this);
                    return;
                }
            } else if (s == RUNNING) {
                if (state.compareAndSet(RUNNING, RUNNING_NOTIFIED)) {
                    return;             // run() sees it when the poll returns pending
                }
            } else {
                return;                 // SCHEDULED, RUNNING_NOTIFIED, COMPLETE: nothing to add
            }
        }
    }

    /** Owner thread, state SCHEDULED: polls the future once. */
    void run() {
        state.set(RUNNING);
        Poll<T> poll;
        try {
            if (cancelRequested && !cancelDelivered) {
                cancelDelivered = true;
                future.cancel();
            }
            poll = future.poll(context);
        } catch (Throwable t) {
            complete(null, t);
            return;
        }
        if (poll.isReady()) {
            complete(poll.get(), null);
        } else if (!state.compareAndSet(RUNNING, IDLE)) {
            // RUNNING_NOTIFIED: woken during the poll. Only this thread leaves that state.
            state.set(SCHEDULED);
            executor.schedule(this);
        }
    }

    private void complete(T v, Throwable t) {
        future = null;
        value = v;
        failure = t;
        state.set(COMPLETE);
        executor.completed(this);
        Waker w = joinWaker.getAndSet(null);
        if (w != null) {
            w.wake();
        }
    }

    /** Any thread: asks the owner thread to cancel the future before its next poll. */
    void requestCancel() {
        cancelRequested = true;
        wake();
    }

    boolean isComplete() {
        return state.get() == COMPLETE;
    }

    /** Registers the waker to wake on completion; the caller re-checks isComplete() after. */
    void setJoinWaker(Waker w) {
        joinWaker.set(w);
    }

    /** Complete only: the value, or the failure thrown unchanged. */
    T takeResult() {
        taken = true;
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
        return value;
    }

    /** Complete only: the failure that nobody took and Pollen did not cause, or null. */
    Throwable unobservedFailure() {
        if (taken || failure == null) {
            return null;
        }
        if (cancelRequested && failure instanceof CancellationException) {
            return null;
        }
        return failure;
    }
}
