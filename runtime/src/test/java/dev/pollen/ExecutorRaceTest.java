package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.ReadyFuture;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
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

    /**
     * The intrusive live list under load: spawns (some from spawned tasks, so they interleave
     * with completions), completions and failures woken from other threads, JoinHandle.cancel()
     * from other threads, and the root completing while many tasks are pending. If the list
     * lost a cell, blockOn would return without cancelling that task (its handle would still
     * be pending); if it were corrupt, blockOn would hang or fail.
     */
    @Test
    void liveListSurvivesSpawnsCompletionsAndCancelsFromOtherThreads() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            // the body runs on a thread of its own (preemptive timeout): capture reports there
            AtomicInteger reported = new AtomicInteger();
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.incrementAndGet());
            {
                Random random = new Random(11);
                for (int round = 0; round < 300; round++) {
                    int n = 64;
                    List<ManualFuture<Integer>> leaves = new ArrayList<>();
                    for (int i = 0; i < 2 * n; i++) {
                        leaves.add(new ManualFuture<>());
                    }
                    // index i < n: spawned by the root; n + j: spawned by the root's task j
                    List<JoinHandle<Integer>> handles = Collections.synchronizedList(new ArrayList<>());
                    JoinHandle<?>[] direct = new JoinHandle<?>[n];
                    ManualFuture<Integer> rootGate = new ManualFuture<>();
                    int[] action = new int[2 * n];     // 0 complete, 1 fail, 2 cancel its handle, 3 none
                    int fails = 0;
                    for (int i = 0; i < action.length; i++) {
                        action[i] = random.nextInt(4);
                        if (i >= n && action[i] == 2) {
                            action[i] = 3;              // no handle at hand for the inner ones
                        }
                        fails += action[i] == 1 ? 1 : 0;
                    }
                    int gateAfter = random.nextInt(n);
                    CyclicBarrier go = new CyclicBarrier(3);
                    Thread[] helpers = new Thread[2];
                    for (int h = 0; h < 2; h++) {
                        int first = h;
                        helpers[h] = new Thread(() -> awaitThen(go, () -> {
                            for (int i = first; i < 2 * n; i += 2) {
                                switch (action[i]) {
                                    case 0: leaves.get(i).complete(i); break;
                                    case 1: leaves.get(i).fail(new IllegalStateException("leaf " + i)); break;
                                    case 2: direct[i].cancel(); break;
                                    default: break;
                                }
                                if (first == 0 && i / 2 == gateAfter) {
                                    rootGate.complete(0);   // the root ends while others still act
                                }
                                if ((i & 7) == 0) {
                                    Thread.yield();
                                }
                            }
                        }));
                        helpers[h].start();
                    }
                    int v = Executor.blockOn(Chain.defer(() -> {
                        for (int i = 0; i < n; i++) {
                            int j = i;
                            JoinHandle<Integer> h = Executor.spawn(leaves.get(j));
                            direct[j] = h;
                            handles.add(h);
                            handles.add(Executor.spawn(Chain.defer(() -> {
                                handles.add(Executor.spawn(leaves.get(n + j)));
                                return new ReadyFuture<>(j);
                            })));
                        }
                        awaitThen(go, () -> { });
                        return rootGate;
                    }));
                    assertEquals(0, v);
                    for (Thread t : helpers) {
                        t.join();
                    }
                    assertEquals(3 * n, handles.size());
                    CountingWaker waker = new CountingWaker();
                    for (JoinHandle<Integer> h : handles) {
                        try {
                            assertTrue(h.poll(waker.context()).isReady(), "every task completed");
                        } catch (IllegalStateException e) {
                            // failed or cancelled: completed too
                            if (!(e instanceof CancellationException) && !e.getMessage().startsWith("leaf ")) {
                                throw e;
                            }
                        }
                    }
                    for (ManualFuture<Integer> leaf : leaves) {
                        assertTrue(leaf.polls() >= 1, "every leaf ran");
                    }
                    assertTrue(reported.getAndSet(0) <= fails, "only real failures are reported");
                }
            }
        });
    }

    /**
     * Two tasks that keep waking each other on the executor thread never leave the local run
     * queue empty; a wake from another thread must still be served (invariant 6).
     */
    @Test
    void localWakeLoopsDoNotStarveWakesFromOtherThreads() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            ManualFuture<String> remote = new ManualFuture<>();
            AtomicBoolean stop = new AtomicBoolean();
            Future<Void> spinner = cx -> {
                if (stop.get()) {
                    return Poll.ready(null);
                }
                cx.waker().wake();          // woken during its own poll: queued again, locally
                return Poll.pending();
            };
            Thread completer = new Thread(() -> {
                ExecutorTest.sleepMillis(20);
                remote.complete("served");
            });
            completer.start();
            String v = Executor.blockOn(Chain.defer(() -> {
                Executor.spawn(spinner);
                Executor.spawn(spinner);
                return Chain.of(remote, s -> {
                    stop.set(true);
                    return new ReadyFuture<>(s);
                });
            }));
            assertEquals("served", v);
            completer.join();
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
