package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.testkit.DeafFuture;
import dev.pollen.testkit.ExpectedDumps;
import dev.pollen.testkit.OnThread;
import dev.pollen.testkit.TaskNames;
import dev.pollen.testkit.Warnings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The end of {@code Executor.blockOn} with a timeout short enough for a test (its own is 10 s):
 * the grace report, then the abandonment, both with the dump, in the words of a blockOn's end.
 */
class BlockOnEndTest {

    @Test
    void aTaskThatIgnoresCancelIsReportedAfterTheGraceThenAbandonedAtTheTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            AtomicReference<JoinHandle<String>> handle = new AtomicReference<>();
            Future<String> root = cx -> {
                handle.set(Executor.spawn(new DeafFuture<>()));
                return Poll.ready("root done");
            };
            AtomicReference<Object> result = new AtomicReference<>();
            try (Warnings warnings = new Warnings()) {
                OnThread.runWithGrace("end", "100",     // read at the thread's first blockOn
                        () -> result.set(CurrentThread.blockOnThenCancel(root, Duration.ofMillis(400))));
                assertEquals("root done", result.get());
                String dump = ExpectedDumps.cancelledDeaf(TaskNames.spawnedByATask(handle.get()));
                assertEquals(List.of(
                        "blockOn-end: the root of Executor.blockOn completed, and 1 task is still live 100 ms after it"
                                + " was cancelled (a future that ignores cancel() and is never woken, or a cleanup"
                                + " that takes long); it is polled on when woken, for at most 400 ms after the"
                                + " cancel, then abandoned. What it waits on:\n" + dump,
                        "blockOn-end: Executor.blockOn ended with 1 task still live 400 ms after it was cancelled"
                                + " (a future that ignores cancel() and is never woken, or a poll that does not"
                                + " return); abandoned without another poll:\n" + dump),
                        warnings.messages());
            }
        });
    }
}
