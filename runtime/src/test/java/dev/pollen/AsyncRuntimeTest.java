package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.ReadyFuture;
import dev.pollen.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The runtimes as users see them: both kinds, spawning from anywhere, time, blocking work, shutdown. */
class AsyncRuntimeTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    /** Awaits every handle in turn; ready with their values. */
    static <T> Future<List<T>> joinAll(List<? extends Future<T>> handles) {
        return new Future<>() {
            private final List<T> values = new ArrayList<>();

            @Override
            public Poll<List<T>> poll(Context cx) {
                while (values.size() < handles.size()) {
                    Poll<T> p = handles.get(values.size()).poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    values.add(p.get());
                }
                return Poll.ready(values);
            }
        };
    }

    /** A future that, at its first poll, runs {@code action} on the polling thread; then ready. */
    static <T> Future<T> onPoll(java.util.function.Supplier<T> action) {
        return Chain.defer(() -> new ReadyFuture<>(action.get()));
    }

    @Test
    void twoWorkersPollTwoTasksAtTheSameTime() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
                AtomicInteger inside = new AtomicInteger();
                Future<Boolean> meet = onPoll(() -> {
                    inside.incrementAndGet();
                    long end = System.nanoTime() + 20_000_000_000L;
                    while (inside.get() < 2 && System.nanoTime() < end) {
                        Thread.onSpinWait();    // holds this worker: the other task needs the other one
                    }
                    return inside.get() >= 2;
                });
                List<Boolean> met = rt.blockOn(Chain.defer(() -> joinAll(List.of(
                        Executor.spawn(meet), Executor.spawn(onPoll(() -> {
                            inside.incrementAndGet();
                            long end = System.nanoTime() + 20_000_000_000L;
                            while (inside.get() < 2 && System.nanoTime() < end) {
                                Thread.onSpinWait();
                            }
                            return inside.get() >= 2;
                        }))))));
                assertEquals(List.of(true, true), met, "both tasks were inside their polls at once");
            }
        });
    }

    @Test
    void manyTasksSpreadOverTheWorkers() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).name("spread").build()) {
                Set<String> threads = ConcurrentHashMap.newKeySet();
                List<Integer> values = rt.blockOn(Chain.defer(() -> {
                    List<JoinHandle<Integer>> handles = new ArrayList<>();
                    for (int i = 0; i < 10_000; i++) {
                        int n = i;
                        handles.add(Executor.spawn(Chain.of(Executor.yieldNow(), ignored -> onPoll(() -> {
                            threads.add(Thread.currentThread().getName());
                            return n;
                        }))));
                    }
                    return joinAll(handles);
                }));
                assertEquals(10_000, values.size());
                for (int i = 0; i < values.size(); i++) {
                    assertEquals(i, values.get(i));
                }
                assertTrue(threads.stream().allMatch(name -> name.startsWith("spread-worker-")), threads.toString());
            }
        });
    }

    @Test
    void spawnAndJoinFromOutsideTheRuntime() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.multiThread()) {
                ManualFuture<String> leaf = new ManualFuture<>();
                JoinHandle<String> handle = rt.spawn(leaf);
                Thread completer = new Thread(() -> leaf.complete("done"));
                completer.start();
                assertEquals("done", AsyncRuntime.currentThread().blockOn(handle), "joined from another runtime");
                completer.join();
                assertTrue(handle.isDone());
            }
        });
    }

    @Test
    void aFailureIsThrownUnchangedFromEitherKind() {
        IOException failure = new IOException("disk");
        for (AsyncRuntime rt : List.of(AsyncRuntime.multiThread(), AsyncRuntime.currentThread())) {
            try (rt) {
                ManualFuture<String> leaf = new ManualFuture<>();
                leaf.fail(failure);
                IOException thrown = assertThrows(IOException.class,
                        () -> rt.blockOn(Chain.defer(() -> Executor.spawn(leaf))));
                assertSame(failure, thrown);
            }
        }
    }

    @Test
    void blockOnAndCloseAreRefusedInsideATask() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(onPoll(() -> rt.blockOn(new ReadyFuture<>(1)))));
            assertTrue(e.getMessage().startsWith("blockOn called from inside a future polled by a Pollen runtime"));
            IllegalStateException close = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(onPoll(() -> rt.shutdown(Duration.ZERO))));
            assertTrue(close.getMessage().contains("called from one of its own tasks"), close.getMessage());
        }
    }

    @Test
    void interruptsDoNotEndBlockOnAndAreRestored() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            ManualFuture<String> leaf = new ManualFuture<>();
            Thread caller = Thread.currentThread();
            Thread helper = new Thread(() -> {
                caller.interrupt();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                leaf.complete("late");
            });
            helper.start();
            assertEquals("late", rt.blockOn(leaf));
            assertTrue(Thread.interrupted(), "the flag is restored");
        }
    }

    @Test
    void shutdownCancelsLiveTasksAndPollsThemThroughTheirCleanup() {
        assertTimeoutPreemptively(LIMIT, () -> {
            AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
            List<JoinHandle<String>> handles = new ArrayList<>();
            List<ManualFuture<String>> leaves = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ManualFuture<String> leaf = new ManualFuture<>();
                leaves.add(leaf);
                handles.add(rt.spawn(leaf));
            }
            assertTrue(rt.shutdown(Duration.ofSeconds(30)), "every task completed in time");
            for (int i = 0; i < 100; i++) {
                assertTrue(leaves.get(i).isCancelled());
                JoinHandle<String> handle = handles.get(i);
                assertTrue(handle.isDone());
                assertThrows(CancellationException.class, () -> AsyncRuntime.currentThread().blockOn(handle));
            }
            JoinHandle<String> late = rt.spawn(new ReadyFuture<>("late"));
            assertTrue(late.isDone(), "a spawn after shutdown completes at once");
            CancellationException e = assertThrows(CancellationException.class,
                    () -> AsyncRuntime.currentThread().blockOn(late));
            assertTrue(e.getMessage().contains("spawned after"), e.getMessage());
        });
    }

    @Test
    void aTaskThatIgnoresCancelIsAbandonedAfterTheTimeoutAndReported() {
        assertTimeoutPreemptively(LIMIT, () -> {
            List<String> warnings = new CopyOnWriteArrayList<>();
            Logger logger = Logger.getLogger("dev.pollen");
            Handler handler = new Handler() {
                @Override
                public void publish(LogRecord record) {
                    warnings.add(record.getMessage());
                }

                @Override
                public void flush() {}

                @Override
                public void close() {}
            };
            logger.addHandler(handler);
            try {
                for (AsyncRuntime rt : List.of(
                        AsyncRuntime.builder().workers(2).name("stubborn-mt").build(),
                        AsyncRuntime.builder().currentThread().name("stubborn-ct").build())) {
                    Future<String> deaf = new Future<>() {
                        @Override
                        public Poll<String> poll(Context cx) {
                            return Poll.pending();          // never wakes, ignores cancel()
                        }

                        @Override
                        public String toString() {
                            return "DeafFuture";
                        }
                    };
                    JoinHandle<String> handle = rt.spawn(deaf);
                    if (rt.toString().endsWith("ct")) {
                        rt.blockOn(new ReadyFuture<>(0));    // polls the task once
                    }
                    long start = System.nanoTime();
                    assertFalse(rt.shutdown(Duration.ofMillis(300)), "not clean: a task was abandoned");
                    assertTrue(System.nanoTime() - start >= 300_000_000L, "waited the timeout");
                    CancellationException e = assertThrows(CancellationException.class,
                            () -> AsyncRuntime.currentThread().blockOn(handle));
                    assertTrue(e.getMessage().contains("abandoned"), e.getMessage());
                    String report = warnings.get(warnings.size() - 1);
                    assertTrue(report.startsWith(rt + " shut down with 1 task still live 300 ms after it was"
                            + " cancelled"), report);
                    assertTrue(report.matches("(?s).*\\R  task \\d+ \\(spawned at AsyncRuntimeTest.java:\\d+\\), idle, cancelling\n"
                            + "      awaiting DeafFuture"), report);
                }
            } finally {
                logger.removeHandler(handler);
            }
        });
    }

    @Test
    void aPollThatOutlivesTheTimeoutCompletesItsHandleWhenItReturns() {
        assertTimeoutPreemptively(LIMIT, () -> {
            AsyncRuntime rt = AsyncRuntime.builder().workers(1).build();
            java.util.concurrent.CountDownLatch polling = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            JoinHandle<String> stuck = rt.spawn(new Future<String>() {
                @Override
                public Poll<String> poll(Context cx) {
                    polling.countDown();
                    try {
                        release.await();        // a poll that blocks its worker
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    return Poll.pending();
                }
            });
            polling.await();
            assertFalse(rt.shutdown(Duration.ofMillis(200)), "a poll had not returned");
            assertFalse(stuck.isDone(), "still running");
            release.countDown();                // the poll returns: the worker completes the task
            CancellationException e = assertThrows(CancellationException.class,
                    () -> AsyncRuntime.currentThread().blockOn(stuck));
            assertTrue(e.getMessage().contains("abandoned"), e.getMessage());
        });
    }

    @Test
    void spawnsAfterShutdownCompleteAtOnceUnrun() {
        AsyncRuntime rt = AsyncRuntime.builder().workers(1).build();
        rt.close();
        AtomicInteger ran = new AtomicInteger();
        Future<Integer> blocking = rt.spawnBlocking(ran::incrementAndGet);
        CancellationException e = assertThrows(CancellationException.class,
                () -> AsyncRuntime.currentThread().blockOn(blocking));
        assertTrue(e.getMessage().startsWith("spawnBlocking after "), e.getMessage());
        assertEquals(0, ran.get());
        IllegalStateException workers = assertThrows(IllegalStateException.class,
                () -> AsyncRuntime.builder().currentThread().workers(4).build());
        assertTrue(workers.getMessage().startsWith("workers(4) set for a current-thread runtime"), workers.getMessage());
    }

    @Test
    void unobservedFailuresGoToTheClosingThreadsHandler() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler old = Thread.currentThread().getUncaughtExceptionHandler();
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            IllegalStateException lost = new IllegalStateException("nobody joins me");
            IllegalStateException taken = new IllegalStateException("joined");
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
                ManualFuture<String> a = new ManualFuture<>();
                ManualFuture<String> b = new ManualFuture<>();
                a.fail(lost);
                b.fail(taken);
                rt.spawn(a);
                JoinHandle<String> hb = rt.spawn(b);
                assertThrows(IllegalStateException.class, () -> rt.blockOn(hb));
            }
            assertEquals(List.of(lost), reported);
        } finally {
            Thread.currentThread().setUncaughtExceptionHandler(old);
        }
    }

    @Test
    void aPausedClockJumpsOnlyWhenEveryWorkerIsIdle() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).startPaused(true).build()) {
                AtomicLong seenWhileBusy = new AtomicLong(-1);
                List<Long> wokeAt = Collections.synchronizedList(new ArrayList<>());
                rt.blockOn(Chain.defer(() -> {
                    List<JoinHandle<Void>> handles = new ArrayList<>();
                    for (int i = 1; i <= 20; i++) {
                        long seconds = i;
                        handles.add(Executor.spawn(Chain.of(Time.sleep(Duration.ofSeconds(seconds)), ignored -> {
                            wokeAt.add(Time.now());
                            return new ReadyFuture<Void>(null);
                        })));
                    }
                    handles.add(Executor.spawn(onPoll(() -> {
                        long end = System.nanoTime() + 100_000_000L;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait();        // a busy worker: time must stand still
                        }
                        seenWhileBusy.set(Time.now());
                        return null;
                    })));
                    return joinAll(handles);
                }));
                assertEquals(0, seenWhileBusy.get(), "no jump while a worker was busy");
                List<Long> sorted = new ArrayList<>(wokeAt);
                Collections.sort(sorted);
                for (int i = 0; i < 20; i++) {
                    assertEquals((i + 1) * 1_000_000_000L, sorted.get(i), "each sleeper woke at its own deadline");
                }
                assertEquals(20_000_000_000L, rt.clock().nanoTime());
            }
        });
    }

    @Test
    void twoPausedRuntimesKeepTheirOwnClocks() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime hour = AsyncRuntime.builder().workers(1).startPaused(true).build();
                 AsyncRuntime second = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
                JoinHandle<Void> long_ = hour.spawn(Time.sleep(Duration.ofHours(1)));
                second.blockOn(Time.sleep(Duration.ofSeconds(1)));
                hour.blockOn(long_);
                assertEquals(1_000_000_000L, second.clock().nanoTime());
                assertEquals(3_600_000_000_000L, hour.clock().nanoTime());
            }
        });
    }

    @Test
    void blockingWorkRunsOffTheWorkersAndHoldsVirtualTime() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).startPaused(true).name("b").build()) {
                AtomicReference<String> thread = new AtomicReference<>();
                AtomicLong clockAtEnd = new AtomicLong(-1);
                List<Object> done = rt.blockOn(Chain.defer(() -> joinAll(List.<Future<Object>>of(
                        Chain.of(Executor.spawn(Time.sleep(Duration.ofSeconds(5))), v -> new ReadyFuture<Object>(v)),
                        Executor.spawnBlocking(() -> {
                            thread.set(Thread.currentThread().getName());
                            Thread.sleep(200);          // the worker stays free, the clock stays put
                            clockAtEnd.set(rt.clock().nanoTime());
                            return "blocking";
                        })))));
                assertEquals("blocking", done.get(1));
                assertTrue(thread.get().startsWith("b-blocking-"), thread.get());
                assertEquals(0, clockAtEnd.get(), "virtual time waits for blocking calls");
                assertEquals(5_000_000_000L, rt.clock().nanoTime());
            }
        });
    }

    @Test
    void yieldNowGoesToTheBackOfTheQueue() {
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Executor.blockOn(Chain.defer(() -> {
            List<JoinHandle<Void>> handles = new ArrayList<>();
            for (String name : List.of("a", "b")) {
                handles.add(Executor.spawn(loop(name, 3, order)));
            }
            return joinAll(handles);
        }));
        assertEquals(List.of("a", "b", "a", "b", "a", "b"), order);
    }

    private static Future<Void> loop(String name, int times, List<String> order) {
        if (times == 0) {
            return new ReadyFuture<>(null);
        }
        return Chain.defer(() -> {
            order.add(name);
            return Chain.of(Executor.yieldNow(), ignored -> loop(name, times - 1, order));
        });
    }

    @Test
    void wakesFromForeignThreadsAreNeitherLostNorDoubled() {
        assertTimeoutPreemptively(LIMIT, () -> {
            try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
                int tasks = 2_000;
                List<ManualFuture<Integer>> leaves = new ArrayList<>();
                AtomicInteger concurrentPolls = new AtomicInteger();
                AtomicInteger overlap = new AtomicInteger();
                List<Future<Integer>> handles = new ArrayList<>();
                for (int i = 0; i < tasks; i++) {
                    ManualFuture<Integer> leaf = new ManualFuture<>();
                    leaves.add(leaf);
                    handles.add(rt.spawn(new Future<Integer>() {
                        @Override
                        public Poll<Integer> poll(Context cx) {
                            if (concurrentPolls.incrementAndGet() > 2) {
                                overlap.incrementAndGet();      // more polls at once than workers
                            }
                            try {
                                return leaf.poll(cx);
                            } finally {
                                concurrentPolls.decrementAndGet();
                            }
                        }
                    }));
                }
                Thread[] wakers = new Thread[3];
                for (int w = 0; w < wakers.length; w++) {
                    int first = w;
                    wakers[w] = new Thread(() -> {
                        for (int i = first; i < tasks; i += wakers.length) {
                            leaves.get(i).complete(i);
                        }
                    });
                    wakers[w].start();
                }
                List<Integer> values = rt.blockOn(joinAll(handles));
                for (Thread t : wakers) {
                    t.join();
                }
                for (int i = 0; i < tasks; i++) {
                    assertEquals(i, values.get(i));
                    assertTrue(leaves.get(i).polls() <= 2 + 1, "polled once per wake at most: " + leaves.get(i).polls());
                }
                assertEquals(0, overlap.get());
            }
        });
    }
}
