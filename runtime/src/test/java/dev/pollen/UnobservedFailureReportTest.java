package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.DeafFuture;
import dev.pollen.testkit.ErrCapture;
import dev.pollen.testkit.FailingFuture;
import dev.pollen.testkit.OnThread;
import dev.pollen.testkit.TaskNames;
import dev.pollen.testkit.Warnings;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A task failure that nobody took through its handle is reported naming the task, not as a
 * dying thread; a handler the user installed still receives the failure itself.
 */
class UnobservedFailureReportTest {

    private static final String NL = System.lineSeparator();

    /** A failure with a fixed trace, so that the report is known to the character. */
    private static IllegalStateException boom() {
        IllegalStateException e = new IllegalStateException("no route");
        e.setStackTrace(new StackTraceElement[] {new StackTraceElement("p.Demo", "fetch", "Demo.java", 17)});
        return e;
    }

    /** The root spawns a task that fails, leaves its handle alone, and returns; the handle is kept. */
    private static Future<String> spawnFailing(Throwable failure, AtomicReference<JoinHandle<?>> handle) {
        return cx -> {
            handle.set(Executor.spawn(FailingFuture.now(failure)));
            return Poll.ready("root done");
        };
    }


    @Test
    void withoutAHandlerTheReportNamesTheTaskOnSystemErr() throws Exception {
        AtomicReference<JoinHandle<?>> handle = new AtomicReference<>();
        try (ErrCapture err = new ErrCapture()) {
            OnThread.run("plain", () -> assertEquals("root done", Executor.blockOn(spawnFailing(boom(), handle))));
            assertEquals("Pollen: " + TaskNames.spawnedByATask(handle.get()) + " failed and nothing awaited its JoinHandle:" + NL
                    + "java.lang.IllegalStateException: no route" + NL
                    + "\tat p.Demo.fetch(Demo.java:17)" + NL, err.text());
        }
    }

    @Test
    void aFailureLeftBesideATaskThatIgnoresCancelIsReportedWithTheGraceReportNotAtTheTimeout() throws Exception {
        DeafFuture<String> deaf = new DeafFuture<>();
        AtomicReference<JoinHandle<?>> failing = new AtomicReference<>();
        Future<String> root = cx -> {
            Executor.spawn(deaf);
            failing.set(Executor.spawn(FailingFuture.now(boom())));
            return Poll.ready("root done");
        };
        try (ErrCapture err = new ErrCapture(); Warnings warnings = new Warnings()) {
            Thread completer = new Thread(() -> {
                try {
                    assertTrue(warnings.awaitCount(1, 5_000), "the grace report came");
                    // The deaf task is still live: the failure must be said now, not when it ends.
                    long until = System.nanoTime() + 5_000_000_000L;
                    while (!err.text().contains("Pollen: ") && System.nanoTime() < until) {
                        Thread.sleep(10);
                    }
                    errAtGraceReport.set(failureReport(err.text()));
                    deaf.complete("late");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            completer.start();
            OnThread.runWithGrace("plain", "200", () -> assertEquals("root done", Executor.blockOn(root)));
            completer.join();
            String report = "Pollen: " + TaskNames.spawnedByATask(failing.get()) + " failed and nothing awaited its JoinHandle:" + NL
                    + "java.lang.IllegalStateException: no route" + NL
                    + "\tat p.Demo.fetch(Demo.java:17)" + NL;
            assertEquals(report, errAtGraceReport.get(), "said with the hang, before the deaf task ended");
            assertEquals(report, failureReport(err.text()), "and once");
        }
    }

    private final AtomicReference<String> errAtGraceReport = new AtomicReference<>();

    /** The failure report in what was printed (JUL's console handler prints the hang report there too). */
    private static String failureReport(String err) {
        int start = err.indexOf("Pollen: ");
        return start < 0 ? "" : err.substring(start);
    }

    @Test
    void theReportOfAShutdownGoesToTheSystemErrOfTheTimeOfTheReport() throws Exception {
        AsyncRuntime rt = AsyncRuntime.builder().workers(1).name("failing").build();
        AtomicReference<JoinHandle<?>> handle = new AtomicReference<>();
        rt.blockOn(spawnFailing(boom(), handle));
        try (ErrCapture err = new ErrCapture()) {       // swapped after the failure, before the report
            OnThread.run("plain", rt::close);
            assertEquals("Pollen: " + TaskNames.spawnedByATask(handle.get()) + " failed and nothing awaited its JoinHandle:" + NL
                    + "java.lang.IllegalStateException: no route" + NL
                    + "\tat p.Demo.fetch(Demo.java:17)" + NL, err.text());
        }
    }

    @Test
    void theThreadsOwnHandlerReceivesTheSameFailureAndNothingIsPrinted() throws Exception {
        IllegalStateException failure = boom();
        List<Throwable> received = new CopyOnWriteArrayList<>();
        try (ErrCapture err = new ErrCapture()) {
            OnThread.run("plain", () -> {
                Thread.currentThread().setUncaughtExceptionHandler((t, e) -> received.add(e));
                Executor.blockOn(spawnFailing(failure, new AtomicReference<>()));
            });
            assertEquals(1, received.size());
            assertSame(failure, received.get(0));
            assertEquals("", err.text());
        }
    }

    @Test
    void theDefaultHandlerReceivesTheSameFailureAndNothingIsPrinted() throws Exception {
        IllegalStateException failure = boom();
        List<Throwable> received = new CopyOnWriteArrayList<>();
        try (ErrCapture err = new ErrCapture()) {
            Thread.setDefaultUncaughtExceptionHandler((t, e) -> received.add(e));   // ErrCapture restores it
            OnThread.run("plain", () -> Executor.blockOn(spawnFailing(failure, new AtomicReference<>())));
            assertEquals(1, received.size());
            assertSame(failure, received.get(0));
            assertEquals("", err.text());
        }
    }
}
