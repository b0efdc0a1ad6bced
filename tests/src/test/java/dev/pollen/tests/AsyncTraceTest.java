package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Async;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.Futures;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.TaskScope;
import dev.pollen.rt.task.TaskCell;
import dev.pollen.testkit.Traces;
import dev.pollen.time.Time;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Async stack traces of {@code @Async} methods compiled by the real processor: the exact frames,
 * on both runtimes. Lines are found by their {@code // @marker} comments.
 */
class AsyncTraceTest {
    private static final Path SOURCE = Path.of("src/test/java/dev/pollen/tests/AsyncTraceTest.java");
    private static final String FILE = "AsyncTraceTest.java";

    // ---- the @Async code

    @Async
    static int level1(Supplier<Future<Integer>> next) {
        int v = await(next.get()); // @level1
        return v + 1;
    }

    @Async
    static int level2(Supplier<Future<Integer>> next) {
        int v = await(next.get()); // @level2
        return v + 1;
    }

    /** Throws between two awaits: after a suspension. */
    @Async
    static int betweenAwaits() {
        await(Executor.yieldNow());
        if (Boolean.TRUE) {
            throw new IllegalStateException("between awaits"); // @betweenAwaits
        }
        await(Executor.yieldNow());
        return 0;
    }

    /** A hand-written leaf that throws when polled. */
    static final class FailingLeaf implements Future<Integer> {
        @Override
        public Poll<Integer> poll(Context cx) {
            throw new IllegalStateException("leaf"); // @leaf
        }
    }

    @Async
    static int awaitsFailingLeaf() {
        await(Executor.yieldNow());
        return await(new FailingLeaf()); // @awaitsFailingLeaf
    }

    static int helper() {
        throw new IllegalStateException("helper"); // @helper
    }

    @Async
    static int callsHelper() {
        await(Executor.yieldNow());
        return helper(); // @callsHelper
    }

    /** The exception goes on after a {@code finally} that awaits. */
    @Async
    static int finallyAwaits() {
        try {
            await(Executor.yieldNow());
            throw new IllegalStateException("before finally"); // @finallyAwaits
        } finally {
            await(Executor.yieldNow());
        }
    }

    /** A {@code finally} throws its own exception. */
    @Async
    @SuppressWarnings("finally")
    static int finallyThrows() {
        try {
            await(Executor.yieldNow());
            throw new IllegalStateException("replaced");
        } finally {
            await(Executor.yieldNow());
            throw new IllegalArgumentException("in finally"); // @finallyThrows
        }
    }

    /** Spawns {@code next}'s future and awaits its handle; keeps the handle in {@code handles}. */
    @Async
    static int spawnAndAwait(Supplier<Future<Integer>> next, List<JoinHandle<Integer>> handles) {
        JoinHandle<Integer> handle = Executor.spawn(next.get()); // @spawn
        handles.add(handle);
        return await(handle); // @awaitHandle
    }

    /** Cancelled when the other side fails. */
    @Async
    static int slow() {
        await(Time.sleep(Duration.ofSeconds(5)));
        return 0;
    }

    @Async
    static int joined(Supplier<Future<Integer>> next) {
        Futures.Pair<Integer, Integer> both = await(Futures.join(next.get(), AsyncTraceTestAsync.slow())); // @join
        return both.first() + both.second();
    }

    @Async
    static int selected(Supplier<Future<Integer>> next) {
        return await(Futures.select(next.get(), AsyncTraceTestAsync.slow())).value(); // @select
    }

    @Async
    static int timedOut(Supplier<Future<Integer>> next) throws java.util.concurrent.TimeoutException {
        return await(Time.timeout(next.get(), Duration.ofSeconds(5))); // @timeout
    }

    @Async
    static int scoped(Supplier<Future<Integer>> next, List<JoinHandle<Integer>> handles) {
        return await(TaskScope.run(scope -> { // @scope
            handles.add(scope.spawn(next.get())); // @scopeSpawn
            return AsyncTraceTestAsync.slow();
        }));
    }

    // ---- the tests

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void thrownBetweenAwaits(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::betweenAwaits))); // @run-thrownBetweenAwaits

        assertTrace(t, "thrownBetweenAwaits", at("betweenAwaits"), at("level2"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void thrownByAnAwaitedLeaf(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::awaitsFailingLeaf))); // @run-thrownByAnAwaitedLeaf

        assertTrace(t, "thrownByAnAwaitedLeaf", "dev.pollen.tests.AsyncTraceTest$FailingLeaf.poll(" + FILE + ":" + line("@leaf") + ")",
                at("awaitsFailingLeaf"), at("level2"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void thrownByASyncHelper(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::callsHelper))); // @run-thrownByASyncHelper

        assertTrace(t, "thrownByASyncHelper", at("helper"), at("callsHelper"), at("level2"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void throughAFinallyThatAwaits(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::finallyAwaits))); // @run-throughAFinallyThatAwaits

        assertTrace(t, "throughAFinallyThatAwaits", at("finallyAwaits"), at("level2"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void thrownInAFinally(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::finallyThrows))); // @run-thrownInAFinally

        assertEquals("in finally", t.getMessage());
        assertTrace(t, "thrownInAFinally", at("finallyThrows"), at("level2"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void spawnedAndAwaitedTwoHops(String kind) {
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        Future<Integer> program = AsyncTraceTestAsync.spawnAndAwait(() -> AsyncTraceTestAsync.spawnAndAwait(
                () -> AsyncTraceTestAsync.level2(AsyncTraceTestAsync::betweenAwaits), handles), handles);

        Throwable t = Traces.failure(kind, program); // @run-spawnedAndAwaitedTwoHops

        assertTrace(t, "spawnedAndAwaitedTwoHops", at("betweenAwaits"), at("level2"), boundary(handles.get(1), "@spawn"),
                at("spawnAndAwait", "@awaitHandle"), boundary(handles.get(0), "@spawn"), at("spawnAndAwait", "@awaitHandle"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void throughJoin(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.joined(AsyncTraceTestAsync::betweenAwaits))); // @run-throughJoin

        assertTrace(t, "throughJoin", at("betweenAwaits"), at("joined", "@join"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void throughSelect(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.selected(AsyncTraceTestAsync::betweenAwaits))); // @run-throughSelect

        assertTrace(t, "throughSelect", at("betweenAwaits"), at("selected", "@select"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void throughTimeout(String kind) {
        Throwable t = Traces.failure(kind, AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.timedOut(AsyncTraceTestAsync::betweenAwaits))); // @run-throughTimeout

        assertTrace(t, "throughTimeout", at("betweenAwaits"), at("timedOut", "@timeout"), at("level1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void throughTaskScope(String kind) {
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        Future<Integer> program = AsyncTraceTestAsync.level1(() -> AsyncTraceTestAsync.scoped(AsyncTraceTestAsync::betweenAwaits, handles));

        Throwable t = Traces.failure(kind, program); // @run-throughTaskScope

        assertTrace(t, "throughTaskScope", at("betweenAwaits"), boundary(handles.get(0), "@scopeSpawn"), at("scoped", "@scope"), at("level1"));
    }

    // ---- expected frames

    /** The frame of this class's {@code method} at the line marked {@code @method}. */
    private static String at(String method) {
        return at(method, "@" + method);
    }

    private static String at(String method, String marker) {
        return "dev.pollen.tests.AsyncTraceTest." + method + "(" + FILE + ":" + line(marker) + ")";
    }

    /**
     * The boundary frame of the task behind {@code handle}, spawned at the line marked
     * {@code spawnMarker}; while the runtime records no spawn site, the task's name alone.
     */
    private static String boundary(JoinHandle<?> handle, String spawnMarker) {
        TaskCell<?> task = (TaskCell<?>) handle;
        return task.spawnSite() == null ? "pollen.task " + task.id() + " (awaited below)(Unknown Source)"
                : "pollen.task " + task.id() + " (awaited below) spawned at(" + FILE + ":" + line(spawnMarker) + ")";
    }

    /**
     * {@code t}'s trace is {@code frames}, then the public blockOn, the test kit's runner and
     * the test method (at its line marked {@code @run-<test>}); JUnit's frames below are not checked.
     */
    private static void assertTrace(Throwable t, String test, String... frames) {
        List<String> expected = new ArrayList<>(List.of(frames));
        expected.addAll(Traces.bottom(AsyncTraceTest.class.getName(), test, FILE, line("@run-" + test)));
        List<String> actual = Traces.printed(t);
        assertEquals(expected, actual.subList(0, Math.min(expected.size(), actual.size())), String.join("\n", actual));
    }

    private static int line(String marker) {
        return Traces.line(SOURCE, "// " + marker);
    }
}
