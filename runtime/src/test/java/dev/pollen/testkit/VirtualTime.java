package dev.pollen.testkit;

import dev.pollen.Clock;
import dev.pollen.rt.time.PausedClock;
import dev.pollen.rt.time.TimeDriver;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A time driver on a virtual clock, for polling timers by hand. As a JUnit extension
 * ({@code @RegisterExtension}) it is bound to the test thread during each test, as a runtime
 * binds its driver to its workers.
 */
public final class VirtualTime implements BeforeEachCallback, AfterEachCallback {

    public final Clock clock = Clock.virtual();
    public final TimeDriver driver;

    public VirtualTime(Runnable onEarlierDeadline) {
        driver = new TimeDriver(clock, onEarlierDeadline);
    }

    public VirtualTime() {
        this(() -> { });
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        TimeDriver.bind(driver);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TimeDriver.bind(null);
    }

    /** Moves the clock forward to {@code nanos} without firing anything. */
    public void setNanos(long nanos) {
        ((PausedClock) clock).advanceTo(nanos);
    }
}
