package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.time.Interval;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A periodic job: every 100 ms ({@code Time.interval}) a 30 ms job, for at most {@code ticks}
 * ticks, under a deadline ({@code Time.timeoutAt}): the first run does its 5 ticks, the second
 * wants 20 but its deadline stops it after 6. Run it with
 * {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Periodic} (about 1.1 s).
 */
public final class Periodic {
    private Periodic() {}

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).build()) {
            run(runtime, System.out);
        }
    }

    /** Runs both schedules on {@code runtime}, printing to {@code out}. */
    public static void run(AsyncRuntime runtime, PrintStream out) {
        runtime.blockOn(PeriodicAsync.both(out));
    }

    @Async
    static void both(PrintStream out) {
        await(PeriodicAsync.withDeadline(5, Duration.ofMillis(550), out));
        await(PeriodicAsync.withDeadline(20, Duration.ofMillis(550), out));
    }

    /** At most {@code ticks} jobs, stopped at {@code deadline} after the start. */
    @Async
    static void withDeadline(int ticks, Duration deadline, PrintStream out) {
        out.printf(Locale.ROOT, "%d ticks of 100 ms, deadline %.2f s%n", ticks, deadline.toMillis() / 1e3);
        long start = Time.now();
        AtomicInteger done = new AtomicInteger();
        try {
            await(Time.timeoutAt(PeriodicAsync.every100ms(ticks, start, done, out), start + deadline.toNanos()));
            out.printf(Locale.ROOT, "  all %d ticks done at %.2f s%n", done.get(), seconds(start));
        } catch (TimeoutException e) {
            out.printf(Locale.ROOT, "  deadline at %.2f s: stopped after %d of %d ticks%n", seconds(start),
                    done.get(), ticks);
        }
    }

    @Async
    static void every100ms(int ticks, long start, AtomicInteger done, PrintStream out) {
        Interval interval = Time.interval(Duration.ofMillis(100));     // the first tick is due at once
        for (int i = 1; i <= ticks; i++) {
            await(interval.tick());
            out.printf(Locale.ROOT, "  tick %d at %.2f s%n", i, seconds(start));
            await(Time.sleep(Duration.ofMillis(30)));                  // the job
            done.incrementAndGet();
        }
    }

    private static double seconds(long start) {
        return (Time.now() - start) / 1e9;
    }
}
