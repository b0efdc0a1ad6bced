package dev.pollen.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.Futures;
import dev.pollen.Poll;
import dev.pollen.TaskScope;
import dev.pollen.internal.AsyncMachine;
import dev.pollen.internal.MachineInfo;
import dev.pollen.rt.task.TaskCell;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.Traces;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The mechanics of async stack traces, with machines written by hand whose {@link MachineInfo}
 * this test controls: user line = this file's line + 499 ({@code lines = {500, 5000, 1, 1}}).
 * Lines are found by their {@code // @marker} comments, so edits above do not break the test.
 * (In its own package: {@code dev.pollen.rt.*} frames are the runtime's, and dropped.)
 */
class AsyncTracesTest {
    private static final int OFFSET = 499;
    private static final Path SOURCE = Path.of("src/test/java/dev/pollen/tracing/AsyncTracesTest.java");

    /** Awaits the future {@code next} makes when first polled (a spawn runs in the task). */
    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "level1", line = 1,
            states = {10, 11}, awaits = {1}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Level1 extends AsyncMachine<Integer> {
        private final Supplier<Future<Integer>> next;

        Level1(Supplier<Future<Integer>> next) {
            this.next = next;
        }

        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            if (state == 0) {
                Future<Integer> f = awaitable(next.get());
                Poll<Integer> p = f.poll(cx); // @await1
                if (p.isPending()) {
                    awaitOn(f);
                    state = 1;
                    return Poll.pending();
                }
                return p;
            }
            return pollAwaited(cx); // @resume1
        }
    }

    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "level2", line = 1,
            states = {20, 21}, awaits = {1}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Level2 extends AsyncMachine<Integer> {
        private final Future<Integer> next;

        Level2(Future<Integer> next) {
            this.next = next;
        }

        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            if (state == 0) {
                Future<Integer> f = awaitable(next);
                Poll<Integer> p = f.poll(cx); // @await2
                if (p.isPending()) {
                    awaitOn(f);
                    state = 1;
                    return Poll.pending();
                }
                return p;
            }
            return pollAwaited(cx); // @resume2
        }
    }

    /**
     * Catches the failure of its first await, lets a second failure pass through a machine and
     * catches it too, then throws the first again: a failure rewritten before, not this thread's
     * latest.
     */
    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "retry", line = 1,
            states = {40}, awaits = {}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Retry extends AsyncMachine<Integer> {
        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            Throwable first;
            try {
                awaitable(new Level3((Throwable) null)).poll(cx); // @retry-first
                throw new AssertionError("Level3 returned");
            } catch (IllegalStateException e) {
                first = e;
            }
            try {
                awaitable(new Level3((Throwable) null)).poll(cx);
            } catch (IllegalStateException second) {
                // dropped
            }
            throw first;
        }
    }

    /** A machine without metadata: its frame stays raw. */
    static final class NoInfo extends AsyncMachine<Integer> {
        private final Future<Integer> next;

        NoInfo(Future<Integer> next) {
            this.next = next;
        }

        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            return awaitable(next).poll(cx); // @noinfo
        }
    }

    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "level3", line = 1,
            states = {30}, awaits = {}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Level3 extends AsyncMachine<Integer> {
        private final Throwable cause;
        private final Supplier<Throwable> given;
        /** The failure it threw. */
        Throwable made;

        /** Throws a new {@code IllegalStateException("out of stock", cause)}. */
        Level3(Throwable cause) {
            this.cause = cause;
            this.given = null;
        }

        /** Throws what {@code given} returns. */
        Level3(Supplier<Throwable> given) {
            this.cause = null;
            this.given = given;
        }

        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            made = given != null ? given.get() : new IllegalStateException("out of stock", cause); // @throw3
            throw made;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void threeLevels(String kind) {
        IllegalStateException cause = new IllegalStateException("cause");
        Level3 leaf = new Level3(cause);

        Throwable t = Traces.failure(kind, new Level1(() -> new Level2(leaf))); // @run-threeLevels

        assertSame(leaf.made, t);
        assertEquals(IllegalStateException.class, t.getClass());
        assertEquals("out of stock", t.getMessage());
        assertSame(cause, t.getCause());
        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                "demo.Shop.level2(Shop.java:" + user("@await2") + ")",
                "demo.Shop.level1(Shop.java:" + user("@await1") + ")"), Traces.printed(t).subList(0, 3));
        assertBottom(t, 3, "threeLevels");
    }

    /** The caller's frames below the machines: blockOn, the test kit's runner, the test (its call marked {@code // @run-<test>}). */
    private static void assertBottom(Throwable t, int from, String test) {
        assertEquals(Traces.bottom(AsyncTracesTest.class.getName(), test, "AsyncTracesTest.java", line("@run-" + test)),
                Traces.printed(t).subList(from, from + 3));
    }

    /** Spawns {@code f} on the current task's runtime, keeping its handle in {@code handles}. */
    private static Future<Integer> spawn(List<Future<Integer>> handles, Future<Integer> f) {
        Future<Integer> handle = Executor.spawn(f);
        handles.add(handle);
        return handle;
    }

    /** The boundary frame of a task its spawner did not mark: "spawned by" the spawning task. */
    private static String boundary(Future<?> handle) {
        TaskCell<?> task = (TaskCell<?>) handle;
        assertEquals("task", task.spawnSite().substring(0, 4), "a hand-written machine's spawn is unmarked");
        return "pollen.task " + task.id() + " (awaited below) spawned by " + task.spawnSite() + "(Unknown Source)";
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void spawnedThenAwaited(String kind) {
        List<Future<Integer>> spawned = new ArrayList<>();
        Level1 root = new Level1(() -> spawn(spawned, new Level2(new Level3((Throwable) null))));

        Throwable t = Traces.failure(kind, root); // @run-spawnedThenAwaited

        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                "demo.Shop.level2(Shop.java:" + user("@await2") + ")",
                boundary(spawned.get(0)),
                "demo.Shop.level1(Shop.java:" + user("@resume1") + ")"), Traces.printed(t).subList(0, 4));
        assertBottom(t, 4, "spawnedThenAwaited");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void spawnedTwoHops(String kind) {
        List<Future<Integer>> spawned = new ArrayList<>();
        Level1 root = new Level1(() -> spawn(spawned, new Level1(() -> spawn(spawned, new Level3((Throwable) null)))));

        Throwable t = Traces.failure(kind, root); // @run-spawnedTwoHops

        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                boundary(spawned.get(1)),
                "demo.Shop.level1(Shop.java:" + user("@resume1") + ")",
                boundary(spawned.get(0)),
                "demo.Shop.level1(Shop.java:" + user("@resume1") + ")"), Traces.printed(t).subList(0, 5));
        assertBottom(t, 5, "spawnedTwoHops");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void aScopeChildsFailure(String kind) {
        List<Future<Integer>> spawned = new ArrayList<>();
        Level1 root = new Level1(() -> TaskScope.run(scope -> {
            spawned.add(scope.spawn(new Level2(new Level3((Throwable) null))));
            return Futures.ready(0);
        }));

        Throwable t = Traces.failure(kind, root); // @run-aScopeChildsFailure

        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                "demo.Shop.level2(Shop.java:" + user("@await2") + ")",
                boundary(spawned.get(0)),
                "demo.Shop.level1(Shop.java:" + user("@resume1") + ")"), Traces.printed(t).subList(0, 4));
        assertBottom(t, 4, "aScopeChildsFailure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void madeOnAnotherThread(String kind) throws Exception {
        Throwable[] made = new Throwable[1];
        Thread maker = new Thread(() -> made[0] = new IOException("from another thread"));
        maker.start();
        maker.join();
        List<String> original = Traces.printed(made[0]);
        ManualFuture<Integer> leaf = new ManualFuture<>();
        Thread failer = new Thread(() -> {
            while (leaf.polls() == 0) {
                Thread.onSpinWait();
            }
            leaf.fail(made[0]);
        });
        failer.start();

        Throwable t = Traces.failure(kind, new Level1(() -> leaf)); // @run-madeOnAnotherThread
        failer.join();

        assertSame(made[0], t);
        List<String> expected = new ArrayList<>(original);
        expected.add("demo.Shop.level1(Shop.java:11)");      // states[1]: the await's line
        assertEquals(expected, Traces.printed(t).subList(0, expected.size()));
        assertBottom(t, expected.size(), "madeOnAnotherThread");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void machineWithoutMetadataKeepsItsRawFrame(String kind) {
        Level1 root = new Level1(() -> new NoInfo(new Level3((Throwable) null)));

        Throwable t = Traces.failure(kind, root); // @run-machineWithoutMetadataKeepsItsRawFrame

        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                "dev.pollen.tracing.AsyncTracesTest$NoInfo.resume(AsyncTracesTest.java:" + line("@noinfo") + ")",
                "demo.Shop.level1(Shop.java:" + user("@await1") + ")"), Traces.printed(t).subList(0, 3));
        assertBottom(t, 3, "machineWithoutMetadataKeepsItsRawFrame");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void aFailureThrownAgainLaterKeepsItsTrace(String kind) {
        Level1 root = new Level1(Retry::new);

        Throwable t = Traces.failure(kind, root); // @run-aFailureThrownAgainLaterKeepsItsTrace

        assertEquals(List.of(
                "demo.Shop.level3(Shop.java:" + user("@throw3") + ")",
                "demo.Shop.retry(Shop.java:" + user("@retry-first") + ")",
                "demo.Shop.level1(Shop.java:" + user("@await1") + ")"), Traces.printed(t).subList(0, 3));
        assertBottom(t, 3, "aFailureThrownAgainLaterKeepsItsTrace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"current", "multi"})
    void aTraceThatIsNotWritableIsLeftAlone(String kind) {
        Throwable cheap = new IllegalStateException("cheap") {
            @Override
            public synchronized Throwable fillInStackTrace() {
                return this;
            }
        };
        for (Throwable failure : List.of(new Unwritable(), cheap)) {
            Throwable t = Traces.failure(kind, new Level1(() -> new Level2(new Level3(() -> failure))));
            assertSame(failure, t);
            assertEquals(0, t.getStackTrace().length);
        }
    }

    /** An exception made with {@code writableStackTrace = false}. */
    private static final class Unwritable extends RuntimeException {
        Unwritable() {
            super("unwritable", null, false, false);
        }
    }

    /** The user line that the machines' map gives the line of {@code marker} in this file. */
    private static int user(String marker) {
        return line(marker) + OFFSET;
    }

    private static int line(String marker) {
        return Traces.line(SOURCE, "// " + marker);
    }
}
