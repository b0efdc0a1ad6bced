package dev.pollen.rt.time;

import dev.pollen.CheckedFuture;
import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.internal.Sneaky;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Not API: {@code Time.timeout} and {@code Time.timeoutAt}: an inner future raced against a
 * {@link Sleep} in the owner's task (both polled with the owner's context; no other object).
 *
 * <pre>
 *   RUNNING --inner completes (value or failure)--> DONE, the timer cancelled (out of the wheel)
 *   RUNNING --the timer fires--> EXPIRED: the inner future cancelled, then polled until it completes:
 *       CancellationException --> TimeoutException ("timed out after 2 s")
 *       a value, another failure --> that outcome (nothing is lost)
 *   RUNNING --cancel()--> CANCELLED: timer and inner cancelled, the inner polled until it completes,
 *       then CancellationException (the inner's own, or one with its other failure suppressed)
 *   DONE: polled after completion
 * </pre>
 * The inner future is polled first, so an inner future ready in the poll where the timer fires
 * wins. The timer starts at the first poll in which the inner future is pending; it never starts
 * for one ready at once. All fields belong to the owner.
 *
 * @param <T> the type of the inner future's value
 */
public final class Timeout<T> implements CheckedFuture<T, TimeoutException> {

    private static final int RUNNING = 0;
    private static final int EXPIRED = 1;
    private static final int CANCELLED = 2;
    private static final int DONE = 3;

    private final Future<T> inner;
    private final Sleep timer;
    /** The duration in nanos, for messages; -1 for a deadline ({@link #at}). */
    private final long nanos;
    private int state = RUNNING;
    /** The timer was polled: it runs on the driver it started on. */
    private boolean timerStarted;

    private Timeout(Future<T> inner, Sleep timer, long nanos) {
        this.inner = inner;
        this.timer = timer;
        this.nanos = nanos;
    }

    /** {@code inner}, failing with TimeoutException {@code d} after its first poll. */
    public static <T> Timeout<T> after(Future<T> inner, Duration d) {
        Sleep timer = Sleep.of(d);
        return new Timeout<>(inner, timer, Sleep.cappedNanos(d));
    }

    /** {@code inner}, failing with TimeoutException once the runtime's clock reads {@code clockNanos}. */
    public static <T> Timeout<T> at(Future<T> inner, long clockNanos) {
        return new Timeout<>(inner, Sleep.until(clockNanos), -1);
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (state == DONE) {
            throw new IllegalStateException("polled after completion");
        }
        if (state == RUNNING) {
            TimeDriver driver = null;
            if (!timerStarted) {            // checked before the inner future runs, so it is not left behind
                driver = TimeDriver.current();
                if (driver == null) {
                    throw new IllegalStateException("Time.timeout polled outside a Pollen runtime: await it in a"
                            + " task run by AsyncRuntime or Executor.blockOn");
                }
            }
            Poll<T> p;
            try {
                p = inner.poll(cx);
            } catch (Throwable t) {
                finish();
                throw Sneaky.rethrow(t);
            }
            if (p.isReady()) {
                finish();
                return p;
            }
            boolean expired;
            try {
                timerStarted = true;
                expired = timer.pollOn(driver, cx).isReady();
            } catch (CancellationException timersClosed) {
                expired = false;            // the runtime is shutting down: give up as if cancelled
                cancel();
            }
            if (expired) {
                state = EXPIRED;
                inner.cancel();
            } else if (state == RUNNING) {
                return Poll.pending();
            }
        }
        return drain(cx);
    }

    /** EXPIRED or CANCELLED: polls the cancelled inner future until it completes. */
    private Poll<T> drain(Context cx) {
        boolean expired = state == EXPIRED;
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (CancellationException e) {
            state = DONE;
            throw expired ? Sneaky.rethrow(new TimeoutException("timed out " + (nanos < 0 ? "at its deadline"
                    : "after " + Sleep.seconds(nanos)))) : e;
        } catch (Throwable t) {
            state = DONE;
            throw expired ? Sneaky.rethrow(t) : cancelled(t);
        }
        if (p.isPending()) {
            return p;
        }
        state = DONE;
        if (expired) {
            return p;
        }
        throw cancelled(null);              // a cancelled owner drops the value, as a cancelled await does
    }

    /** Cancels the inner future and the timer; the next polls drive the inner future to completion. */
    @Override
    public void cancel() {
        if (state != RUNNING) {
            return;
        }
        state = CANCELLED;
        timer.cancel();
        inner.cancel();
    }

    private void finish() {
        state = DONE;
        timer.cancel();                     // out of the wheel now, not when it would have fired
    }

    private static CancellationException cancelled(Throwable suppressed) {
        CancellationException e = new CancellationException("Time.timeout cancelled");
        if (suppressed != null) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    /** What it waits for: {@code Time.timeout (2 s, 1.2 s left) of <inner>}. */
    @Override
    public String toString() {
        String limit = nanos < 0 ? "deadline" : Sleep.seconds(nanos);
        long left = timer.nanosLeft();
        String what = state == EXPIRED ? ", expired, cancelling" : state == CANCELLED ? ", cancelled"
                : state == DONE ? ", complete" : left >= 0 ? ", " + Sleep.seconds(left) + " left" : "";
        return "Time.timeout (" + limit + what + ") of " + inner;
    }
}
