package dev.pollen.rt.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Context;
import dev.pollen.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Timers started, re-polled and cancelled on several threads while another fires them (bounded
 * to about a second): every timer ends exactly one way, fired and woken once, or cancelled; no
 * wake is lost or doubled and nothing stays in the wheel.
 */
class TimeDriverRaceTest {

    private static final int THREADS = 3;
    private static final long RUN_NANOS = 800_000_000;

    @Test
    void everyTimerFiresOnceOrIsCancelledUnderConcurrentUse() throws Exception {
        Clock clock = Clock.virtual();
        TimeDriver driver = new TimeDriver(clock, () -> { });
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        AtomicInteger fired = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(THREADS);
        Thread firer = new Thread(() -> {
            while (!stop.get()) {
                ((PausedClock) clock).advanceTo(clock.nanoTime() + 1_000_000);
                driver.fireDue();
            }
        });
        firer.start();
        List<Thread> owners = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            long seed = t;
            Thread owner = new Thread(() -> {
                TimeDriver.bind(driver);    // as on a worker of the driver's runtime
                try {
                    runOwner(new Random(seed), fired, cancelled);
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
            owners.add(owner);
            owner.start();
        }
        done.await();
        stop.set(true);
        firer.join();
        assertEquals(List.of(), failures);
        assertEquals(0, driver.pending(), "nothing left in the wheel");
        assertTrue(fired.get() > 0 && cancelled.get() > 0, fired + " fired, " + cancelled + " cancelled");
    }

    /** Starts timers in batches, re-polls or cancels each, and checks how each one ends. */
    private static void runOwner(Random random, AtomicInteger fired, AtomicInteger cancelled) {
        long end = System.nanoTime() + RUN_NANOS;
        while (System.nanoTime() < end) {
            int n = 50;
            Sleep[] sleeps = new Sleep[n];
            AtomicInteger[] wakes = new AtomicInteger[n];
            boolean[] cancel = new boolean[n];
            boolean[] ready = new boolean[n];
            for (int i = 0; i < n; i++) {
                sleeps[i] = Sleep.of(Duration.ofMillis(1 + random.nextInt(4)));
                AtomicInteger w = new AtomicInteger();
                wakes[i] = w;
                ready[i] = sleeps[i].poll(Context.from(w::incrementAndGet)).isReady();
                cancel[i] = !ready[i] && random.nextBoolean();
            }
            for (int i = 0; i < n; i++) {
                if (cancel[i]) {
                    sleeps[i].cancel();
                } else if (!ready[i]) {
                    AtomicInteger w = wakes[i];     // a second poll races the firing
                    ready[i] = sleeps[i].poll(Context.from(w::incrementAndGet)).isReady();
                }
            }
            for (int i = 0; i < n; i++) {
                Sleep s = sleeps[i];
                if (cancel[i]) {
                    try {
                        s.poll(Context.from(() -> { }));
                        throw new AssertionError("a cancelled sleep completed");
                    } catch (CancellationException expected) {
                        cancelled.incrementAndGet();
                    }
                    continue;
                }
                AtomicInteger w = wakes[i];
                if (ready[i]) {
                    if (w.get() > 1) {
                        throw new AssertionError("woken " + w.get() + " times");
                    }
                    fired.incrementAndGet();
                    continue;
                }
                while (w.get() == 0) {
                    Thread.onSpinWait();    // the firer wakes it within a few virtual ms
                }
                Poll<Void> p = s.poll(Context.from(() -> { }));
                if (p.isPending() || w.get() != 1) {
                    throw new AssertionError("woken " + w.get() + " times, then " + p);
                }
                fired.incrementAndGet();
            }
        }
    }
}
