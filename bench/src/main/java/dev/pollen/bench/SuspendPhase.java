package dev.pollen.bench;

import dev.pollen.AsyncRuntime;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark 2's suspension phase alone, outside JMH (whose profiles cover whole iterations,
 * mostly timers firing): the time from the first spawn until all of {@value SuspendedTasks#TASKS}
 * Pollen sleepers, spawned on a multi-threaded runtime, counted themselves suspended, with the
 * benchmark's shuffled 1 to 2 s durations and with equal durations (every timer then goes to the
 * same slot of the timer driver). The difference is what the timers' order costs. Run:
 * {@code java -Xms6g -Xmx6g -Xmn4g -XX:+AlwaysPreTouch -cp bench/target/benchmarks.jar dev.pollen.bench.SuspendPhase}.
 */
public final class SuspendPhase {
    private SuspendPhase() {}

    public static void main(String[] args) throws InterruptedException {
        long[] shuffled = SuspendedTasks.spreadMillis();
        long[] equal = new long[shuffled.length];
        Arrays.fill(equal, 1500);
        try (AsyncRuntime runtime = AsyncRuntime.builder().multiThread().build()) {
            for (int round = 1; round <= 6; round++) {
                double a = suspendMs(runtime, shuffled);
                double b = suspendMs(runtime, equal);
                // The first round warms the JIT up.
                System.out.printf(Locale.ROOT, "round %d%s: shuffled %.1f ms, equal %.1f ms%n", round,
                        round == 1 ? " (warm-up)" : "", a, b);
            }
        }
    }

    /** Spawns the sleepers; returns the time until all suspended (then waits for them all). */
    private static double suspendMs(AsyncRuntime runtime, long[] millis) throws InterruptedException {
        System.gc();
        Progress progress = new Progress();
        long start = System.nanoTime();
        Thread run = new Thread(() -> runtime.blockOn(SleepersAsync.spawnAll(millis, progress)));
        run.start();
        while (progress.suspended() < millis.length) {
            Thread.sleep(1);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        run.join();
        return ms;
    }
}
