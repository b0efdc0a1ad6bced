package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.TaskScope;
import dev.pollen.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TaskScope} from {@code @Async} code, on a multi-threaded runtime (two workers) and a
 * current-thread one, both on a paused clock: fail-fast, no child outlives the scope, the body's
 * value and failures pass through unchanged, cancellation at every await of an owner.
 */
class TaskScopeTest {

    /** What the children did; {@code live} counts children between their start and their finally. */
    static final class Log {
        final AtomicInteger live = new AtomicInteger();
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        /** {@code live} when the owner's await of the scope ended (its finally). */
        volatile int liveAtEnd = -1;

        boolean has(String event) {
            return events.contains(event);
        }
    }

    @Async
    static String sleeper(Log log, String name, long millis) {
        log.live.incrementAndGet();
        try {
            await(Time.sleep(Duration.ofMillis(millis)));
            log.events.add(name + " done");
            return name;
        } finally {
            log.events.add(name + " finally");
            log.live.decrementAndGet();
        }
    }

    @Async
    static String failer(Log log, String name, long millis, RuntimeException failure) {
        log.live.incrementAndGet();
        try {
            await(Time.sleep(Duration.ofMillis(millis)));
            throw failure;
        } finally {
            log.events.add(name + " finally");
            log.live.decrementAndGet();
        }
    }

    /** Sleeps 10 s; its cleanup throws {@code failure} (when cancelled, say). */
    @Async
    static String failsInCleanup(Log log, RuntimeException failure) {
        log.live.incrementAndGet();
        log.events.add("cleanup started");
        try {
            await(Time.sleep(Duration.ofSeconds(10)));
            return "cleanup";
        } finally {
            log.live.decrementAndGet();
            if (failure != null) {
                throw failure;
            }
        }
    }

    @Async
    static String both(JoinHandle<String> a, JoinHandle<String> b) {
        return await(a) + "+" + await(b);
    }

    @Async
    static String value(String v) {
        await(Executor.yieldNow());
        return v;
    }

    /** The owner: awaits the scope, and notes in its finally how many children were live then. */
    @Async
    static String owner(Log log, Future<String> run) {
        try {
            return await(run);
        } finally {
            log.liveAtEnd = log.live.get();
            log.events.add("owner finally");
        }
    }

    /** A child that spawns a grandchild into its scope and returns before it ends. */
    @Async
    static String spawner(TaskScope scope, Log log) {
        scope.spawn(TaskScopeTestAsync.sleeper(log, "grandchild", 30));
        await(Time.sleep(Duration.ofMillis(1)));
        return "spawner";
    }

    /** A body whose finally spawns (the scope is cancelling then) and keeps the handle. */
    @Async
    static String spawnsInFinally(TaskScope scope, Log log, List<JoinHandle<String>> late) {
        try {
            await(Time.sleep(Duration.ofSeconds(10)));
            return "body";
        } finally {
            late.add(scope.spawn(TaskScopeTestAsync.sleeper(log, "late", 1)));
        }
    }

    @Async
    static String spawnAfterEnd(TaskScope[] holder) {
        await(TaskScope.run(scope -> {
            holder[0] = scope;
            return TaskScopeTestAsync.value("done");
        }));
        try {
            holder[0].spawn(TaskScopeTestAsync.value("too late"));
            return "spawned";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    @Async
    static String cancelsItsChild(TaskScope scope, Log log) {
        JoinHandle<String> child = scope.spawn(TaskScopeTestAsync.sleeper(log, "cancelled", 10_000));
        await(Time.sleep(Duration.ofMillis(1)));
        child.cancel();
        return await(TaskScopeTestAsync.value("body"));
    }

    @Async
    static String describes(TaskScope scope, Log log, List<String> seen) {
        JoinHandle<String> quick = scope.spawn(TaskScopeTestAsync.sleeper(log, "quick", 1));
        scope.spawn(TaskScopeTestAsync.sleeper(log, "b", 50));
        scope.spawn(TaskScopeTestAsync.sleeper(log, "c", 50));
        await(quick);
        await(Time.sleep(Duration.ofMillis(1)));    // the quick child's task has completed
        seen.add(scope.toString());
        return "described";
    }

    static AsyncRuntime runtime(boolean multi) {
        AsyncRuntime.Builder b = AsyncRuntime.builder().startPaused(true);
        return (multi ? b.multiThread().workers(2) : b.currentThread()).build();
    }

    static final IllegalStateException BROKEN = new IllegalStateException("broken");

    /**
     * A child's failure cancels its siblings (asleep for 10 s: their finally runs, their "done"
     * never happens; one is awaited by the body, one is not) and the body, and the run rethrows the same object once nothing is live, after
     * 10 ms of virtual time, not 10 s. Mutations caught: not cancelling the children on a failure
     * (10 s elapse), ending the scope when the body completes without waiting for children
     * (liveAtEnd 1).
     */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aChildsFailureCancelsItsSiblingsAndIsRethrownOnceAllFinished(boolean multi) {
        Log log = new Log();
        try (AsyncRuntime rt = runtime(multi)) {
            long start = rt.clock().nanoTime();
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.sleeper(log, "unawaited", 10_000));
                return TaskScopeTestAsync.both(
                        scope.spawn(TaskScopeTestAsync.sleeper(log, "slow", 10_000)),
                        scope.spawn(TaskScopeTestAsync.failer(log, "failing", 10, BROKEN)));
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(TaskScopeTestAsync.owner(log, run)));
            assertSame(BROKEN, thrown);
            long elapsedMillis = (rt.clock().nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis < 1000, "virtual time elapsed: " + elapsedMillis + " ms");
            assertEquals(0, log.liveAtEnd, "children live when the scope ended");
            assertTrue(log.has("slow finally") && log.has("unawaited finally"));
            assertFalse(log.has("slow done") || log.has("unawaited done"));
        }
        assertEquals(0, BROKEN.getSuppressed().length);
    }

    /** The body's failure cancels the children; the run rethrows it. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void theBodysFailureCancelsTheChildren(boolean multi) {
        Log log = new Log();
        RuntimeException failure = new IllegalArgumentException("body failed");
        try (AsyncRuntime rt = runtime(multi)) {
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.sleeper(log, "slow", 10_000));
                return TaskScopeTestAsync.failer(log, "body", 5, failure);
            });
            assertSame(failure, assertThrows(RuntimeException.class,
                    () -> rt.blockOn(TaskScopeTestAsync.owner(log, run))));
            assertEquals(0, log.liveAtEnd);
            assertTrue(log.has("slow finally"));
            assertFalse(log.has("slow done"));
        }
    }

    /** A body function that throws after a spawn: the child is cancelled and awaited, the failure rethrown. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aBodyFunctionThatThrowsCancelsWhatItSpawned(boolean multi) {
        Log log = new Log();
        RuntimeException failure = new IllegalStateException("no body");
        try (AsyncRuntime rt = runtime(multi)) {
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.sleeper(log, "spawned", 10_000));
                throw failure;
            });
            assertSame(failure, assertThrows(RuntimeException.class,
                    () -> rt.blockOn(TaskScopeTestAsync.owner(log, run))));
            assertEquals(0, log.liveAtEnd);
            assertFalse(log.has("spawned done"));
        }
    }

    /** Failures after the first (here: a cleanup that throws once cancelled) are suppressed on it. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void laterFailuresAreSuppressedOnTheFirst(boolean multi) {
        Log log = new Log();
        RuntimeException first = new IllegalStateException("first");
        RuntimeException later = new IllegalStateException("later");
        try (AsyncRuntime rt = runtime(multi)) {
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.failsInCleanup(log, later));
                scope.spawn(TaskScopeTestAsync.failer(log, "first", 10, first));
                return TaskScopeTestAsync.sleeper(log, "body", 10_000);
            });
            long start = rt.clock().nanoTime();
            assertSame(first, assertThrows(RuntimeException.class, () -> rt.blockOn(run)));
            assertTrue(rt.clock().nanoTime() - start < Duration.ofSeconds(1).toNanos(), "the children were not cancelled");
        }
        assertArrayEquals(new Throwable[] {later}, first.getSuppressed());
        assertEquals(0, log.live.get());
    }

    /**
     * The run waits for every child, also one spawned by a child after the body completed, and
     * returns the body's value (the same object).
     */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void theRunWaitsForAllChildrenAndReturnsTheBodysValue(boolean multi) {
        Log log = new Log();
        String body = new String("body value");
        try (AsyncRuntime rt = runtime(multi)) {
            long start = rt.clock().nanoTime();
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.spawner(scope, log));
                return TaskScopeTestAsync.value(body);
            });
            assertSame(body, rt.blockOn(TaskScopeTestAsync.owner(log, run)));
            assertTrue(rt.clock().nanoTime() - start >= Duration.ofMillis(30).toNanos());
            assertEquals(0, log.liveAtEnd);
            assertTrue(log.has("grandchild done"));
        }
    }

    /** Cancelling the owner at each of its awaits: the scope cancels and waits for every child. */
    @Test
    void cancellingTheOwnerAtEveryAwaitCancelsAndAwaitsEveryChild() {
        List<Log> logs = new ArrayList<>();
        int cancelled = CancelAtEveryPending.run(() -> {
            Log log = new Log();
            logs.add(log);
            return TaskScopeTestAsync.owner(log, TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.sleeper(log, "outlives the body", 30));
                return TaskScopeTestAsync.both(
                        scope.spawn(TaskScopeTestAsync.sleeper(log, "a", 10)),
                        scope.spawn(TaskScopeTestAsync.sleeper(log, "b", 20)));
            }));
        }, r -> {
            Log log = logs.get(logs.size() - 1);
            assertEquals(0, log.liveAtEnd, "children live when the scope ended");
            assertTrue(log.has("owner finally"));
            if (!r.cancelled()) {
                assertEquals("a+b", r.value());
                assertTrue(log.has("outlives the body done"));
            }
        });
        assertTrue(cancelled >= 2, "pending points: " + cancelled);
    }

    /**
     * Cancelled at each await, the run throws CancellationException with the failure a child's
     * cleanup threw suppressed on it (as a cancelled machine keeps its awaited future's failure).
     */
    @Test
    void aCancelledRunKeepsACleanupFailureSuppressed() {
        RuntimeException cleanup = new IllegalStateException("cleanup failed");
        List<Log> logs = new ArrayList<>();
        int cancelled = CancelAtEveryPending.run(() -> {
            Log log = new Log();
            logs.add(log);
            return TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.failsInCleanup(log, cleanup));
                return TaskScopeTestAsync.sleeper(log, "body", 10);
            });
        }, r -> {
            Log log = logs.get(logs.size() - 1);
            assertEquals(0, log.live.get());
            if (r.cancelled()) {
                // A child cancelled before its first poll never entered its try: no cleanup ran.
                Throwable[] expected = log.has("cleanup started") ? new Throwable[] {cleanup} : new Throwable[0];
                assertArrayEquals(expected, r.failure().getSuppressed());
            } else {
                assertSame(cleanup, r.failure());
            }
        });
        assertTrue(cancelled >= 2, "pending points: " + cancelled);
    }

    /** Cancelled before its first poll, the run completes at once and never calls the body. */
    @Test
    void aRunCancelledBeforeItStartsNeverCallsTheBody() {
        Future<String> run = TaskScope.run(scope -> {
            throw new AssertionError("body called");
        });
        run.cancel();
        assertThrows(CancellationException.class, () -> run.poll(Context.from(() -> { })));
        assertThrows(IllegalStateException.class, () -> run.poll(Context.from(() -> { })));
    }

    /** A spawn while the scope is cancelling starts a child cancelled before its first poll. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aSpawnWhileCancellingIsCancelledAtOnce(boolean multi) {
        Log log = new Log();
        List<JoinHandle<String>> late = new ArrayList<>();
        try (AsyncRuntime rt = runtime(multi)) {
            Future<String> run = TaskScope.run(scope -> {
                scope.spawn(TaskScopeTestAsync.failer(log, "failing", 10, BROKEN));
                return TaskScopeTestAsync.spawnsInFinally(scope, log, late);
            });
            assertSame(BROKEN, assertThrows(RuntimeException.class, () -> rt.blockOn(run)));
            assertEquals(1, late.size());
            assertTrue(late.get(0).isDone());
            assertThrows(CancellationException.class, () -> late.get(0).poll(Context.from(() -> { })));
            assertFalse(log.has("late finally"), "the late child ran");
        }
    }

    /** A spawn after the scope ended is refused, and so is one from outside any runtime. */
    @Test
    void aSpawnAfterTheEndOrOutsideARuntimeIsRefused() {
        TaskScope[] holder = new TaskScope[1];
        String message = Executor.blockOn(TaskScopeTestAsync.spawnAfterEnd(holder));
        assertTrue(message.startsWith("TaskScope.spawn after the scope ended"), message);
        IllegalStateException ended = assertThrows(IllegalStateException.class,
                () -> holder[0].spawn(TaskScopeTestAsync.value("x")));
        assertTrue(ended.getMessage().startsWith("TaskScope.spawn after the scope ended"), ended.getMessage());

        java.util.concurrent.CompletableFuture<TaskScope> live = new java.util.concurrent.CompletableFuture<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            rt.spawn(TaskScope.run(scope -> {
                live.complete(scope);
                return Time.sleep(Duration.ofHours(1));
            }));
            TaskScope running = live.join();
            IllegalStateException outside = assertThrows(IllegalStateException.class,
                    () -> running.spawn(TaskScopeTestAsync.value("x")));
            assertTrue(outside.getMessage().startsWith("TaskScope.spawn called outside a Pollen runtime"),
                    outside.getMessage());
        }
    }

    /** A child cancelled through its own handle is not a failure of the scope. */
    @ParameterizedTest(name = "multiThread={0}")
    @ValueSource(booleans = {false, true})
    void aChildCancelledByItsHandleIsNotAFailure(boolean multi) {
        Log log = new Log();
        try (AsyncRuntime rt = runtime(multi)) {
            assertEquals("body", rt.blockOn(TaskScope.run(scope -> TaskScopeTestAsync.cancelsItsChild(scope, log))));
            assertTrue(log.has("cancelled finally"));
            assertEquals(0, log.live.get());
        }
    }

    /**
     * A child failure that the run threw is not reported again as an unobserved task failure
     * when the runtime closes, though nobody awaited the child's handle. Mutation caught: without
     * {@code Child.unobservedFailure}, the handler gets BROKEN.
     */
    @Test
    void aChildFailureTheRunThrewIsNotReportedAsUnobserved() {
        List<Throwable> reported = new ArrayList<>();
        Thread thread = Thread.currentThread();
        Thread.UncaughtExceptionHandler saved = thread.getUncaughtExceptionHandler();
        thread.setUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            Log log = new Log();
            try (AsyncRuntime rt = runtime(true)) {
                Future<String> run = TaskScope.run(scope -> {
                    scope.spawn(TaskScopeTestAsync.failer(log, "failing", 10, BROKEN));
                    return TaskScopeTestAsync.sleeper(log, "body", 10_000);
                });
                assertSame(BROKEN, assertThrows(RuntimeException.class, () -> rt.blockOn(run)));
            }
        } finally {
            thread.setUncaughtExceptionHandler(saved);
        }
        assertEquals(List.of(), reported);
    }

    /** The scope and its run say what they wait for. */
    @Test
    void theScopeSaysWhatItWaitsFor() {
        Log log = new Log();
        List<String> seen = new ArrayList<>();
        Future<String> run = TaskScope.run(scope -> TaskScopeTestAsync.describes(scope, log, seen));
        assertEquals("TaskScope.run (not started)", run.toString());
        try (AsyncRuntime rt = runtime(false)) {
            assertEquals("described", rt.blockOn(run));
        }
        assertEquals(List.of("TaskScope (2 children running, 1 done)"), seen);
        assertEquals("TaskScope.run (body done; 0 children running, 3 done, ended)", run.toString());

        Future<String> gate = new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                return Poll.pending();
            }

            @Override
            public String toString() {
                return "gate";
            }
        };
        Future<String> waiting = TaskScope.run(scope -> gate);
        assertTrue(waiting.poll(Context.from(() -> { })).isPending());
        assertEquals("TaskScope.run (body: gate; 0 children running, 0 done)", waiting.toString());
    }
}
