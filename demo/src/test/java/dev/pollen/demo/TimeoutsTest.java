package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pollen.AsyncRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Timeouts demo on a paused clock: the cleanup finishes before the TimeoutException. */
class TimeoutsTest {

    @Test
    void theCleanupRunsBeforeTheTimeoutIsThrown() {
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DemoOutput.lines(out -> {
            try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
                Timeouts.run(runtime, out);
            }
        }));
        assertEquals(List.of(
                "0.00 s: report needing 100 ms, with a timeout of 300 ms",
                "  0.10 s: cleanup: closing the connection",
                "  0.15 s: cleanup: done",
                "0.15 s: got \"report of 100 ms\"",
                "0.15 s: report needing 1000 ms, with a timeout of 300 ms",
                "  0.45 s: cleanup: closing the connection",
                "  0.50 s: cleanup: done",
                "0.50 s: TimeoutException, thrown once the cleanup had finished"), lines);
    }
}
