package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.Waker;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No silent hang, from {@code @Async} code: a spawned machine stuck on a leaf that ignores
 * {@code cancel()} is reported at the end of {@code Executor.blockOn} after the grace period, and
 * its {@code finally} still runs when the leaf completes; a spawned machine's failure that
 * nobody awaited is reported naming its task, not as a dying thread.
 */
class NoSilentHangAsyncTest {

    /** Ignores cancel(); pending until {@link #complete}. */
    static final class DeafLeaf implements Future<String> {
        private Waker waker;
        private boolean completed;

        @Override
        public synchronized Poll<String> poll(Context cx) {
            if (completed) {
                return Poll.ready("late");
            }
            waker = cx.waker();
            return Poll.pending();
        }

        void complete() {
            Waker w;
            synchronized (this) {
                completed = true;
                w = waker;
            }
            w.wake();
        }

        @Override
        public String toString() {
            return "DeafLeaf";
        }
    }

    @Async
    static String stubborn(DeafLeaf leaf, List<String> log) {
        try {
            return await(leaf);     // line: stubborn awaits
        } finally {
            log.add("finally");
        }
    }

    @Async
    static String leaves(DeafLeaf leaf, List<String> log, AtomicReference<JoinHandle<String>> handle) {
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

    private static String taskName(JoinHandle<?> handle) {
        Matcher m = Pattern.compile("^task \\d+").matcher(handle.toString());
        assertTrue(m.find(), handle.toString());
        return m.group();
    }

    /** The line of this file that ends with {@code // line: <what>}. */
    private static int lineOf(String what) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/pollen/tests/NoSilentHangAsyncTest.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// line: " + what)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line marked " + what);
    }

    /** Runs {@code step} on a new thread (a fresh blockOn runtime, no handler of its own) and joins it. */
    private static void onNewThread(String name, Runnable step) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void aMachineStuckOnADeafLeafIsReportedAndItsFinallyRunsWhenTheLeafCompletes() throws Exception {
        DeafLeaf leaf = new DeafLeaf();
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicReference<JoinHandle<String>> handle = new AtomicReference<>();
        List<String> warnings = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("dev.pollen");
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                warnings.add(record.getMessage());
                leaf.complete();        // the report came: end the "hang"
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        String old = System.getProperty("pollen.cancelGraceMillis");
        System.setProperty("pollen.cancelGraceMillis", "100");
        try {
            onNewThread("stuck", () -> assertEquals("root done", Executor.blockOn(NoSilentHangAsyncTestAsync.leaves(leaf, log,
                    handle))));
        } finally {
            logger.removeHandler(capture);
            if (old == null) {
                System.clearProperty("pollen.cancelGraceMillis");
            } else {
                System.setProperty("pollen.cancelGraceMillis", old);
            }
        }
        assertEquals(List.of("blockOn-stuck: the root of Executor.blockOn completed, and 1 task is still live 100 ms after"
                + " it was cancelled (a future that ignores cancel() and is never woken, or a cleanup that takes long);"
                + " it is polled on when woken, for at most 10000 ms after the cancel, then abandoned. What it waits on:\n"
                + "  " + taskName(handle.get()) + " (spawned at NoSilentHangAsyncTest.java:" + lineOf("spawn stubborn")
                + "), idle, cancelling\n"
                + "      at NoSilentHangAsyncTest.stubborn (NoSilentHangAsyncTest.java:" + lineOf("stubborn awaits")
                + ") (cancelled)\n"
                + "      awaiting DeafLeaf"), warnings);
        assertEquals(List.of("finally"), log, "the cleanup ran after the report");
    }

    @Test
    void aSpawnedMachinesFailureNobodyAwaitedNamesItsTask() throws Exception {
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        PrintStream oldErr = System.err;
        Thread.UncaughtExceptionHandler oldDefault = Thread.getDefaultUncaughtExceptionHandler();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        Thread.setDefaultUncaughtExceptionHandler(null);
        try {
            onNewThread("crawler", () -> assertEquals("crawled", Executor.blockOn(NoSilentHangAsyncTestAsync.crawl(handle))));
        } finally {
            System.setErr(oldErr);
            Thread.setDefaultUncaughtExceptionHandler(oldDefault);
        }
        String nl = System.lineSeparator();
        assertEquals("Pollen: " + taskName(handle.get()) + " (spawned at NoSilentHangAsyncTest.java:"
                + lineOf("spawn fetch") + ") failed and nothing awaited its JoinHandle:" + nl
                + "java.lang.IllegalStateException: no route to a" + nl
                + "\tat dev.pollen.tests.NoSilentHangAsyncTest.fetch(NoSilentHangAsyncTest.java:" + lineOf("fetch throws")
                + ")" + nl, err.toString(StandardCharsets.UTF_8), "the failure's async trace as it was then");
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Executor.blockOn(handle.get()));
        assertEquals("no route to a", failure.getMessage(), "the handle still holds the failure");
    }

    @Test
    void aHandlerTheProgramInstalledReceivesTheSameFailure() throws Exception {
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        List<Throwable> received = new CopyOnWriteArrayList<>();
        onNewThread("handled", () -> {
            Thread.currentThread().setUncaughtExceptionHandler((t, e) -> received.add(e));
            Executor.blockOn(NoSilentHangAsyncTestAsync.crawl(handle));
        });
        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> Executor.blockOn(handle.get()));
        assertEquals(1, received.size());
        assertSame(failure, received.get(0));
    }
}
