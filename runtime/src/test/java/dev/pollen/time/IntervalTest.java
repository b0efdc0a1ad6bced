package dev.pollen.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.time.PausedClock;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.testkit.CountingWaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Intervals on a virtual clock, ticks taken by hand; times in ms. */
class IntervalTest {

    private static final long MS = 1_000_000;

    private final Clock clock = Clock.virtual();
    private final TimeDriver driver = new TimeDriver(clock, () -> { });
    private final CountingWaker waker = new CountingWaker();

    @BeforeEach
    void bind() {
        TimeDriver.bind(driver);
    }

    @AfterEach
    void unbind() {
        TimeDriver.bind(null);
    }

    /** Takes the ticks ready now, without moving the clock (cancels the first pending one); their due times in ms. */
    private List<Long> readyTicks(Interval interval) {
        List<Long> due = new ArrayList<>();
        for (;;) {
            Future<Long> tick = interval.tick();
            Poll<Long> p = tick.poll(waker.context());
            if (p.isPending()) {
                tick.cancel();
                return due;
            }
            due.add(p.get() / MS);
        }
    }

    /** Awaits the next tick: jumps the clock to it; its due time in ms. */
    private long nextTick(Interval interval) {
        Future<Long> tick = interval.tick();
        Poll<Long> p = tick.poll(waker.context());
        while (p.isPending()) {
            assertTrue(driver.advanceToNextAndFire());
            p = tick.poll(waker.context());
        }
        return p.get() / MS;
    }

    private void setClockMs(long ms) {
        ((PausedClock) clock).advanceTo(ms * MS);
    }

    @Test
    void theFirstTickIsImmediateThenOnePerPeriod() {
        Interval interval = Time.interval(Duration.ofMillis(10));
        assertEquals(MissedTicks.BURST, interval.missedTicks());
        assertEquals(List.of(0L), readyTicks(interval));
        assertEquals(10, nextTick(interval));
        assertEquals(10, clock.nanoTime() / MS);
        assertEquals(20, nextTick(interval));
    }

    @Test
    void burstDeliversTheMissedTicksAtOnceAndKeepsTheSchedule() {
        Interval interval = Time.interval(Duration.ofMillis(10), MissedTicks.BURST);
        assertEquals(List.of(0L), readyTicks(interval));
        setClockMs(25);
        assertEquals(List.of(10L, 20L), readyTicks(interval));
        assertEquals(30, nextTick(interval));
        assertEquals(40, nextTick(interval));
    }

    @Test
    void delayRestartsTheScheduleFromTheLateTick() {
        Interval interval = Time.interval(Duration.ofMillis(10), MissedTicks.DELAY);
        assertEquals(List.of(0L), readyTicks(interval));
        setClockMs(25);
        assertEquals(List.of(10L), readyTicks(interval));
        assertEquals(35, nextTick(interval));
        assertEquals(45, nextTick(interval));
    }

    @Test
    void skipDropsMissedTicksAndStaysAligned() {
        Interval interval = Time.interval(Duration.ofMillis(10), MissedTicks.SKIP);
        assertEquals(List.of(0L), readyTicks(interval));
        setClockMs(25);
        assertEquals(List.of(10L), readyTicks(interval));
        assertEquals(30, nextTick(interval));
        assertEquals(40, nextTick(interval));
    }

    @Test
    void aTickLateByLessThanFiveMillisecondsIsNotMissed() {
        Interval interval = Time.interval(Duration.ofMillis(10), MissedTicks.DELAY);
        assertEquals(List.of(0L), readyTicks(interval));
        setClockMs(14);
        assertEquals(List.of(10L), readyTicks(interval));
        assertEquals(20, nextTick(interval));
    }

    @Test
    void aCancelledTickLosesNoTick() {
        Interval interval = Time.interval(Duration.ofMillis(10));
        assertEquals(List.of(0L), readyTicks(interval));

        Future<Long> beforeItsTime = interval.tick();
        assertTrue(beforeItsTime.poll(waker.context()).isPending());
        beforeItsTime.cancel();
        assertEquals(0, driver.pending(), "its timer is gone");

        Future<Long> afterItFired = interval.tick();
        assertTrue(afterItFired.poll(waker.context()).isPending());
        assertTrue(driver.advanceToNextAndFire());
        afterItFired.cancel();      // fired, but never returned: the tick is not taken

        assertEquals(List.of(10L), readyTicks(interval));
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Time.interval(Duration.ZERO));
        assertTrue(zero.getMessage().contains("positive"), zero.getMessage());
        Future<Long> tick = Time.interval(Duration.ofMillis(1)).tick();
        assertEquals(0L, tick.poll(waker.context()).get());
        assertThrows(IllegalStateException.class, () -> tick.poll(waker.context()));
        TimeDriver.bind(null);
        IllegalStateException outside = assertThrows(IllegalStateException.class,
                () -> Time.interval(Duration.ofMillis(1)));
        assertTrue(outside.getMessage().contains("outside a Pollen runtime"), outside.getMessage());
    }

    @Test
    void nowIsTheCurrentRuntimesClock() {
        setClockMs(42);
        assertEquals(42 * MS, Time.now());
    }
}
