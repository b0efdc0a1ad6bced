package dev.pollen.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import dev.pollen.Future;
import dev.pollen.Futures;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.testkit.CleanupFuture;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Time#timeout} and {@link Time#timeoutAt} on a virtual clock, polled by hand. */
class TimeoutTest {

    private static final long MS = 1_000_000;

    @RegisterExtension
    final VirtualTime time = new VirtualTime();
    private final TimeDriver driver = time.driver;
    private final CountingWaker waker = new CountingWaker();

    @Test
    void anInnerFutureThatCompletesFirstGivesItsValueAndTakesItsTimerOutAtOnce() {
        ManualFuture<String> inner = new ManualFuture<>();
        Future<String> f = Time.timeout(inner, Duration.ofSeconds(2));
        assertTrue(f.poll(waker.context()).isPending());
        assertEquals(1, driver.pending());
        String value = new String("v");
        inner.complete(value);
        assertSame(value, f.poll(waker.context()).get());
        assertEquals(0, driver.pending(), "the timer left the wheel");
        assertThrows(IllegalStateException.class, () -> f.poll(waker.context()));
    }

    @Test
    void anInnerFutureReadyAtOnceNeverStartsTheTimer() {
        assertEquals(5, Time.timeout(Futures.ready(5), Duration.ofSeconds(1)).poll(waker.context()).get());
        IOException failure = new IOException("x");
        assertSame(failure, assertThrows(IOException.class,
                () -> Time.timeout(Futures.failed(failure), Duration.ofSeconds(1)).poll(waker.context())));
        assertEquals(0, driver.pending());
    }

    @Test
    void onExpiryTheInnerFutureIsCancelledAndFinishesItsCleanupBeforeTheTimeoutIsThrown() {
        CleanupFuture<String> inner = new CleanupFuture<>("inner");
        Future<String> f = Time.timeout(inner, Duration.ofSeconds(2));
        assertTrue(f.poll(waker.context()).isPending());
        time.setNanos(time.clock.nanoTime() + 800 * MS);
        assertEquals("Time.timeout (2 s, 1.2 s left) of inner", f.toString());
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(1, waker.count());
        assertTrue(f.poll(waker.context()).isPending(), "waits for the inner future's cleanup");
        assertTrue(inner.isCancelled());
        assertEquals("Time.timeout (2 s, expired, cancelling) of inner", f.toString());
        inner.finishCleanup();
        TimeoutException e = assertThrows(TimeoutException.class, () -> f.poll(waker.context()));
        assertEquals("timed out after 2 s", e.getMessage());
        assertTrue(inner.isTaken());
        assertEquals(0, driver.pending());
    }

    @Test
    void anOutcomeTheInnerFutureStillProducesWhileCancelledIsNotLost() {
        CleanupFuture<String> inner = new CleanupFuture<>("inner");
        Future<String> f = Time.timeout(inner, Duration.ofMillis(5));
        assertTrue(f.poll(waker.context()).isPending());
        assertTrue(driver.advanceToNextAndFire());
        assertTrue(f.poll(waker.context()).isPending());
        inner.complete("made it");
        assertEquals("made it", f.poll(waker.context()).get());

        CleanupFuture<String> failing = new CleanupFuture<>("failing");
        Future<String> g = Time.timeout(failing, Duration.ofMillis(5));
        assertTrue(g.poll(waker.context()).isPending());
        assertTrue(driver.advanceToNextAndFire());
        assertTrue(g.poll(waker.context()).isPending());
        IOException failure = new IOException("in cleanup");
        failing.failCleanup(failure);
        assertSame(failure, assertThrows(IOException.class, () -> g.poll(waker.context())));
    }

    @Test
    void cancelCancelsTheTimerAndTheInnerFutureAndWaitsForItsCleanup() {
        CleanupFuture<String> inner = new CleanupFuture<>("inner");
        Future<String> f = Time.timeout(inner, Duration.ofSeconds(2));
        assertTrue(f.poll(waker.context()).isPending());
        f.cancel();
        assertEquals(0, driver.pending());
        assertTrue(inner.isCancelled());
        assertTrue(f.poll(waker.context()).isPending());
        IOException failure = new IOException("in cleanup");
        inner.failCleanup(failure);
        CancellationException e = assertThrows(CancellationException.class, () -> f.poll(waker.context()));
        assertArrayEquals(new Throwable[] {failure}, e.getSuppressed());
    }

    @Test
    void aDeadlineIsAClockReading() {
        ManualFuture<String> inner = new ManualFuture<>();
        Future<String> f = Time.timeoutAt(inner, time.clock.nanoTime() + 30 * MS);
        assertTrue(f.poll(waker.context()).isPending());
        assertTrue(driver.advanceToNextAndFire());
        assertEquals(30 * MS, time.clock.nanoTime());
        TimeoutException e = assertThrows(TimeoutException.class, () -> f.poll(waker.context()));
        assertEquals("timed out at its deadline", e.getMessage());
        assertTrue(inner.isCancelled());
        ManualFuture<String> late = new ManualFuture<>();
        assertThrows(TimeoutException.class, () -> Time.timeoutAt(late, 0).poll(waker.context()));
    }

    @Test
    void outsideARuntimeItIsRefusedBeforeTheInnerFutureRuns() {
        TimeDriver.bind(null);
        ManualFuture<String> inner = new ManualFuture<>();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Time.timeout(inner, Duration.ofSeconds(1)).poll(waker.context()));
        assertTrue(e.getMessage().startsWith("Time.timeout polled outside a Pollen runtime"), e.getMessage());
        assertEquals(0, inner.polls());
    }

    @Test
    void onAPausedRuntimeTheTimeoutFiresInVirtualTime() {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            long start = rt.clock().nanoTime();
            assertThrows(TimeoutException.class, () -> rt.blockOn(Time.timeout(new ManualFuture<>(),
                    Duration.ofHours(1))));
            assertEquals(3_600_000 * MS, rt.clock().nanoTime() - start);
        }
    }
}
