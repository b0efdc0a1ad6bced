package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.ReadyFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** Wake-ups racing with polls and parks. Timeouts are hang guards only. */
class ExecutorRaceTest {

    private static final Duration HANG_GUARD = Duration.ofSeconds(60);

    /**
     * A future that needs {@code wakesNeeded} distinct wake-ups, each published by a waker
     * thread: it is ready once it has seen them all. Two threads wake it concurrently.
     */
    private static final class TwoWakersFuture implements Future<Integer> {
        final AtomicInteger arrived = new AtomicInteger();
        final AtomicReference<Waker> waker = new AtomicReference<>();
        final CyclicBarrier start = new CyclicBarrier(2);
        int polls;

        @Override
        public Poll<Integer> poll(Context cx) {
            polls++;
            waker.set(cx.waker());
            return arrived.get() == 2 ? Poll.ready(polls) : Poll.pending();
        }

        Thread wakerThread() {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                Waker w;
                while ((w = waker.get()) == null) {
                    Thread.onSpinWait();
                }
                arrived.incrementAndGet();
                w.wake();
            });
            t.start();
            return t;
        }
    }

    @Test
    void wakesFromTwoThreadsRacingWithPollNeverHang() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int round = 0; round < 10_000; round++) {
                TwoWakersFuture f = new TwoWakersFuture();
                Thread a = f.wakerThread();
                Thread b = f.wakerThread();
                int polls = Executor.blockOn(f);
                assertTrue(polls >= 1 && polls <= 3, "at most one poll per wake: " + polls);
                a.join();
                b.join();
            }
        });
    }

    @Test
    void spawnedTasksWokenFromOtherThreadsNeverHang() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int round = 0; round < 2_000; round++) {
                ManualFuture<Integer> x = new ManualFuture<>();
                ManualFuture<Integer> y = new ManualFuture<>();
                CyclicBarrier go = new CyclicBarrier(2);
                Thread tx = new Thread(() -> awaitThen(go, () -> x.complete(1)));
                Thread ty = new Thread(() -> awaitThen(go, () -> y.complete(2)));
                tx.start();
                ty.start();
                int sum = Executor.blockOn(Chain.defer(() -> {
                    JoinHandle<Integer> hx = Executor.spawn(x);
                    JoinHandle<Integer> hy = Executor.spawn(y);
                    return Chain.of(hx, vx ->
                            Chain.of(hy, vy -> new ReadyFuture<>(vx + vy)));
                }));
                assertEquals(3, sum);
                tx.join();
                ty.join();
            }
        });
    }

    @Test
    void foreignUnparksNeitherCompleteEarlyNorCausePolls() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread executorThread = Thread.currentThread();
            ManualFuture<String> f = new ManualFuture<>();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger unparks = new AtomicInteger();
            Thread nuisance = new Thread(() -> {
                while (!stop.get()) {
                    LockSupport.unpark(executorThread);
                    unparks.incrementAndGet();
                    Thread.yield();
                }
            });
            Thread completer = new Thread(() -> {
                while (unparks.get() < 20_000) {
                    Thread.yield();
                }
                f.complete("real wake");
            });
            nuisance.start();
            completer.start();
            try {
                assertEquals("real wake", Executor.blockOn(f));
                assertEquals(2, f.polls(), "foreign unparks must not cause extra polls");
            } finally {
                stop.set(true);
                nuisance.join();
                completer.join();
            }
        });
    }

    @Test
    void interruptDoesNotEndTheWaitNorSpinAndIsRestored() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread executorThread = Thread.currentThread();
            ManualFuture<String> f = new ManualFuture<>();
            Thread interrupter = new Thread(() -> {
                while (f.polls() == 0) {
                    Thread.yield();
                }
                for (int i = 0; i < 100; i++) {
                    executorThread.interrupt();
                    Thread.yield();
                }
                ExecutorTest.sleepMillis(400);
                f.complete("done");
            });
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            interrupter.start();
            try {
                long cpuBefore = threads.getCurrentThreadCpuTime();
                assertEquals("done", Executor.blockOn(f));
                long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuBefore) / 1_000_000;
                assertEquals(2, f.polls(), "interrupts must not cause extra polls");
                assertTrue(Thread.interrupted(), "the interrupt flag is restored (and cleared here)");
                if (threads.isCurrentThreadCpuTimeSupported()) {
                    assertTrue(cpuMillis < 200, "the executor spun while waiting: " + cpuMillis + " ms CPU");
                }
            } finally {
                interrupter.join();
            }
        });
    }

    @Test
    void interruptFlagIsRestoredOnExceptionalReturnToo() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Thread executorThread = Thread.currentThread();
            ManualFuture<String> f = new ManualFuture<>();
            IllegalStateException boom = new IllegalStateException("boom");
            Thread interrupter = new Thread(() -> {
                while (f.polls() == 0) {
                    Thread.yield();
                }
                executorThread.interrupt();
                ExecutorTest.sleepMillis(20);
                f.fail(boom);
            });
            interrupter.start();
            try {
                assertSame(boom, assertThrows(IllegalStateException.class, () -> Executor.blockOn(f)));
                assertTrue(Thread.interrupted());
            } finally {
                interrupter.join();
            }
        });
    }

    private static void awaitThen(CyclicBarrier barrier, Runnable action) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        action.run();
    }
}
