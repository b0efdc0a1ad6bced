package dev.pollen.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Intervals on a virtual clock, ticks taken by hand; times in ms. */
class IntervalTest {

    private static final long MS = 1_000_000;

    @RegisterExtension
    final VirtualTime time = new VirtualTime();
    private final Clock clock = time.clock;
    private final TimeDriver driver = time.driver;
    private final CountingWaker waker = new CountingWaker();

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

    @Test
    void theFirstTickIsImmediateThenOnePerPeriod() {
        Interval interval = Time.interval(Duration.ofMillis(10));
        assertEquals(MissedTicks.BURST, interval.missedTicks());
        assertEquals(List.of(0L), readyTicks(interval));
        assertEquals(10, nextTick(interval));
        assertEquals(10, clock.nanoTime() / MS);
        assertEquals(20, nextTick(interval));
    }

    /**
     * Ticks of a 10 ms interval whose tick due at 10 is taken at 25: those ready at 25, then the
     * next two as awaited.
     */
    private List<Long> ticksAfterALateTick(MissedTicks missed) {
        Interval interval = Time.interval(Duration.ofMillis(10), missed);
        assertEquals(List.of(0L), readyTicks(interval));
        time.setNanos(25 * MS);
        List<Long> ticks = new ArrayList<>(readyTicks(interval));
        ticks.add(nextTick(interval));
        ticks.add(nextTick(interval));
        return ticks;
    }

    @Test
    void burstDeliversTheMissedTicksAtOnceAndKeepsTheSchedule() {
        assertEquals(List.of(10L, 20L, 30L, 40L), ticksAfterALateTick(MissedTicks.BURST));
    }

    @Test
    void delayRestartsTheScheduleFromTheLateTick() {
        assertEquals(List.of(10L, 35L, 45L), ticksAfterALateTick(MissedTicks.DELAY));
    }

    @Test
    void skipDropsMissedTicksAndStaysAligned() {
        assertEquals(List.of(10L, 30L, 40L), ticksAfterALateTick(MissedTicks.SKIP));
    }

    @Test
    void aTickLateByLessThanFiveMillisecondsIsNotMissed() {
        Interval interval = Time.interval(Duration.ofMillis(10), MissedTicks.DELAY);
        assertEquals(List.of(0L), readyTicks(interval));
        time.setNanos(14 * MS);
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
    void eachTickIsDeliveredOnceToSeveralOutstandingTickFutures() {
        Interval interval = Time.interval(Duration.ofMillis(10));
        assertEquals(List.of(0L), readyTicks(interval));
        Future<Long> a = interval.tick();
        Future<Long> b = interval.tick();
        assertTrue(a.poll(waker.context()).isPending());
        assertTrue(b.poll(waker.context()).isPending());
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(10 * MS, a.poll(waker.context()).get());
        assertTrue(b.poll(waker.context()).isPending(), "tick 10 is taken: b waits for 20");
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(20 * MS, b.poll(waker.context()).get());
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
        time.setNanos(42 * MS);
        assertEquals(42 * MS, Time.now());
    }
}
