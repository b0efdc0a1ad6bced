package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.time.Interval;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * A multi-threaded runtime at work: eight jobs start 100 ms apart (timers), each checksums a
 * megabyte on the blocking pool (CPU work kept off the workers), then a periodic report ticks
 * three times. Run it with
 * {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Jobs}.
 */
public final class Jobs {
    private Jobs() {}

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(4).build()) {
            run(runtime, System.out);
        }
    }

    /** Runs the jobs on {@code runtime}, printing to {@code out}. */
    public static void run(AsyncRuntime runtime, PrintStream out) {
        out.println(runtime.blockOn(JobsAsync.all(8, out)));
    }

    @Async
    static String all(int jobs, PrintStream out) {
        long start = Time.now();
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            handles.add(Executor.spawn(JobsAsync.job(i)));      // on any worker of the runtime
        }
        int sum = 0;
        for (JoinHandle<Integer> handle : handles) {
            sum += await(handle);
        }
        Interval report = Time.interval(Duration.ofMillis(250));  // first tick at once
        for (int i = 1; i <= 3; i++) {
            await(report.tick());
            out.printf(Locale.ROOT, "report %d at %.2f s%n", i, seconds(start));
        }
        return String.format(Locale.ROOT, "%d jobs, checksum %d, done at %.2f s", jobs, sum, seconds(start));
    }

    @Async
    static int job(int i) {
        await(Time.sleep(Duration.ofMillis(100L * i)));
        return await(Executor.spawnBlocking(() -> checksum(i)));
    }

    private static double seconds(long start) {
        return (Time.now() - start) / 1e9;
    }

    /** CPU work: the CRC of a megabyte of pseudo-random bytes, folded to 16 bits. */
    static int checksum(int seed) {
        byte[] block = new byte[1 << 20];
        new Random(seed).nextBytes(block);
        CRC32 crc = new CRC32();
        crc.update(block);
        return (int) (crc.getValue() & 0xffff);
    }
}
