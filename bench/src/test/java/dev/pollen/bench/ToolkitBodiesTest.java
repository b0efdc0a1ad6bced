package dev.pollen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Benchmarks 7 to 9's Pollen programs, small, on two workers: they do what the benchmarks
 * claim to measure (every message arrives once, the lock excludes, the HTTP client keeps its
 * bound), so a fast score cannot come from a program that skips work.
 */
class ToolkitBodiesTest {

    private final AsyncRuntime runtime = AsyncRuntime.builder().multiThread().workers(2).build();

    @AfterEach
    void close() {
        runtime.close();
    }

    @Test
    void everyMessageOfFourProducersReachesTheConsumerOnce() {
        long sum = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> runtime.blockOn(ChannelBodiesAsync.transfer(2, 4, 4_000)));
        assertEquals(4 * PingPongBodies.expectedSum(1_000), sum);
    }

    @Test
    void theMutexAndTheSemaphoreLetOneTaskAtATimeUpdateThePlainCounter() {
        assertEquals(256_000, assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> runtime.blockOn(LockBodies.mutex(64, 4_000))));
        assertEquals(256_000, assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> runtime.blockOn(LockBodies.semaphore(64, 4_000))));
    }

    @Test
    void theHttpClientGetsEveryResponseWithAtMostItsBoundInFlight() throws IOException {
        LocalHttp http = new LocalHttp();
        http.start();
        try {
            long bytes = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> runtime.blockOn(HttpBodiesAsync.fetchAll(http.client, http.request, 2, 40)));
            assertEquals(40L * LocalHttp.BODY_LENGTH, bytes);
            // the server has more threads than the bound: without the semaphore it would see more
            assertTrue(LocalHttp.SERVER_THREADS > 2);
            assertTrue(http.mostHandled.get() <= 2, "at most 2 requests in flight, the server saw "
                    + http.mostHandled.get());
            assertEquals(2, http.mostHandled.get(), "the bound was reached: requests did run in parallel");
        } finally {
            http.stop();
        }
    }
}
