package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.testkit.DeafFuture;
import dev.pollen.testkit.ErrCapture;
import dev.pollen.testkit.OnThread;
import dev.pollen.testkit.TaskNames;
import dev.pollen.testkit.Traces;
import dev.pollen.testkit.Warnings;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * No silent hang, from {@code @Async} code: a spawned machine stuck on a leaf that ignores
 * {@code cancel()} is reported at the end of {@code Executor.blockOn} after the grace period, and
 * its {@code finally} still runs when the leaf completes; a spawned machine's failure that
 * nobody awaited is reported naming its task, not as a dying thread.
 */
class NoSilentHangAsyncTest {

    @Async
    static String stubborn(DeafFuture<String> leaf, List<String> log) {
        try {
            return await(leaf);     // line: stubborn awaits
        } finally {
            log.add("finally");
        }
    }

    @Async
    static String leaves(DeafFuture<String> leaf, List<String> log, AtomicReference<JoinHandle<String>> handle) {
        handle.set(Executor.spawn(NoSilentHangAsyncTestAsync.stubborn(leaf, log)));     // line: spawn stubborn
        await(Executor.yieldNow());     // the task runs up to its await of the leaf
        return "root done";
    }

    @Async
    static int fetch(String url) {
        await(Executor.yieldNow());
        throw new IllegalStateException("no route to " + url);      // line: fetch throws
    }

    @Async
    static String crawl(AtomicReference<JoinHandle<Integer>> handle) {
        handle.set(Executor.spawn(NoSilentHangAsyncTestAsync.fetch("a")));      // line: spawn fetch
        await(Executor.yieldNow());
        await(Executor.yieldNow());     // fetch fails meanwhile; nobody awaits its handle
        return "crawled";
    }

    private static final Path SOURCE = Path.of("src/test/java/dev/pollen/tests/NoSilentHangAsyncTest.java");

    /** The line of this file marked {@code // line: <what>}. */
    private static int lineOf(String what) {
        return Traces.line(SOURCE, "// line: " + what);
    }

    @Test
    void aMachineStuckOnADeafLeafIsReportedAndItsFinallyRunsWhenTheLeafCompletes() throws Exception {
        DeafFuture<String> leaf = new DeafFuture<>();
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<JoinHandle<String>> handle = new AtomicReference<>();
        try (Warnings warnings = new Warnings()) {
            Thread completer = new Thread(() -> {
                try {
                    if (warnings.awaitCount(1, 5_000)) {
                        leaf.complete("late");        // the report came: end the "hang"
                    }
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            completer.start();
            OnThread.runWithGrace("stuck", "100", () -> assertEquals("root done",
                    Executor.blockOn(NoSilentHangAsyncTestAsync.leaves(leaf, log, handle))));
            completer.join();
            assertEquals(List.of("blockOn-stuck: the root of Executor.blockOn completed, and 1 task is still live 100 ms"
                    + " after it was cancelled (a future that ignores cancel() and is never woken, or a cleanup that"
                    + " takes long); it is polled on when woken, for at most 10000 ms after the cancel, then abandoned."
                    + " What it waits on:\n"
                    + "  " + TaskNames.of(handle.get()) + " (spawned at NoSilentHangAsyncTest.java:"
                    + lineOf("spawn stubborn") + "), idle, cancelling\n"
                    + "      at NoSilentHangAsyncTest.stubborn (NoSilentHangAsyncTest.java:" + lineOf("stubborn awaits")
                    + ") (cancelled)\n"
                    + "      awaiting DeafFuture"), warnings.messages());
        }
        assertEquals(List.of("finally"), log, "the cleanup ran after the report");
    }

    @Test
    void aSpawnedMachinesFailureNobodyAwaitedNamesItsTask() throws Exception {
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        String printed;
        try (ErrCapture err = new ErrCapture()) {
            OnThread.run("crawler", () -> assertEquals("crawled",
                    Executor.blockOn(NoSilentHangAsyncTestAsync.crawl(handle))));
            printed = err.text();
        }
        String nl = System.lineSeparator();
        assertEquals("Pollen: " + TaskNames.of(handle.get()) + " (spawned at NoSilentHangAsyncTest.java:"
                + lineOf("spawn fetch") + ") failed and nothing awaited its JoinHandle:" + nl
                + "java.lang.IllegalStateException: no route to a" + nl
                + "\tat dev.pollen.tests.NoSilentHangAsyncTest.fetch(NoSilentHangAsyncTest.java:" + lineOf("fetch throws")
                + ")" + nl, printed, "the failure's async trace as it was then");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Executor.blockOn(handle.get()));
        assertEquals("no route to a", failure.getMessage(), "the handle still holds the failure");
    }

    @Test
    void aHandlerTheProgramInstalledReceivesTheSameFailure() throws Exception {
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        List<Throwable> received = new CopyOnWriteArrayList<>();
        OnThread.run("handled", () -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> received.add(e));
            Executor.blockOn(NoSilentHangAsyncTestAsync.crawl(handle));
        });
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Executor.blockOn(handle.get()));
        assertEquals(1, received.size());
        assertSame(failure, received.get(0));
    }
}
