package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@code Time.timeout} around an {@code @Async} method whose {@code finally} awaits, on a virtual clock. */
class TimeoutAsyncTest {

    @Async
    static String work(List<String> log, long workMs) {
        try {
            await(Time.sleep(Duration.ofMillis(workMs)));
            log.add("work done");
            return "result";
        } finally {
            await(Time.sleep(Duration.ofMillis(10)));   // a cleanup that awaits
            log.add("cleanup done");
        }
    }

    /** Catches the timeout by its name; records the timers still pending once everything is over. */
    @Async
    static String withTimeout(List<String> log, long workMs, int[] timersAfter) {
        try {
            return await(Time.timeout(TimeoutAsyncTestAsync.work(log, workMs), Duration.ofMillis(100)));
        } catch (TimeoutException e) {
            log.add(e.getMessage());
            return "fallback";
        } finally {
            timersAfter[0] = TimeDriver.current().pending();
        }
    }

    @Test
    void theInnerMethodsCleanupFinishesBeforeTheTimeoutIsReported() {
        List<String> log = new ArrayList<>();
        int[] timers = {-1};
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            long start = rt.clock().nanoTime();
            assertEquals("fallback", rt.blockOn(TimeoutAsyncTestAsync.withTimeout(log, 500, timers)));
            assertEquals(Duration.ofMillis(110), Duration.ofNanos(rt.clock().nanoTime() - start));
        }
        assertEquals(List.of("cleanup done", "timed out after 0.1 s"), log);
        assertEquals(0, timers[0]);
    }

    @Test
    void anInnerMethodThatFinishesInTimeGivesItsValueAndNoTimerIsLeft() {
        List<String> log = new ArrayList<>();
        int[] timers = {-1};
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            assertEquals("result", rt.blockOn(TimeoutAsyncTestAsync.withTimeout(log, 50, timers)));
        }
        assertEquals(List.of("work done", "cleanup done"), log);
        assertEquals(0, timers[0], "the timeout's timer left the wheel when the inner method completed");
    }

    @Test
    void cancelledAtEveryAwaitTheInnerCleanupRunsAndNoTimerIsLeft() {
        for (long workMs : new long[] {50, 500}) {
            List<String> log = new ArrayList<>();
            int[] timers = {-1};
            int runs = CancelAtEveryPending.run(() -> {
                log.clear();
                timers[0] = -1;
                return TimeoutAsyncTestAsync.withTimeout(log, workMs, timers);
            }, run -> {
                assertEquals(0, timers[0], "timers pending at the end of run " + run);
                // cancelled at the work's sleep, the inner method's finally ran to its end (cancelled at the
                // cleanup's own await, it returns there, as a return in a finally would)
                assertTrue(log.contains("work done") || log.contains("cleanup done"), log.toString());
            });
            assertEquals(2, runs, "pending at the work's sleep and at the cleanup's sleep");
        }
    }
}
