package dev.pollen.time;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.time.Sleep;
import dev.pollen.rt.time.TimeDriver;
import java.time.Duration;

/**
 * Ticks every period on its runtime's clock; made by {@link Time#interval}. The first tick is
 * due when the interval is created, so the first {@link #tick()} is ready at once.
 *
 * <p>A tick is taken when a {@code tick()} future returns it, so a {@code tick()} cancelled
 * before that (for example the loser of a race with another future) loses no tick: the next
 * {@code tick()} delivers it. Each tick is delivered once: with several {@code tick()} futures
 * outstanding, the first to return a tick takes it and the others wait for later ones. An
 * interval belongs to one task: it is not thread-safe.
 */
public final class Interval {

    /** A tick taken later than this after its due time counts as missed (tokio's threshold). */
    private static final long LATE_NANOS = 5_000_000;

    private final TimeDriver driver;
    private final long period;
    private final MissedTicks missedTicks;
    /** Clock nanos at which the next tick is due. */
    private long next;

    Interval(TimeDriver driver, long periodNanos, MissedTicks missedTicks) {
        this.driver = driver;
        this.period = periodNanos;
        this.missedTicks = missedTicks;
        this.next = driver.clock().nanoTime();
    }

    /**
     * A future ready with the clock nanos at which the tick was due (on {@link Time#now()}'s
     * clock) once that time has come; it may be later than that when ticks were missed.
     */
    public Future<Long> tick() {
        return new Tick();
    }

    /** The time between two ticks. */
    public Duration period() {
        return Duration.ofNanos(period);
    }

    /** What follows a tick taken late. */
    public MissedTicks missedTicks() {
        return missedTicks;
    }

    @Override
    public String toString() {
        return "Interval(every " + period() + ", " + missedTicks + ")";
    }

    /** When the tick after the one due at {@code due}, taken at {@code now}, is due. */
    private long following(long due, long now) {
        if (now - due <= LATE_NANOS) {
            return due + period;
        }
        switch (missedTicks) {
            case DELAY:
                return now + period;
            case SKIP:
                return now + period - (now - due) % period;
            default:
                return due + period;
        }
    }

    /** One tick: waits for the next tick not yet taken, and takes it when it returns it. */
    private final class Tick implements Future<Long> {

        private Sleep sleep;
        private long due;
        private boolean done;

        @Override
        public Poll<Long> poll(Context cx) {
            if (done) {
                throw new IllegalStateException("polled after completion");
            }
            if (sleep == null) {
                due = next;
                sleep = Sleep.until(due);
            }
            if (sleep.pollOn(driver, cx).isPending()) {
                return Poll.pending();
            }
            if (due != next) {              // another tick() took this tick: wait for the next one
                sleep = null;
                return poll(cx);
            }
            done = true;
            next = following(due, driver.clock().nanoTime());
            return Poll.ready(due);
        }

        /** The interval keeps its schedule: the tick stays for the next {@code tick()}. */
        @Override
        public void cancel() {
            if (!done) {
                done = true;
                if (sleep != null) {
                    sleep.cancel();
                }
            }
        }
    }
}
