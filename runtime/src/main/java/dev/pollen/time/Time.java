package dev.pollen.time;

import dev.pollen.Future;
import dev.pollen.rt.time.Sleep;
import dev.pollen.rt.time.TimeDriver;
import java.time.Duration;
import java.util.Objects;

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
