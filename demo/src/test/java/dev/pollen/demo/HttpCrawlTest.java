package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HttpCrawl demo against its local server (real I/O, real clock): every page's outcome and
 * attempts, and never more than 4 requests in flight.
 */
class HttpCrawlTest {

    @Test
    void crawlsWithBoundedConcurrencyTimeoutsAndRetries() {
        List<String> lines = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> DemoOutput.lines(out -> {
            try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).build()) {
                HttpCrawl.run(runtime, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertEquals(List.of(
                "page  0: ok (ok)",
                "page  1: ok (ok)",
                "page  2: ok (ok)",
                "page  3: ok (HTTP 503, ok)",
                "page  4: ok (ok)",
                "page  5: ok (timeout, ok)",
                "page  6: ok (ok)",
                "page  7: gave up (timeout, timeout, timeout)",
                "page  8: ok (ok)",
                "page  9: failed, not retried (HTTP 404)",
                "page 10: ok (ok)",
                "page 11: ok (ok)"), lines.subList(0, 12), String.join("\n", lines));
        assertEquals(13, lines.size());
        assertTrue(lines.get(12).matches("12 pages: 10 ok, 2 failed; at most [1-4] requests in flight; \\d+\\.\\d s"),
                lines.get(12));
    }
}
