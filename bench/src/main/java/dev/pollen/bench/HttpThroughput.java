package dev.pollen.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 9: the HTTP example's throughput. {@value #REQUESTS} GET requests per invocation
 * (single shot) to a local server ({@link LocalHttp}), at most {@code inFlight} at a time: one
 * task per request, each holding a permit of a semaphore of {@code inFlight} permits during its
 * request; all joined. Divided by {@value #REQUESTS}: scores are µs per request. Pollen: the
 * tasks on a multi-threaded runtime await {@code HttpClient.sendAsync} through
 * {@code Futures.fromStage}, the bound is Pollen's {@code Semaphore}. Virtual threads: the same
 * program with one virtual thread per request, the blocking {@code HttpClient.send} and a
 * {@link Semaphore}. Same server, same client, same bodies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@OperationsPerInvocation(HttpThroughput.REQUESTS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class HttpThroughput {

    static final int REQUESTS = 5_000;

    @Param({"16", "64"})
    public int inFlight;

    /** A task per request: {@code try (Permit p = await(limit.acquire())) { await(fromStage(sendAsync(...))); }}. */
    @Benchmark
    public long pollen(Runtimes.MultiThread rt, LocalHttp http) {
        return checked(rt.runtime.blockOn(HttpBodiesAsync.fetchAll(http.client, http.request, inFlight, REQUESTS)));
    }

    /** A virtual thread per request: {@code acquire(); try { send(...); } finally { release(); }}. */
    @Benchmark
    public long virtualThread(PerAwait.VirtualThreadState vt, LocalHttp http) throws InterruptedException {
        Semaphore limit = new Semaphore(inFlight);
        long[] bytes = new long[REQUESTS];
        Thread[] threads = new Thread[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            int index = i;
            threads[i] = VirtualThreads.start(() -> {
                limit.acquireUninterruptibly();
                try {
                    bytes[index] = LocalHttp.checkedLength(http.client.send(http.request, HttpResponse.BodyHandlers.ofByteArray()));
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                } finally {
                    limit.release();
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < REQUESTS; i++) {
            threads[i].join();
            sum += bytes[i];
        }
        return checked(sum);
    }

    /** The bytes received by all requests, checked: every request got its whole body. */
    private static long checked(long bytes) {
        if (bytes != (long) REQUESTS * LocalHttp.BODY_LENGTH) {
            throw new IllegalStateException("requests lost: " + bytes + " bytes received");
        }
        return bytes;
    }
}
