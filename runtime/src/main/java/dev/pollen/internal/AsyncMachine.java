package dev.pollen.internal;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.CancellationException;

/**
 * Not API: the base class of the state machines generated for {@code @Async} methods.
 *
 * <p>The generated {@link #resume} runs the method body from the point given by {@link #state}.
 * At each {@code await(f)} it calls {@link #awaitOn awaitOn(f)}, sets {@code state} to the
 * await's resume point, and falls into that point, which calls {@link #pollAwaited}: pending
 * → {@code resume} returns {@link Poll#pending()}; ready → it takes the value and goes on;
 * thrown → the exception propagates through the body's own try/catch as in plain Java.
 *
 * <p>This class owns completion and cancellation (see {@link Future} and the SPEC's
 * "Cancellation"):
 * <ul>
 *   <li>completed: {@code cancel()} is ignored, {@code poll} throws
 *       {@code IllegalStateException("polled after completion")};</li>
 *   <li>not started (never polled): the next poll throws {@code CancellationException};</li>
 *   <li>suspended at an await: {@link #onCancel()} runs, then the awaited future is cancelled;
 *       later polls poll the awaited future (and never {@code resume}) until it completes,
 *       ignoring its value; a failure other than {@code CancellationException} is added as
 *       suppressed; then the poll throws {@code CancellationException};</li>
 *   <li>cancelled re-entrantly while {@code resume} runs: applied when {@code resume} returns
 *       pending (as just above, in the same poll); ignored if it completes.</li>
 * </ul>
 * Like every future, a machine is polled and cancelled by one owner, never concurrently.
 *
 * @param <T> the type of the method's (boxed) result
 */
public abstract class AsyncMachine<T> implements Future<T> {

    /** The resume point; 0 = not started. Owned by the generated {@link #resume}. */
    protected int state;

    /** The future of the await where the machine is suspended; null when not suspended. */
    private Future<?> awaited;
    private boolean started;
    private boolean resuming;
    private boolean cancelRequested;
    private boolean done;

    protected AsyncMachine() {}

    /**
     * Generated: runs the body until an await is pending (returns {@link Poll#pending()}) or
     * the body completes (returns {@link Poll#ready}), or throws the body's failure.
     */
    protected abstract Poll<T> resume(Context cx) throws Throwable;

    /**
     * A hook for generated code, called once when a started machine, suspended at an await, is
     * cancelled, before the awaited future's {@code cancel()}; {@link #state} tells which
     * await. Does nothing by default. (Reserved for running {@code finally} blocks on cancel.)
     */
    protected void onCancel() {}

    @Override
    public final Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after completion");
        }
        if (cancelRequested) {
            return finishCancel(cx);
        }
        started = true;
        resuming = true;
        Poll<T> result;
        try {
            result = resume(cx);
        } catch (Throwable t) {
            complete();
            throw Sneaky.rethrow(t);
        } finally {
            resuming = false;
        }
        if (result.isReady()) {
            complete();
            return result;
        }
        if (cancelRequested) {          // cancel() was called during resume
            deliverCancel();
            return finishCancel(cx);
        }
        return result;
    }

    @Override
    public final void cancel() {
        if (done || cancelRequested) {
            return;
        }
        cancelRequested = true;
        if (started && !resuming) {
            deliverCancel();
        }
    }

    /**
     * Generated code, at an await: stores the future to await.
     *
     * @throws NullPointerException if {@code f} is null
     */
    protected final void awaitOn(Future<?> f) {
        if (f == null) {
            throw new NullPointerException("await(null): the awaited future is null");
        }
        awaited = f;
    }

    /**
     * Generated code, at a resume point: polls the stored future. When it is ready or throws,
     * the reference is cleared first (a machine retains nothing it no longer awaits), then the
     * value is returned or the failure rethrown unchanged.
     */
    protected final <X> Poll<X> pollAwaited(Context cx) {
        @SuppressWarnings("unchecked")
        Future<X> f = (Future<X>) awaited;
        if (f == null) {
            throw new IllegalStateException("pollAwaited without awaitOn (state " + state + ")");
        }
        Poll<X> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            awaited = null;
            throw Sneaky.rethrow(t);
        }
        if (p.isReady()) {
            awaited = null;
        }
        return p;
    }

    private void deliverCancel() {
        onCancel();
        if (awaited != null) {
            awaited.cancel();
        }
    }

    /** Polls the cancelled awaited future until it completes, then throws CancellationException. */
    private Poll<T> finishCancel(Context cx) {
        Throwable suppressed = null;
        if (awaited != null) {
            try {
                if (awaited.poll(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (CancellationException expected) {
                // the awaited future obeyed the cancel
            } catch (Throwable t) {
                suppressed = t;
            }
        }
        complete();
        CancellationException cancelled = new CancellationException(
                getClass().getName() + " cancelled");
        if (suppressed != null) {
            cancelled.addSuppressed(suppressed);
        }
        throw cancelled;
    }

    private void complete() {
        done = true;
        awaited = null;
    }
}
