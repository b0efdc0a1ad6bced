package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.DeafFuture;
import dev.pollen.testkit.ExpectedDumps;
import dev.pollen.testkit.OnThread;
import dev.pollen.testkit.ReadyFuture;
import dev.pollen.testkit.TaskNames;
import dev.pollen.testkit.Warnings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The end of {@code Executor.blockOn} and a runtime's shutdown say when the tasks they cancelled
 * are still live after the grace period, with a dump of what they wait on, and keep waiting.
 */
class NoSilentHangTest {

    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final String WHY = " (a future that ignores cancel() and is never woken, or a cleanup that takes"
            + " long); it is polled on when woken, for at most 10000 ms after the cancel, then abandoned. What it"
            + " waits on:";

    /** The root spawns a task on {@code leaf} and completes at once, leaving it to the end of blockOn. */
    private static final class SpawnAndReturn implements Future<String> {
        final Future<String> leaf;
        final AtomicReference<JoinHandle<String>> handle = new AtomicReference<>();
        final AtomicLong completedAt = new AtomicLong();

        SpawnAndReturn(Future<String> leaf) {
            this.leaf = leaf;
        }

        @Override
        public Poll<String> poll(Context cx) {
            handle.set(Executor.spawn(leaf));
            completedAt.set(System.nanoTime());
            return Poll.ready("root done");
        }
    }


    @Test
    void theEndOfExecutorBlockOnReportsATaskThatIgnoresCancelOnceAfterTheGraceAndWaitsForIt() {
        assertTimeoutPreemptively(LIMIT, () -> {
            DeafFuture<String> leaf = new DeafFuture<>();
            SpawnAndReturn root = new SpawnAndReturn(leaf);
            AtomicReference<String> returned = new AtomicReference<>();
            AtomicLong returnedAt = new AtomicLong();
            try (Warnings warnings = new Warnings()) {
                Thread completer = new Thread(() -> {
                    try {
                        assertTrue(warnings.awaitCount(1, 5_000), "the grace report came");
                        Thread.sleep(200);          // blockOn keeps waiting after the report
                        assertEquals(null, returned.get(), "blockOn still waits after the report");
                        leaf.complete("late");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                completer.start();
                OnThread.runWithGrace("hang-end", "300", () -> {
                    returned.set(Executor.blockOn(root));
                    returnedAt.set(System.nanoTime());
                });
                completer.join();
                assertEquals("root done", returned.get());
                List<Warnings.Entry> entries = warnings.entries();
                assertEquals(1, entries.size(), "reported once: " + warnings.messages());
                assertEquals("blockOn-hang-end: the root of Executor.blockOn completed, and 1 task is still live"
                        + " 300 ms after it was cancelled" + WHY + "\n"
                        + ExpectedDumps.cancelledDeaf(TaskNames.spawnedByATask(root.handle.get())),
                        entries.get(0).message);
                assertEquals("WARNING", entries.get(0).level.getName());
                long reportedAfter = entries.get(0).nanoTime - root.completedAt.get();
                assertTrue(reportedAfter >= 300_000_000L, "not before the grace: " + reportedAfter + " ns");
                assertTrue(returnedAt.get() - entries.get(0).nanoTime >= 200_000_000L,
                        "returned only when the leaf completed");
                assertEquals("late", Executor.blockOn(root.handle.get()), "the task finished, polled on");
            }
        });
    }

    @Test
    void noReportWhenTheCancelledTasksFinishWithinTheGrace() {
        assertTimeoutPreemptively(LIMIT, () -> {
            DeafFuture<String> leaf = new DeafFuture<>();
            SpawnAndReturn root = new SpawnAndReturn(leaf);
            try (Warnings warnings = new Warnings()) {
                Thread completer = new Thread(() -> {
                    try {
                        assertTrue(leaf.awaitCancel(5_000));
                        Thread.sleep(100);          // a cleanup that takes a while, within the grace
                        leaf.complete("cleaned up");
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                });
                completer.start();
                OnThread.runWithGrace("hang-quick", "1000", () -> assertEquals("root done", Executor.blockOn(root)));
                completer.join();
                assertEquals(List.of(), warnings.messages());
            }
        });
    }

    @Test
    void shutdownReportsATaskThatIgnoresCancelAfterTheGraceAndWaitsForItOnBothKinds() {
        assertTimeoutPreemptively(LIMIT, () -> {
            for (AsyncRuntime rt : List.of(
                    AsyncRuntime.builder().workers(2).name("hang-mt").cancelGrace(Duration.ofMillis(300)).build(),
                    AsyncRuntime.builder().currentThread().name("hang-ct").cancelGrace(Duration.ofMillis(300))
                            .build())) {
                DeafFuture<String> leaf = new DeafFuture<>();
                int line = TaskNames.lineHere() + 1;
                JoinHandle<String> handle = rt.spawn(leaf);
                String task = TaskNames.spawnedAt(handle, "NoSilentHangTest.java", line);
                try (Warnings warnings = new Warnings()) {
                    AtomicLong closedAt = new AtomicLong();
                    AtomicReference<Boolean> clean = new AtomicReference<>();
                    Thread closer = new Thread(() -> {
                        closedAt.set(System.nanoTime());
                        clean.set(rt.shutdown(Duration.ofSeconds(10)));
                    });
                    closer.start();
                    assertTrue(warnings.awaitCount(1, 5_000), "the grace report came");
                    Thread.sleep(200);
                    assertTrue(closer.isAlive(), "shutdown waits on after the report");
                    leaf.complete("late");
                    closer.join();
                    assertEquals(Boolean.TRUE, clean.get(), "the task finished: a clean shutdown");
                    List<Warnings.Entry> entries = warnings.entries();
                    assertEquals(1, entries.size(), "reported once: " + warnings.messages());
                    assertEquals(rt + " is shutting down, and 1 task is still live 300 ms after it was cancelled"
                            + WHY + "\n" + ExpectedDumps.cancelledDeaf(task), entries.get(0).message);
                    assertTrue(entries.get(0).nanoTime - closedAt.get() >= 300_000_000L, "not before the grace");
                    assertEquals("late", AsyncRuntime.currentThread().blockOn(handle));
                }
            }
        });
    }

    @Test
    void shutdownReportsAfterTheGraceThenAbandonsAtItsTimeoutWithADump() {
        assertTimeoutPreemptively(LIMIT, () -> {
            AsyncRuntime rt = AsyncRuntime.builder().currentThread().name("hang-timeout")
                    .cancelGrace(Duration.ofMillis(100)).build();
            int line = TaskNames.lineHere() + 1;
            JoinHandle<String> first = rt.spawn(new DeafFuture<>());
            JoinHandle<String> second = rt.spawn(new DeafFuture<>());
            rt.blockOn(new ReadyFuture<>(0));       // polls both once
            String dump = ExpectedDumps.cancelledDeaf(
                    TaskNames.spawnedAt(first, "NoSilentHangTest.java", line),
                    TaskNames.spawnedAt(second, "NoSilentHangTest.java", line + 1));
            try (Warnings warnings = new Warnings()) {
                assertFalse(rt.shutdown(Duration.ofMillis(400)), "abandoned: not clean");
                assertEquals(List.of(
                        "hang-timeout is shutting down, and 2 tasks are still live 100 ms after they were cancelled"
                                + " (a future that ignores cancel() and is never woken, or a cleanup that takes"
                                + " long); they are polled on when woken, for at most 400 ms after the cancel, then"
                                + " abandoned. What they wait on:\n" + dump,
                        "hang-timeout shut down with 2 tasks still live 400 ms after they were cancelled (a future"
                                + " that ignores cancel() and is never woken, or a poll that does not return);"
                                + " abandoned without another poll:\n" + dump),
                        warnings.messages());
                List<Warnings.Entry> entries = warnings.entries();
                assertTrue(entries.get(1).nanoTime - entries.get(0).nanoTime >= 250_000_000L,
                        "the grace report came well before the timeout");
            }
            CancellationException e = assertThrows(CancellationException.class,
                    () -> AsyncRuntime.currentThread().blockOn(first));
            assertTrue(e.getMessage().contains("abandoned"), e.getMessage());
        });
    }

    @Test
    void aGraceNotShorterThanTheTimeoutLeavesOnlyTheAbandonmentReport() {
        assertTimeoutPreemptively(LIMIT, () -> {
            AsyncRuntime rt = AsyncRuntime.builder().currentThread().name("hang-nograce")
                    .cancelGrace(Duration.ofMillis(200)).build();
            rt.spawn(new DeafFuture<>());
            try (Warnings warnings = new Warnings()) {
                assertFalse(rt.shutdown(Duration.ofMillis(200)));
                assertEquals(1, warnings.messages().size(), warnings.messages().toString());
                assertTrue(warnings.messages().get(0).startsWith("hang-nograce shut down with 1 task still live"),
                        warnings.messages().get(0));
            }
        });
    }

    @Test
    void aBadGraceSettingIsReportedAndTheDefaultUsed() throws Exception {
        assertTimeoutPreemptively(LIMIT, () -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AsyncRuntime.builder().cancelGrace(Duration.ofMillis(-1)));
            assertEquals("negative cancel grace period: PT-0.001S", e.getMessage());
            try (Warnings warnings = new Warnings()) {
                OnThread.runWithGrace("hang-bad", "soon",
                        () -> assertEquals("v", Executor.blockOn(new ReadyFuture<>("v"))));
                assertEquals(List.of("-Dpollen.cancelGraceMillis=soon is not a number of milliseconds (0 or more):"
                        + " using the default, 1000 ms"), warnings.messages());
            }
        });
    }
}
