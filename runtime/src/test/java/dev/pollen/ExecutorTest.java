package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.FailingFuture;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.PendingOnceFuture;
import dev.pollen.testkit.ReadyFuture;
import dev.pollen.testkit.Recorder;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorTest {

    private final List<Throwable> uncaught = new ArrayList<>();
    private final Thread.UncaughtExceptionHandler previousHandler =
            Thread.currentThread().getUncaughtExceptionHandler();

    private void captureUncaught() {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    }

    @AfterEach
    void restoreHandler() {
        Thread.currentThread().setUncaughtExceptionHandler(previousHandler);
    }

    @Test
    void blockOnReturnsTheValue() {
        assertEquals("v", Executor.blockOn(new ReadyFuture<>("v")));
    }

    @Test
    void wakeDuringPollIsNotLost() {
        PendingOnceFuture<String> f = new PendingOnceFuture<>("v");
        assertEquals("v", Executor.blockOn(f));
        assertEquals(2, f.polls());
    }

    @Test
    void pollsAgainOnlyAfterAWake() throws Exception {
        ManualFuture<String> f = new ManualFuture<>();
        Thread completer = new Thread(() -> {
            sleepMillis(50);
            f.complete("late");
        });
        completer.start();
        assertEquals("late", Executor.blockOn(f));
        completer.join();
        assertEquals(2, f.polls(), "one poll before the wake, one after: no busy loop");
    }

    @Test
    void failureIsRethrownAsTheSameObject() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class,
                () -> Executor.blockOn(FailingFuture.now(boom))));
        assertSame(boom, assertThrows(IllegalArgumentException.class,
                () -> Executor.blockOn(FailingFuture.afterPending(boom))));
    }

    @Test
    void checkedFailureIsRethrownUnchanged() {
        IOException io = new IOException("disk");
        Throwable thrown = assertThrows(IOException.class, () -> Executor.blockOn(FailingFuture.now(io)));
        assertSame(io, thrown);
    }

    @Test
    void nestedBlockOnIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Executor.blockOn(Chain.defer(() -> new ReadyFuture<>(Executor.blockOn(new ReadyFuture<>(1))))));
        assertEquals("blockOn called from inside a future polled by a Pollen runtime: it would block a thread"
                + " that polls tasks (a deadlock on a current-thread runtime); await the future instead", e.getMessage());
        assertEquals(5, Executor.blockOn(new ReadyFuture<>(5)), "the executor is usable afterwards");
    }

    @Test
    void spawnOutsideAnExecutorIsRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Executor.spawn(new ReadyFuture<>(1)));
        assertEquals("spawn called outside a Pollen runtime: call it from a future run by Executor.blockOn or an"
                + " AsyncRuntime, or call the runtime's own spawn", e.getMessage());
    }

    @Test
    void spawnedTaskResultGoesToItsHandle() {
        int result = Executor.blockOn(Chain.defer(() -> Executor.spawn(new PendingOnceFuture<>(42))));
        assertEquals(42, result);
    }

    @Test
    void spawnedTaskFailureGoesToItsHandleAndIsNotReported() {
        captureUncaught();
        IOException io = new IOException("task");
        Throwable thrown = assertThrows(IOException.class,
                () -> Executor.blockOn(Chain.defer(() -> Executor.spawn(FailingFuture.afterPending(io)))));
        assertSame(io, thrown);
        assertEquals(List.of(), uncaught);
    }

    @Test
    void unobservedTaskFailureIsReportedToTheUncaughtHandler() {
        captureUncaught();
        IllegalStateException lost = new IllegalStateException("nobody awaits me");
        ManualFuture<String> gate = new ManualFuture<>();
        String v = Executor.blockOn(Chain.defer(() -> {
            Executor.spawn(FailingFuture.now(lost));
            Executor.spawn(Chain.defer(() -> {
                gate.complete("done");          // runs after the failing task: spawn order
                return new ReadyFuture<>(null);
            }));
            return gate;
        }));
        assertEquals("done", v);
        assertEquals(List.of(lost), uncaught);
    }

    @Test
    void rootFailureIsNotReportedAsUnobserved() {
        captureUncaught();
        RuntimeException boom = new RuntimeException("root");
        assertSame(boom, assertThrows(RuntimeException.class, () -> Executor.blockOn(FailingFuture.now(boom))));
        assertEquals(List.of(), uncaught);
    }

    @Test
    void pendingTasksAreCancelledWhenTheRootCompletes() {
        captureUncaught();
        ManualFuture<String> never = new ManualFuture<>();
        Recorder trace = new Recorder();
        List<JoinHandle<String>> handles = new ArrayList<>();
        String v = Executor.blockOn(Chain.defer(() -> {
            handles.add(Executor.spawn(Chain.of(never, s -> {
                trace.record("never reached");
                return new ReadyFuture<>(s);
            })));
            return new PendingOnceFuture<>("root");
        }));
        assertEquals("root", v);
        assertTrue(never.isCancelled());
        assertEquals(List.of(), trace.events());
        assertEquals(List.of(), uncaught, "Pollen's own cancellation is not reported");
        CancellationException e = assertThrows(CancellationException.class,
                () -> handles.get(0).poll(Context.from(() -> {})));
        assertTrue(e.getMessage().contains("cancelled"), e.getMessage());
    }

    @Test
    void taskSpawnedWhileTasksAreBeingCancelledIsCancelledToo() {
        ManualFuture<String> spawnedLate = new ManualFuture<>();
        Future<Void> spawnsWhenCancelled = new Future<>() {
            boolean cancelled;

            @Override
            public Poll<Void> poll(Context cx) {
                if (!cancelled) {
                    return Poll.pending();      // waits for a wake that never comes
                }
                Executor.spawn(spawnedLate);
                throw new CancellationException("cleaned up");
            }

            @Override
            public void cancel() {
                cancelled = true;
            }
        };
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Executor.blockOn(Chain.defer(() -> {
            Executor.spawn(spawnsWhenCancelled);
            return new PendingOnceFuture<>("root");
        })));
        assertTrue(spawnedLate.isCancelled());
    }

    @Test
    void joinHandleCancelCancelsTheTask() {
        captureUncaught();
        ManualFuture<String> leaf = new ManualFuture<>();
        Throwable thrown = assertThrows(CancellationException.class, () -> Executor.blockOn(Chain.defer(() -> {
            JoinHandle<String> h = Executor.spawn(leaf);
            h.cancel();
            return h;
        })));
        assertTrue(leaf.isCancelled());
        assertEquals("ManualFuture cancelled", thrown.getMessage());
        assertEquals(List.of(), uncaught);
    }

    @Test
    void joinHandleIsWokenWhenTheTaskCompletesLater() throws Exception {
        ManualFuture<String> leaf = new ManualFuture<>();
        Thread completer = new Thread(() -> {
            sleepMillis(30);
            leaf.complete("from another thread");
        });
        completer.start();
        assertEquals("from another thread", Executor.blockOn(Chain.defer(() -> Executor.spawn(leaf))));
        completer.join();
    }

    @Test
    void joinHandlePolledAfterCompletionThrows() {
        JoinHandle<Integer> h = Executor.blockOn(Chain.defer(() -> {
            JoinHandle<Integer> handle = Executor.spawn(new ReadyFuture<>(1));
            return Chain.of(new PendingOnceFuture<>(null), x -> new ReadyFuture<>(handle));
        }));
        Context cx = Context.from(() -> {});
        assertEquals(1, h.poll(cx).get());
        assertThrows(IllegalStateException.class, () -> h.poll(cx));
    }

    @Test
    void spawnFromASpawnedTaskRunsOnTheSameExecutor() {
        Thread caller = Thread.currentThread();
        List<Thread> seen = new ArrayList<>();
        int v = Executor.blockOn(Chain.defer(() -> Executor.spawn(Chain.defer(() -> {
            seen.add(Thread.currentThread());
            return Executor.spawn(Chain.defer(() -> {
                seen.add(Thread.currentThread());
                return new ReadyFuture<>(7);
            }));
        }))));
        assertEquals(7, v);
        assertEquals(List.of(caller, caller), seen);
    }

    // ---- the seed's timings, on virtual time ----

    @Test
    void sequentialAwaitsEndAtOneAndThreeSeconds() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Clock clock = reactor.clock();
            Recorder out = new Recorder();
            long start = clock.nanoTime();
            Future<Void> main = Chain.of(new Task(reactor, 1, 1), v1 -> {
                out.record(line(v1, clock, start));
                return Chain.of(new Task(reactor, 2, 2), v2 -> {
                    out.record(line(v2, clock, start));
                    return new ReadyFuture<Void>(null);
                });
            });
            Executor.blockOn(main);
            assertEquals(List.of("Future got 1 at time: 1.00.", "Future got 2 at time: 3.00."), out.events());
        }
    }

    @Test
    void spawnedTasksEndAtOneAndTwoSeconds() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Clock clock = reactor.clock();
            Recorder out = new Recorder();
            long start = clock.nanoTime();
            Future<Void> fut1 = Chain.of(new Task(reactor, 1, 1), v -> {
                out.record(line(v, clock, start));
                return new ReadyFuture<Void>(null);
            });
            Future<Void> fut2 = Chain.of(new Task(reactor, 2, 2), v -> {
                out.record(line(v, clock, start));
                return new ReadyFuture<Void>(null);
            });
            Future<Void> main = Chain.defer(() -> {
                JoinHandle<Void> h1 = Executor.spawn(fut1);
                JoinHandle<Void> h2 = Executor.spawn(fut2);
                return Chain.of(h1, ignored -> h2);
            });
            Executor.blockOn(main);
            assertEquals(List.of("Future got 1 at time: 1.00.", "Future got 2 at time: 2.00."), out.events());
        }
    }

    @Test
    void virtualTimeDoesNotMoveWhileATaskCanRun() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            Clock clock = reactor.clock();
            // the root keeps itself busy (woken inline) for many polls while a timer is pending
            long[] seenAtEnd = new long[1];
            Future<Void> busy = new Future<>() {
                int polls;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (++polls < 2_000) {
                        cx.waker().wake();
                        return Poll.pending();
                    }
                    seenAtEnd[0] = clock.nanoTime();
                    return Poll.ready(null);
                }
            };
            Executor.blockOn(Chain.defer(() -> {
                JoinHandle<Integer> sleeper = Executor.spawn(new Task(reactor, 5, 5));
                return Chain.of(busy, ignored -> sleeper);
            }));
            assertEquals(0, seenAtEnd[0], "no jump while the executor was runnable");
            assertEquals(5_000_000_000L, clock.nanoTime());
        }
    }

    private static String line(int v, Clock clock, long start) {
        double seconds = (clock.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "Future got %d at time: %.2f.", v, seconds);
    }

    static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void blockOnRejectsNull() {
        assertThrows(NullPointerException.class, () -> Executor.blockOn(null));
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
