package dev.pollen.rt.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Context;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The protocol a runtime follows with its driver on the real clock: a worker fires what is due,
 * asks {@code nextDeadline()} and parks until then; {@code onEarlierDeadline} unparks it. A
 * timer started while the worker waits for a later one (or for nothing) is not missed.
 */
class TimeDriverWorkerTest {

    @Test
    void aParkedWorkerIsUnparkedForAnEarlierTimer() throws Exception {
        Thread[] worker = new Thread[1];
        TimeDriver driver = new TimeDriver(Clock.system(), () -> LockSupport.unpark(worker[0]));
        List<String> fired = new CopyOnWriteArrayList<>();
        worker[0] = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                driver.fireDue();
                long deadline = driver.nextDeadline();
                if (deadline == Long.MAX_VALUE) {
                    LockSupport.park();
                } else {
                    LockSupport.parkNanos(deadline - System.nanoTime());
                }
            }
        }, "time-worker");
        worker[0].start();
        try {
            Thread.sleep(20);           // the worker now parks with no deadline at all
            Sleep hour = Sleep.of(Duration.ofHours(1));
            assertTrue(hour.pollOn(driver, Context.from(() -> fired.add("hour"))).isPending());
            long start = System.nanoTime();
            Sleep short1 = Sleep.of(Duration.ofMillis(30));
            assertTrue(short1.pollOn(driver, Context.from(() -> fired.add("30 ms"))).isPending());
            Sleep short2 = Sleep.of(Duration.ofMillis(10));
            assertTrue(short2.pollOn(driver, Context.from(() -> fired.add("10 ms"))).isPending());
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                while (fired.size() < 2) {
                    Thread.sleep(1);
                }
            });
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(List.of("10 ms", "30 ms"), fired);
            assertTrue(elapsedMillis >= 30, "never early: " + elapsedMillis + " ms");
            assertEquals(1, driver.pending());
        } finally {
            worker[0].interrupt();
            worker[0].join();
            driver.close();
        }
    }
}
