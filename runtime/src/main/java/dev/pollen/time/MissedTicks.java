package dev.pollen.time;

/**
 * What an {@link Interval} does when a tick is taken late (its task was busy, or the runtime
 * stalled) by more than 5 ms, tokio's {@code MissedTickBehavior}. With a period of 10 ms and
 * ticks due at 0, 10, 20, 30, 40, a tick taken at 25 is followed by:
 * <ul>
 *   <li>{@link #BURST}: ticks due at 20 and 30 at once, then 40: the schedule is kept and every
 *       tick is delivered, late ones back to back (as {@code scheduleAtFixedRate}).
 *   <li>{@link #DELAY}: the next tick at 35, then 45: the schedule restarts from the late tick.
 *   <li>{@link #SKIP}: the next tick at 30, then 40: the missed ticks are dropped, the schedule
 *       stays aligned.
 * </ul>
 * {@code BURST} is the default, as in tokio and {@code ScheduledExecutorService}: the number of
 * ticks delivered always equals the time elapsed divided by the period.
 */
public enum MissedTicks {
    /** Deliver every missed tick, at once, then continue on the original schedule. */
    BURST,
    /** Start the schedule again one period after the late tick. */
    DELAY,
    /** Drop the missed ticks; the next tick is the next one of the original schedule. */
    SKIP
}
