package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Pipeline demo on a paused clock with four workers: all 20 results, then fail-fast at the
 * poisoned item (the lines whose numbers depend on the interleaving are checked by pattern).
 */
class PipelineTest {

    @Test
    void processesEverythingThenFailsFastOnThePoisonedItem() {
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> DemoOutput.lines(out -> {
            try (AsyncRuntime runtime = AsyncRuntime.builder().workers(4).startPaused(true).build()) {
                Pipeline.run(runtime, out);
            }
        }));
        assertEquals(8, lines.size(), String.join("\n", lines));
        assertEquals("20 items, 4 workers, channels of 4", lines.get(0));
        assertEquals("  done at 0.05 s: 20 results, sum of squares 2870", lines.get(1));
        Matcher waits = match("  the producer waited for room (\\d+) times \\(backpressure\\)", lines.get(2));
        assertTrue(Integer.parseInt(waits.group(1)) > 0, "no backpressure");
        assertEquals("  stages still running when the scope ended: 0", lines.get(3));
        assertEquals("20 items, 4 workers, channels of 4, item 6 is poison", lines.get(4));
        match("  failed fast at 0\\.02 s: worker \\d cannot process item 6", lines.get(5));
        Matcher cancelled = match("  cancelled: (\\d) of the 5 other stages; (\\d+) items sent, (\\d+) results", lines.get(6));
        assertEquals("5", cancelled.group(1), "the producer, the other workers and the consumer are cancelled");
        assertTrue(Integer.parseInt(cancelled.group(2)) < 20, "the producer was cancelled while it waited for room");
        assertEquals("  stages still running when the scope ended: 0", lines.get(7));
    }

    private static Matcher match(String regex, String line) {
        Matcher m = Pattern.compile(regex).matcher(line);
        assertTrue(m.matches(), line + " does not match " + regex);
        return m;
    }
}
