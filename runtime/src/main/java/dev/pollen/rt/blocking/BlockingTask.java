package dev.pollen.rt.blocking;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.internal.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;

/**
 * Not API. One call given to {@link BlockingPool#submit}: a future that is pending until the call
 * has returned on a pool thread, then ready with its value or throws its failure. The protocol
 * (states, who writes which field) is in this package's documentation.
 *
 * @param <T> the type of the call's value
 */
public final class BlockingTask<T> implements Future<T> {

    static final int QUEUED = 0;
    static final int RUNNING = 1;
    /** Running, and cancel() interrupted the runner: the call's outcome will be discarded. */
    static final int CANCELLING = 2;
    static final int COMPLETE = 3;

    /** In {@code waker} once the owner took the result: "polled after completion". */
    private static final Waker TAKEN = () -> { };

    private static final VarHandle WAKER;

    static {
        try {
            WAKER = MethodHandles.lookup().findVarHandle(BlockingTask.class, "waker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final BlockingPool pool;
    private final Callable<T> call;

    /** Written under {@code this} lock only; read without it by the poller. */
    private volatile int state = QUEUED;
    /** The pool thread running the call, while RUNNING or CANCELLING. Guarded by {@code this}. */
    private Thread runner;
    /** System.nanoTime() when the call started (for toString). Guarded by {@code this}. */
    private long startedNanos;
    /**
     * The value, or the failure wrapped in a {@link Failure}. Written before the volatile write
     * of COMPLETE, read only after COMPLETE is seen.
     */
    private Object result;
    /** Whether cancel() changed the outcome (queued or running at the time). Guarded by {@code this}. */
    private boolean cancelled;
    /** The waker of the latest pending poll (null: none yet), or {@link #TAKEN}. Owner writes. */
    private volatile Waker waker;

    BlockingTask(BlockingPool pool, Callable<T> call) {
        this.pool = pool;
        this.call = call;
    }

    /**
     * Pending until the call has returned. A pending poll stores the context's waker, which the
     * pool thread wakes when the task completes.
     *
     * @throws CancellationException if the task was cancelled (see {@link #cancel()})
     * @throws IllegalStateException if polled again after it returned ready or threw
     */
    @Override
    public Poll<T> poll(Context cx) {
        if (waker == TAKEN) {
            throw new IllegalStateException("polled after completion");
        }
        if (state != COMPLETE) {
            waker = cx.waker();
            // Volatile write, then volatile read; complete() writes COMPLETE, then reads the
            // waker: one of the two sides sees the other, so the wake is never lost.
            if (state != COMPLETE) {
                return Poll.pending();
            }
        }
        // Release suffices: the completer only reads this field, it never writes it.
        WAKER.setRelease(this, TAKEN);
        Object r = result;
        if (r instanceof Failure) {
            throw Sneaky.rethrow(((Failure) r).failure);
        }
        @SuppressWarnings("unchecked")
        T value = (T) r;
        return Poll.ready(value);
    }

    /**
     * Cancels the call. Queued: it never runs, and the next poll throws
     * {@link CancellationException}. Running: its thread is interrupted (Java's way of cancelling
     * a blocking call); the task completes when the call returns, whatever it returns, and the
     * next poll throws {@code CancellationException} (the call's failure, if it was not an
     * {@link InterruptedException}, added as suppressed); a value it returns then is dropped,
     * so a call that opens a resource should close it when interrupted. Completed: ignored.
     *
     * <p>Safe from any thread, concurrently with the owner's poll: the pool's shutdown cancels
     * tasks that their owners are polling.
     */
    @Override
    public void cancel() {
        boolean wasQueued;
        synchronized (this) {
            if (state == RUNNING) {
                state = CANCELLING;
                cancelled = true;
                // Inside the lock: the runner clears its interrupt flag only after it has taken
                // this lock to complete, so this interrupt cannot reach its next call.
                runner.interrupt();
                return;
            }
            wasQueued = state == QUEUED;
            if (wasQueued) {
                cancelled = true;
                result = new Failure(new CancellationException("spawnBlocking call cancelled before it started"));
                state = COMPLETE;
            }
        }
        if (wasQueued) {
            pool.cancelledInQueue(this);
        }
    }

    /**
     * Pool thread: runs the call unless it was cancelled while queued, and completes the task
     * (without waking: see {@link #wakeOwner()}).
     *
     * @return false if the task was already complete (cancelled in the queue): nothing ran
     */
    boolean run() {
        synchronized (this) {
            if (state != QUEUED) {
                return false;
            }
            runner = Thread.currentThread();
            startedNanos = System.nanoTime();
            state = RUNNING;
        }
        Object outcome;
        try {
            outcome = call.call();
        } catch (Throwable t) {         // Errors too: the task fails with them, the thread lives
            outcome = new Failure(t);
        }
        synchronized (this) {
            if (state == CANCELLING) {
                outcome = new Failure(cancelledWhileRunning(outcome));
            }
            runner = null;
            result = outcome;
            state = COMPLETE;
        }
        return true;
    }

    /** Wakes the waker of the latest pending poll, if any; called once, after completion. */
    void wakeOwner() {
        Waker w = waker;
        if (w != null && w != TAKEN) {
            w.wake();
        }
    }

    private CancellationException cancelledWhileRunning(Object outcome) {
        CancellationException e = new CancellationException(
                "spawnBlocking call cancelled while running (its thread was interrupted)");
        if (outcome instanceof Failure) {
            Throwable failure = ((Failure) outcome).failure;
            if (!(failure instanceof InterruptedException)) {
                e.addSuppressed(failure);
            }
        }
        return e;
    }

    /**
     * For task dumps: {@code spawnBlocking(<call>) queued}, {@code ... running on <thread> for
     * 1.2 s}, {@code ... completed}; a cancelled call says so.
     */
    @Override
    public String toString() {
        String where;
        synchronized (this) {
            switch (state) {
                case QUEUED:
                    where = "queued";
                    break;
                case RUNNING:
                case CANCELLING:
                    where = String.format(Locale.ROOT, "running on %s for %.1f s%s", runner.getName(),
                            (System.nanoTime() - startedNanos) / 1e9,
                            state == CANCELLING ? ", cancelled (interrupted)" : "");
                    break;
                default:
                    where = cancelled ? "completed (cancelled)" : "completed";
            }
        }
        return "spawnBlocking(" + describeCall() + ") " + where;
    }

    /** The call's own toString if its class has one, else its class name (lambdas have none). */
    private String describeCall() {
        try {
            if (call.getClass().getMethod("toString").getDeclaringClass() != Object.class) {
                return call.toString();
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError("every class has toString()", e);
        }
        return call.getClass().getName();
    }

    /**
     * A failed call's result. Private to this class, so no call's value can be one: the result
     * holds a {@code Failure} exactly when the task failed.
     */
    private static final class Failure {
        final Throwable failure;

        Failure(Throwable failure) {
            this.failure = failure;
        }
    }
}
