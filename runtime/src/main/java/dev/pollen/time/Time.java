package dev.pollen.time;

import dev.pollen.CheckedFuture;
import dev.pollen.Future;
import dev.pollen.rt.time.Sleep;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.rt.time.Timeout;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Timers on the clock of the runtime that runs the current task: {@code Clock.system()}, or a
 * virtual clock for a runtime started paused, whose time jumps to the next timer when all its
 * workers are idle. Resolution 1 ms: a deadline is rounded up to the next millisecond of the
 * runtime's clock, so a timer never fires early, and fires at most about 1 ms late plus the
 * time a worker takes to notice. Any number of timers cost no thread; each pending one costs
 * one small object, and cancelling it removes it at once.
 */
public final class Time {

    private Time() {}

    /**
     * A future ready with {@code null} once {@code d} has passed since its first poll, which must
     * happen in a task of a Pollen runtime (the timer starts then, on that runtime's clock).
     * Durations beyond about 73 years are capped. {@code cancel()} removes the timer: its next
     * poll throws {@link java.util.concurrent.CancellationException}; so does a poll after the
     * runtime shut down its timers.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static Future<Void> sleep(Duration d) {
        return Sleep.of(Objects.requireNonNull(d, "d"));
    }

    /**
     * A future ready with {@code null} once the runtime's clock reads {@code clockNanos} (a value
     * of {@link #now()}; compared by difference, as {@link System#nanoTime()} values are). Ready
     * at its first poll if that time has passed. Otherwise as {@link #sleep}.
     */
    public static Future<Void> sleepUntil(long clockNanos) {
        return Sleep.until(clockNanos);
    }

    /**
     * {@code future}, or {@link TimeoutException} if it has not completed {@code d} after its
     * first poll: then {@code future} is cancelled and polled until it completed (its
     * {@code finally} blocks have run, and may await) before the {@code TimeoutException}
     * ("timed out after 2 s") is thrown. If it still completes with a value, or a failure other
     * than the cancellation, meanwhile, that is the outcome instead: nothing is lost. Completed
     * first, it cancels its timer at once. Declared as a {@link CheckedFuture}, so that
     * {@code catch (TimeoutException e)} compiles around its await. Cancelled, it cancels
     * {@code future} and its timer, and completes with {@code CancellationException} once
     * {@code future} completed. Must be polled in a task of a Pollen runtime (the timer runs on its
     * clock).
     *
     * <pre>{@code
     * try {
     *     return await(Time.timeout(fetch(uri), Duration.ofSeconds(2)));
     * } catch (TimeoutException e) {
     *     return cached(uri);
     * }
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static <T> CheckedFuture<T, TimeoutException> timeout(Future<T> future, Duration d) {
        return Timeout.after(Objects.requireNonNull(future, "future"), Objects.requireNonNull(d, "d"));
    }

    /**
     * {@link #timeout(Future, Duration)} with a deadline: {@link TimeoutException} once the
     * runtime's clock reads {@code clockNanos} (a value of {@link #now()}), for several steps that
     * share one deadline.
     */
    public static <T> CheckedFuture<T, TimeoutException> timeoutAt(Future<T> future, long clockNanos) {
        return Timeout.at(Objects.requireNonNull(future, "future"), clockNanos);
    }

    /**
     * The current runtime's clock, in nanoseconds from an arbitrary origin (only differences
     * matter).
     *
     * @throws IllegalStateException outside a task of a Pollen runtime
     */
    public static long now() {
        return driver("Time.now").clock().nanoTime();
    }

    /** {@link #interval(Duration, MissedTicks)} with {@link MissedTicks#BURST}. */
    public static Interval interval(Duration period) {
        return interval(period, MissedTicks.BURST);
    }

    /**
     * An interval on the current runtime's clock whose ticks are due now, then every
     * {@code period}; {@code missed} says what follows a tick taken late.
     *
     * @throws IllegalArgumentException if {@code period} is zero or negative
     * @throws IllegalStateException outside a task of a Pollen runtime
     */
    public static Interval interval(Duration period, MissedTicks missed) {
        Objects.requireNonNull(missed, "missed");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("interval period must be positive: " + period);
        }
        return new Interval(driver("Time.interval"), Sleep.cappedNanos(period), missed);
    }

    private static TimeDriver driver(String what) {
        TimeDriver d = TimeDriver.current();
        if (d == null) {
            throw new IllegalStateException(what + " called outside a Pollen runtime: call it in a task run by"
                    + " AsyncRuntime or Executor.blockOn");
        }
        return d;
    }
}
