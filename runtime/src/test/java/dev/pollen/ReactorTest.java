package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.ReadyFuture;
import dev.pollen.testkit.Recorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class ReactorTest {

    /** Spawns one task per (label, millis): each sleeps, then records its label and the virtual time. */
    private static List<String> fireOrder(Reactor reactor, String[] labels, long[] millis) {
        Recorder trace = new Recorder();
        Executor.blockOn(Chain.defer(() -> {
            List<JoinHandle<Void>> handles = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                String label = labels[i];
                handles.add(Executor.spawn(Chain.of(reactor.sleep(Duration.ofMillis(millis[i])), v -> {
                    trace.record(label + "@" + reactor.clock().nanoTime() / 1_000_000);
                    return new ReadyFuture<Void>(null);
                })));
            }
            Future<Void> all = new ReadyFuture<>(null);
            for (JoinHandle<Void> h : handles) {
                Future<Void> previous = all;
                all = Chain.of(previous, v -> h);
            }
            return all;
        }));
        return trace.events();
    }

    @Test
    void timersFireInDeadlineOrderThenFifo() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            List<String> order = fireOrder(reactor,
                    new String[] {"c300", "a100", "b200", "a100-2", "zero", "b200-2", "a100-3"},
                    new long[] {300, 100, 200, 100, 0, 200, 100});
            assertEquals(List.of("zero@0", "a100@100", "a100-2@100", "a100-3@100",
                    "b200@200", "b200-2@200", "c300@300"), order);
        }
    }

    @Test
    void timerStartsAtFirstPollNotAtConstruction() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Clock clock = reactor.clock();
            Task late = new Task(reactor, 2, 9);
            // first let 5 virtual seconds pass, then poll the task for the first time
            int id = Executor.blockOn(Chain.of(new Task(reactor, 5, 5), ignored -> late));
            assertEquals(9, id);
            assertEquals(7_000_000_000L, clock.nanoTime());
        }
    }

    @Test
    void taskIsPolledAfterCompletionRefused() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Task t = new Task(reactor, 1, 3);
            assertEquals(3, Executor.blockOn(t));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> t.poll(new CountingWaker().context()));
            assertEquals("polled after completion", e.getMessage());
        }
    }

    @Test
    void cancelRemovesTheTimer() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Future<Void> cancelled = reactor.sleep(Duration.ofSeconds(1));
            CountingWaker waker = new CountingWaker();
            String v = Executor.blockOn(Chain.defer(() -> {
                assertTrue(cancelled.poll(waker.context()).isPending());   // starts the timer
                cancelled.cancel();
                return Chain.of(reactor.sleep(Duration.ofSeconds(3)), x -> new ReadyFuture<>("later"));
            }));
            assertEquals("later", v);
            assertEquals(0, waker.count(), "a cancelled timer never fires");
            assertThrows(CancellationException.class, () -> cancelled.poll(waker.context()));
            assertThrows(IllegalStateException.class, () -> cancelled.poll(waker.context()));
        }
    }

    @Test
    void cancelBeforeFirstPollAndAfterCompletion() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            CountingWaker waker = new CountingWaker();
            Task neverStarted = new Task(reactor, 1, 1);
            neverStarted.cancel();
            assertThrows(CancellationException.class, () -> neverStarted.poll(waker.context()));

            Task finished = new Task(reactor, 1, 2);
            assertEquals(2, Executor.blockOn(finished));
            finished.cancel();      // ignored
            assertThrows(IllegalStateException.class, () -> finished.poll(waker.context()));
        }
    }

    @Test
    void latestWakerIsWoken() throws Exception {
        try (Reactor reactor = new Reactor(Clock.system())) {
            Future<Void> sleep = reactor.sleep(Duration.ofMillis(20));
            CountingWaker first = new CountingWaker();
            CountingWaker latest = new CountingWaker();
            assertTrue(sleep.poll(first.context()).isPending());
            assertTrue(sleep.poll(latest.context()).isPending());
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                while (latest.count() == 0) {
                    Thread.sleep(1);
                }
            });
            assertEquals(0, first.count());
            assertSame(Poll.ready(null), sleep.poll(latest.context()));
        }
    }

    @Test
    void realClockSleepTakesAboutItsDuration() {
        try (Reactor reactor = new Reactor()) {
            long start = System.nanoTime();
            Executor.blockOn(reactor.sleep(Duration.ofMillis(50)));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 50, "woke too early: " + elapsedMillis + " ms");
        }
    }

    @Test
    void closeFailsPendingTimersWakesThemAndJoinsTheThread() {
        Reactor reactor = new Reactor(Clock.system());
        Future<Void> pending = reactor.sleep(Duration.ofDays(1));
        Task notStarted = new Task(reactor, 1, 1);
        CountingWaker waker = new CountingWaker();
        assertTrue(pending.poll(waker.context()).isPending());
        Thread reactorThread = reactorThread();

        reactor.close();

        assertFalse(reactorThread.isAlive(), "close() joins the reactor thread");
        assertEquals(1, waker.count(), "a pending timer is woken so that its owner notices");
        assertThrows(CancellationException.class, () -> pending.poll(waker.context()));
        assertThrows(CancellationException.class, () -> notStarted.poll(waker.context()));
        assertThrows(CancellationException.class, () -> reactor.sleep(Duration.ofMillis(1)).poll(waker.context()));
        reactor.close();    // idempotent
    }

    @Test
    void closeWhileBlockedOnATimerEndsTheWaitWithCancellation() throws Exception {
        Reactor reactor = new Reactor(Clock.system());
        Thread closer = new Thread(() -> {
            ExecutorTest.sleepMillis(50);
            reactor.close();
        });
        closer.start();
        assertThrows(CancellationException.class, () -> Executor.blockOn(new Task(reactor, 3600, 1)));
        closer.join();
    }

    @Test
    void oneThreadServesManyTimers() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            String name = reactorThread().getName();
            assertTrue(name.matches("pollen-reactor-\\d+"), name);
            long before = pollenThreads();
            int sum = Executor.blockOn(Chain.defer(() -> {
                List<JoinHandle<Integer>> handles = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    handles.add(Executor.spawn(new Task(reactor, 1 + i % 7, 1)));
                }
                return sumOf(handles, 0, 0);
            }));
            assertEquals(1_000, sum);
            assertEquals(before, pollenThreads(), "no thread per timer");
            assertEquals(7_000_000_000L, reactor.clock().nanoTime());
        }
    }

    @Test
    void negativeDurationIsRefused() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            assertThrows(IllegalArgumentException.class, () -> reactor.sleep(Duration.ofSeconds(-1)));
        }
    }

    @Test
    void hugeDurationDoesNotOverflow() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Future<Void> forever = reactor.sleep(Duration.ofSeconds(Long.MAX_VALUE));
            CountingWaker w = new CountingWaker();
            String seen = Executor.blockOn(Chain.defer(() -> {
                assertTrue(forever.poll(w.context()).isPending());
                return Chain.of(reactor.sleep(Duration.ofSeconds(1)),
                        x -> new ReadyFuture<>(w.count() + " wakes at " + reactor.clock().nanoTime()));
            }));
            assertEquals("0 wakes at 1000000000", seen, "the huge timer stays after the short one");
        }
    }

    @Test
    void virtualClockStartsAtZeroAndSystemClockIsShared() {
        assertEquals(0, Clock.virtual().nanoTime());
        assertSame(Clock.system(), Clock.system());
        try (Reactor reactor = new Reactor()) {
            assertSame(Clock.system(), reactor.clock());
        }
    }

    private static Future<Integer> sumOf(List<JoinHandle<Integer>> handles, int from, int acc) {
        if (from == handles.size()) {
            return new ReadyFuture<>(acc);
        }
        return Chain.of(handles.get(from), v -> sumOf(handles, from + 1, acc + v));
    }

    private static long pollenThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pollen-")).count();
    }

    /** The most recently started reactor thread. */
    private static Thread reactorThread() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pollen-reactor-"))
                .max((a, b) -> Integer.compare(number(a), number(b)))
                .orElseThrow();
    }

    private static int number(Thread t) {
        return Integer.parseInt(t.getName().substring("pollen-reactor-".length()));
    }
}
