package dev.pollen.rt.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.VirtualTime;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The driver and its sleeps on a virtual clock, polled by hand on the test thread. */
class TimeDriverTest {

    private final AtomicInteger earlier = new AtomicInteger();
    @RegisterExtension
    final VirtualTime time = new VirtualTime(earlier::incrementAndGet);
    private final Clock clock = time.clock;
    private final TimeDriver driver = time.driver;
    private final CountingWaker waker = new CountingWaker();

    private void setClock(long nanos) {
        time.setNanos(nanos);
    }

    private boolean pending(Future<?> f) {
        return f.poll(waker.context()).isPending();
    }

    @Test
    void aSleepFiresOnceItsDeadlineRoundedUpToTheMillisecondHasPassed() {
        Future<Void> sleep = Time.sleep(Duration.ofNanos(1_500_000));
        assertTrue(pending(sleep));
        setClock(1_999_999);
        assertEquals(0, driver.fireDue(), "1.5 ms fires at tick 2: never early");
        assertEquals(0, waker.count());
        setClock(2_000_000);
        assertEquals(1, driver.fireDue());
        assertEquals(1, waker.count());
        assertSame(Poll.ready(null), sleep.poll(waker.context()));
        assertEquals(0, driver.pending());
    }

    @Test
    void theTimerStartsAtTheFirstPoll() {
        Future<Void> sleep = Time.sleep(Duration.ofMillis(10));
        setClock(50_000_000);
        assertTrue(pending(sleep));
        assertEquals(60_000_000, driver.nextDeadline());
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(60_000_000, clock.nanoTime());
    }

    @Test
    void zeroAndPastDeadlinesAreReadyAtTheFirstPollWithoutATimer() {
        setClock(5_000_000);
        assertSame(Poll.ready(null), Time.sleep(Duration.ZERO).poll(waker.context()));
        assertSame(Poll.ready(null), Time.sleepUntil(4_000_000).poll(waker.context()));
        assertEquals(0, driver.pending());
    }

    @Test
    void sleepUntilFiresAtThatClockTime() {
        Future<Void> sleep = Time.sleepUntil(7_000_000);
        assertTrue(pending(sleep));
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(7_000_000, clock.nanoTime());
        assertSame(Poll.ready(null), sleep.poll(waker.context()));
    }

    @Test
    void advanceToNextJumpsOverCascadePointsToTheRealDeadline() {
        Future<Void> far = Time.sleep(Duration.ofHours(5));
        assertTrue(pending(far));
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(Duration.ofHours(5).toNanos(), clock.nanoTime());
        assertEquals(1, waker.count());
        assertFalse(driver.advanceToNextAndFire(), "nothing left");
        assertEquals(Duration.ofHours(5).toNanos(), clock.nanoTime(), "the clock stays when nothing is pending");
    }

    @Test
    void nextDeadlineIsTheEarliestTimerOrMaxValue() {
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
        assertTrue(pending(Time.sleep(Duration.ofMillis(30))));
        assertTrue(pending(Time.sleep(Duration.ofMillis(3))));
        assertEquals(3_000_000, driver.nextDeadline());
    }

    @Test
    void theRuntimeIsToldOnlyOfTimersEarlierThanWhatItWaitsFor() {
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());        // the worker parks without timeout
        assertTrue(pending(Time.sleep(Duration.ofMillis(20))));
        assertEquals(1, earlier.get(), "earlier than no deadline");
        assertTrue(pending(Time.sleep(Duration.ofMillis(40))));
        assertEquals(1, earlier.get(), "later than 20 ms: the worker wakes in time anyway");
        assertEquals(20_000_000, driver.nextDeadline());
        assertTrue(pending(Time.sleep(Duration.ofMillis(10))));
        assertEquals(2, earlier.get());
    }

    @Test
    void cancelRemovesTheTimerAndTheNextPollThrows() {
        Future<Void> sleep = Time.sleep(Duration.ofSeconds(1));
        assertTrue(pending(sleep));
        sleep.cancel();
        assertEquals(0, driver.pending());
        assertFalse(driver.advanceToNextAndFire());
        assertEquals(0, waker.count(), "a cancelled timer never wakes");
        assertThrows(CancellationException.class, () -> sleep.poll(waker.context()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleep.poll(waker.context()));
        assertEquals("polled after completion", e.getMessage());
    }

    @Test
    void cancelBeforeTheFirstPollAfterFiringAndAfterCompletion() {
        Future<Void> notStarted = Time.sleep(Duration.ofSeconds(1));
        notStarted.cancel();
        assertThrows(CancellationException.class, () -> notStarted.poll(waker.context()));
        assertEquals(0, driver.pending());

        Future<Void> fired = Time.sleep(Duration.ofSeconds(1));
        assertTrue(pending(fired));
        assertTrue(driver.advanceToNextAndFire());
        fired.cancel();                 // fired but not yet taken: cancel wins
        assertThrows(CancellationException.class, () -> fired.poll(waker.context()));

        Future<Void> done = Time.sleep(Duration.ofSeconds(1));
        assertTrue(pending(done));
        assertTrue(driver.advanceToNextAndFire());
        assertSame(Poll.ready(null), done.poll(waker.context()));
        done.cancel();                  // ignored
        assertThrows(IllegalStateException.class, () -> done.poll(waker.context()));
    }

    @Test
    void theLatestWakerIsWoken() {
        Future<Void> sleep = Time.sleep(Duration.ofMillis(5));
        CountingWaker first = new CountingWaker();
        assertTrue(sleep.poll(first.context()).isPending());
        assertTrue(pending(sleep));
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(0, first.count());
        assertEquals(1, waker.count());
    }

    @Test
    void timersDueTogetherFireInTheOrderTheyStarted() {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            assertTrue(Time.sleep(Duration.ofMillis(100)).poll(dev.pollen.Context.from(() -> order.add(id))).isPending());
        }
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void wakersRunOutsideTheLockAndOneThatThrowsIsReportedWithoutStoppingTheOthers() {
        List<Throwable> reported = new ArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            List<Boolean> lockHeld = new ArrayList<>();
            RuntimeException boom = new RuntimeException("boom");
            assertTrue(Time.sleep(Duration.ofMillis(1)).poll(dev.pollen.Context.from(() -> {
                throw boom;
            })).isPending());
            assertTrue(Time.sleep(Duration.ofMillis(1)).poll(dev.pollen.Context.from(
                    () -> lockHeld.add(Thread.holdsLock(driver.lock)))).isPending());
            assertTrue(driver.advanceToNextAndFire());
            assertEquals(List.of(boom), reported);
            assertEquals(List.of(false), lockHeld);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(previous);
        }
    }

    @Test
    void closeCancelsPendingTimersWakesThemAndRefusesLaterOnes() {
        Future<Void> pending = Time.sleep(Duration.ofDays(1));
        Future<Void> notStarted = Time.sleep(Duration.ofSeconds(1));
        assertTrue(pending(pending));
        driver.close();
        assertEquals(1, waker.count(), "its owner is woken to notice");
        assertEquals(0, driver.pending());
        assertThrows(CancellationException.class, () -> pending.poll(waker.context()));
        assertThrows(CancellationException.class, () -> notStarted.poll(waker.context()));
        driver.close();     // idempotent
    }

    @Test
    void pollingOutsideARuntimeSaysWhatToDo() {
        TimeDriver.bind(null);
        Future<Void> sleep = Time.sleep(Duration.ofSeconds(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sleep.poll(waker.context()));
        assertEquals("Time.sleep polled outside a Pollen runtime: await it in a task run by AsyncRuntime or"
                + " Executor.blockOn", e.getMessage());
        assertThrows(IllegalStateException.class, Time::now);
    }

    @Test
    void aStartedSleepKeepsItsDriverOnAnyThread() {
        Sleep sleep = Sleep.of(Duration.ofSeconds(1));
        assertTrue(pending(sleep));
        TimeDriver other = new TimeDriver(driver.clock(), () -> { });
        TimeDriver.bind(other);     // handed to a task of another runtime
        assertTrue(sleep.poll(waker.context()).isPending());
        assertEquals(0, other.pending(), "the other runtime's wheel is not touched");
        assertTrue(sleep.toString().matches("Sleep\\(1 s left\\)"), sleep.toString());
        TimeDriver.bind(null);      // a thread of no runtime
        sleep.cancel();
        assertEquals(0, driver.pending(), "cancelled on the driver that started it");
        assertThrows(CancellationException.class, () -> sleep.poll(waker.context()));
    }

    @Test
    void hugeDurationsAreCappedAndStayBehindShortOnes() {
        Future<Void> forever = Time.sleep(Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(pending(forever));
        Future<Void> second = Time.sleep(Duration.ofSeconds(1));
        assertTrue(pending(second));
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(1_000_000_000, clock.nanoTime());
        assertEquals(1, driver.pending());
        assertThrows(IllegalArgumentException.class, () -> Time.sleep(Duration.ofNanos(-1)));
    }

    @Test
    void toStringSaysWhatTheSleepWaitsFor() {
        Future<Void> sleep = Time.sleep(Duration.ofSeconds(2));
        assertEquals("Sleep(2 s, not started)", sleep.toString());
        assertTrue(pending(sleep));
        setClock(800_000_000);
        assertEquals("Sleep(1.2 s left)", sleep.toString());
        sleep.cancel();
        assertEquals("Sleep(cancelled)", sleep.toString());
    }

    @Test
    void advanceToNextNeedsAPausedClock() {
        TimeDriver real = new TimeDriver(Clock.system(), () -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, real::advanceToNextAndFire);
        assertTrue(e.getMessage().contains("Clock.virtual()"), e.getMessage());
    }

    @Test
    void manySleepsStartedAndCancelledLeaveNothingPending() {
        List<Future<Void>> sleeps = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            Future<Void> s = Time.sleep(Duration.ofMillis(1 + i % 100_000));
            assertTrue(pending(s));
            sleeps.add(s);
        }
        assertEquals(200_000, driver.pending());
        sleeps.forEach(Future::cancel);
        assertEquals(0, driver.pending());
        assertEquals(Long.MAX_VALUE, driver.nextDeadline());
    }
}
