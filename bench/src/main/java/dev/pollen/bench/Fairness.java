package dev.pollen.bench;

import dev.pollen.AsyncRuntime;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6, fairness: {@value #TIMERS} timer tasks (10 to 200 ms, evenly spread, shuffled)
 * and one busy task whose awaits are always ready, all on a multi-threaded runtime with ONE
 * worker ({@link FairnessBodies}). Only the runtime's cooperative budget makes the busy task
 * give the worker back, to start the timers and to run them when they fire. Figures: how late
 * the timers woke (from the deadline fixed at their spawn: p50, p99, max, in ms), and the busy
 * task's awaits per ms of the run. With {@code busy=unbudgeted} the busy task is polled with an
 * unlimited budget ({@link Unbudgeted}): what the budget prevents. With {@code busy=none} the
 * same timers run alone: the lateness that the timer driver itself gives (its resolution).
 * The score (single shot, ms) is the whole run, about the longest timer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class Fairness {

    static final int TIMERS = 1000;

    @Param({"readyAwaits", "unbudgeted", "none"})
    public String busy;

    /** 10 to 200 ms, evenly spread, shuffled with a fixed seed. */
    private final long[] delayNanos = Spread.shuffled(TIMERS, TimeUnit.MILLISECONDS.toNanos(10),
            TimeUnit.MILLISECONDS.toNanos(200));
    private AsyncRuntime runtime;

    /** The figures of one iteration, reported by JMH next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public double latenessP50Ms;
        public double latenessP99Ms;
        public double latenessMaxMs;
        public double busyAwaitsPerMs;
    }

    @Setup(Level.Trial)
    public void start() {
        runtime = AsyncRuntime.builder().multiThread().workers(1).build();
    }

    @TearDown(Level.Trial)
    public void close() {
        runtime.close();
    }

    private FairnessBodies.Busy kind() {
        switch (busy) {
            case "readyAwaits": return FairnessBodies.Busy.READY_AWAITS;
            case "unbudgeted": return FairnessBodies.Busy.UNBUDGETED;
            case "none": return FairnessBodies.Busy.NONE;
            default: throw new IllegalArgumentException("busy: readyAwaits, unbudgeted or none, not " + busy);
        }
    }

    @Benchmark
    public void pollen(Figures figures) {
        long[] lateness = new long[TIMERS];
        long start = System.nanoTime();
        long awaits = runtime.blockOn(FairnessBodiesAsync.run(delayNanos, lateness, kind()));
        double ms = (System.nanoTime() - start) / 1e6;
        Arrays.sort(lateness);
        figures.latenessP50Ms = lateness[TIMERS / 2] / 1e6;
        figures.latenessP99Ms = lateness[TIMERS * 99 / 100] / 1e6;
        figures.latenessMaxMs = lateness[TIMERS - 1] / 1e6;
        figures.busyAwaitsPerMs = awaits / ms;
    }
}
