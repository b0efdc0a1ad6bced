package dev.pollen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;

/**
 * Not API: {@link JoinHandle#toCompletableFuture()}: a {@code CompletableFuture} completed with a
 * task's value or failure (the same object), by polling the task's handle with itself as the
 * waker. Completing it from outside ({@code cancel}, {@code complete}, {@code orTimeout}, ...)
 * cancels the task, as kotlinx's {@code asCompletableFuture} does; the handle's result is then
 * left in the task, so a failure other than the cancellation is reported by the runtime as one
 * nobody took.
 *
 * <h2>One poller at a time</h2>
 * The handle is polled by whichever thread wakes this waker (the one completing the task), and
 * first by the thread that made the bridge. {@link #polling} guards it, as a task's state word
 * does: IDLE → POLLING by CAS makes a thread the poller; a wake during a poll moves POLLING →
 * REPOLL and returns, and the poller, whose CAS POLLING → IDLE then fails, polls again. So a wake
 * is never lost and the handle is never polled by two threads at once. DONE once the handle
 * completed (or the future was completed from outside): wakes do nothing.
 *
 * <p>Dependent stages that are not {@code *Async} run on the thread that completes this future:
 * a runtime worker, for a task that completes there.
 *
 * @param <T> the type of the task's value
 */
final class JoinHandleFuture<T> extends CompletableFuture<T> implements Waker {

    private static final int IDLE = 0;
    private static final int POLLING = 1;
    private static final int REPOLL = 2;
    private static final int DONE = 3;
    private static final VarHandle POLLING_STATE;

    static {
        try {
            POLLING_STATE = MethodHandles.lookup().findVarHandle(JoinHandleFuture.class, "polling", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final JoinHandle<T> handle;
    private final Context context = Context.from(this);
    private volatile int polling = IDLE;

    private JoinHandleFuture(JoinHandle<T> handle) {
        this.handle = handle;
    }

    /** A future of {@code handle}'s task, polled once now. */
    static <T> CompletableFuture<T> of(JoinHandle<T> handle) {
        JoinHandleFuture<T> f = new JoinHandleFuture<>(handle);
        f.wake();
        return f;
    }

    /** Any thread: polls the handle unless another thread does (then that one polls again). */
    @Override
    public void wake() {
        for (;;) {
            int s = polling;
            if (s == IDLE) {
                if (POLLING_STATE.compareAndSet(this, IDLE, POLLING)) {
                    drive();
                    return;
                }
            } else if (s == POLLING) {
                if (POLLING_STATE.compareAndSet(this, POLLING, REPOLL)) {
                    return;
                }
            } else {
                return;                     // REPOLL (the poller will poll again) or DONE
            }
        }
    }

    /** The poller: polls until the handle is pending with no wake since, or completed. */
    private void drive() {
        for (;;) {
            if (isDone()) {                 // completed from outside: leave the result in the task
                polling = DONE;
                return;
            }
            Poll<T> p;
            try {
                p = handle.poll(context);
            } catch (Throwable t) {
                polling = DONE;
                super.completeExceptionally(t);
                return;
            }
            if (p.isReady()) {
                polling = DONE;
                super.complete(p.get());
                return;
            }
            if (POLLING_STATE.compareAndSet(this, POLLING, IDLE)) {
                return;
            }
            polling = POLLING;              // it was REPOLL: a wake came during the poll
        }
    }

    /** Cancels this future and the task (which runs its cleanup). */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        handle.cancel();                    // ignored by a task that completed
        return cancelled;
    }

    /** Completes this future with {@code value} unless it is done; the task is then cancelled. */
    @Override
    public boolean complete(T value) {
        return cancelTaskIf(super.complete(value));
    }

    /** Completes this future with {@code ex} unless it is done; the task is then cancelled. */
    @Override
    public boolean completeExceptionally(Throwable ex) {
        return cancelTaskIf(super.completeExceptionally(ex));
    }

    /** Completed from outside: nobody will take the task's result, so the task stops. */
    private boolean cancelTaskIf(boolean completedFromOutside) {
        if (completedFromOutside) {
            handle.cancel();
        }
        return completedFromOutside;
    }

    @Override
    public String toString() {
        return "JoinHandle.toCompletableFuture (" + (isDone() ? "complete" : "pending") + ") of " + handle;
    }
}
