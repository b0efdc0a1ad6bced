package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pollen.AsyncRuntime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Periodic demo on a paused clock (two workers): exact tick times, the deadline stops the second run. */
class PeriodicTest {

    @Test
    void ticksEvery100msUntilTheCountOrTheDeadline() {
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DemoOutput.lines(out -> {
            try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).startPaused(true).build()) {
                Periodic.run(runtime, out);
            }
        }));
        assertEquals(List.of(
                "5 ticks of 100 ms, deadline 0.55 s",
                "  tick 1 at 0.00 s",
                "  tick 2 at 0.10 s",
                "  tick 3 at 0.20 s",
                "  tick 4 at 0.30 s",
                "  tick 5 at 0.40 s",
                "  all 5 ticks done at 0.43 s",
                "20 ticks of 100 ms, deadline 0.55 s",
                "  tick 1 at 0.00 s",
                "  tick 2 at 0.10 s",
                "  tick 3 at 0.20 s",
                "  tick 4 at 0.30 s",
                "  tick 5 at 0.40 s",
                "  tick 6 at 0.50 s",
                "  deadline at 0.55 s: stopped after 6 of 20 ticks"), lines);
    }
}
