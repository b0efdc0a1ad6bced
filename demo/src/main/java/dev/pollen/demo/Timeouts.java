package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * A timeout around an {@code @Async} method whose {@code finally} block awaits its cleanup: on
 * expiry the method is cancelled (a {@code return} at its current await), its {@code finally}
 * runs to its end, awaits included, and only then is the {@code TimeoutException} thrown, caught
 * here by its name. Runs on a paused clock (the times are exact, nothing really waits). Run it
 * with {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Timeouts}.
 */
public final class Timeouts {
    private Timeouts() {}

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            run(runtime, System.out);
        }
    }

    /** Runs the demo on {@code runtime}, printing to {@code out}. */
    public static void run(AsyncRuntime runtime, PrintStream out) {
        runtime.blockOn(TimeoutsAsync.both(out));
    }

    @Async
    static void both(PrintStream out) {
        long start = Time.now();
        await(TimeoutsAsync.withTimeout(out, start, Duration.ofMillis(100)));
        await(TimeoutsAsync.withTimeout(out, start, Duration.ofMillis(1000)));
    }

    /** A report that needs {@code work}, given 300 ms. */
    @Async
    static void withTimeout(PrintStream out, long start, Duration work) {
        out.printf(Locale.ROOT, "%.2f s: report needing %d ms, with a timeout of 300 ms%n", seconds(start),
                work.toMillis());
        try {
            String report = await(Time.timeout(TimeoutsAsync.report(out, start, work), Duration.ofMillis(300)));
            out.printf(Locale.ROOT, "%.2f s: got \"%s\"%n", seconds(start), report);
        } catch (TimeoutException e) {
            out.printf(Locale.ROOT, "%.2f s: TimeoutException, thrown once the cleanup had finished%n",
                    seconds(start));
        }
    }

    /** Works for {@code work}; its finally block always awaits a 50 ms cleanup. */
    @Async
    static String report(PrintStream out, long start, Duration work) {
        try {
            await(Time.sleep(work));
            return "report of " + work.toMillis() + " ms";
        } finally {
            out.printf(Locale.ROOT, "  %.2f s: cleanup: closing the connection%n", seconds(start));
            await(Time.sleep(Duration.ofMillis(50)));
            out.printf(Locale.ROOT, "  %.2f s: cleanup: done%n", seconds(start));
        }
    }

    private static double seconds(long start) {
        return (Time.now() - start) / 1e9;
    }
}
