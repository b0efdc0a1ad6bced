package dev.pollen.bench;

import dev.pollen.Context;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 10: the cost of a failure thrown 3 calls deep and caught by the caller, which reads
 * its stack trace (as a log line would). Async: an {@code @Async} caller awaits 3 {@code @Async}
 * levels whose innermost throws; one poll of the caller's machine, with a no-op waker (no runtime:
 * the stack below is JMH's, about 10 frames). Async stack traces rewrite the trace once, at the
 * innermost machine's exit ({@code asyncRewritten}); {@code asyncRaw} is the same in a JVM run with
 * {@code -Dpollen.asyncTraces=raw}; {@code sync} is 3 plain Java calls. The {@code *Unwritable}
 * variants throw an exception that captures no trace (control flow): nothing to rewrite, so
 * {@code asyncUnwritable} against {@code asyncUnwritableRaw} is what the hooks cost such a failure.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class FailureCost {

    private final Context cx = Context.from(() -> { });

    @Benchmark
    public int asyncRewritten() {
        return FailureBodies.callerFuture(true).poll(cx).get();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dpollen.asyncTraces=raw"})
    public int asyncRaw() {
        return FailureBodies.callerFuture(true).poll(cx).get();
    }

    @Benchmark
    public int sync() {
        return FailureBodies.syncCaller(true);
    }

    @Benchmark
    public int asyncUnwritable() {
        return FailureBodies.callerFuture(false).poll(cx).get();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch", "-Dpollen.asyncTraces=raw"})
    public int asyncUnwritableRaw() {
        return FailureBodies.callerFuture(false).poll(cx).get();
    }

    @Benchmark
    public int syncUnwritable() {
        return FailureBodies.syncCaller(false);
    }
}
