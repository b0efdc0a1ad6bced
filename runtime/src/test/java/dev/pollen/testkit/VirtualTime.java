package dev.pollen.testkit;

import dev.pollen.Clock;
import dev.pollen.rt.time.PausedClock;
import dev.pollen.rt.time.TimeDriver;

/**
 * A time driver on a virtual clock, for polling timers by hand: {@link #bind()} it to the test
 * thread before (as a runtime binds its driver to its workers) and {@link #unbind()} after.
 */
public final class VirtualTime {

    public final Clock clock = Clock.virtual();
    public final TimeDriver driver;

    public VirtualTime(Runnable onEarlierDeadline) {
        driver = new TimeDriver(clock, onEarlierDeadline);
    }

    public VirtualTime() {
        this(() -> { });
    }

    public void bind() {
        TimeDriver.bind(driver);
    }

    public void unbind() {
        TimeDriver.bind(null);
    }

    /** Moves the clock forward to {@code nanos} without firing anything. */
    public void setNanos(long nanos) {
        ((PausedClock) clock).advanceTo(nanos);
    }
}
