package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Executor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1: the cost of one {@code await} of an immediately ready leaf. Each invocation runs
 * a loop of {@value #AWAITS} awaits from scratch (including starting it: {@code blockOn}, the
 * chain's first future, the virtual thread), and JMH divides by {@value #AWAITS}: scores are
 * ns per await, and {@code gc.alloc.rate.norm} (with {@code -prof gc}) is bytes per await.
 *
 * <p>Every variant creates the same leaf per await and takes its value through the leaf's
 * {@code poll}; {@code ready*} leaves can be inlined (and then scalar-replaced by the JIT),
 * {@code opaque*} leaves have a {@code poll} that is never inlined.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PerAwait.AWAITS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"})
public class PerAwait {

    static final int AWAITS = 1000;

    /** The sync loop's context: its waker is never called, since every leaf is ready. */
    private final Context syncContext = Blocking.contextOfCurrentThread();

    // ---- leaves that the JIT can inline ----

    @Benchmark
    public long pollenReady() {
        return Executor.blockOn(AwaitLoopsAsync.readyLeaves(AWAITS));
    }

    @Benchmark
    public long handMachineReady() {
        return Executor.blockOn(new HandLoops.Ready(AWAITS));
    }

    @Benchmark
    public long completableFutureReady() {
        return readyChain(0, 0L).join();
    }

    /** The idiomatic async loop on CompletableFuture: one thenCompose per await. */
    private static CompletableFuture<Long> readyChain(int i, long sum) {
        if (i == AWAITS) {
            return CompletableFuture.completedFuture(sum);
        }
        return asCompletable(new ReadyLeaf(i)).thenCompose(v -> readyChain(i + 1, sum + v));
    }

    @Benchmark
    public long syncReady() {
        return readyLoop(syncContext);
    }

    @Benchmark
    public long virtualThreadReady(VirtualThreadState vt) throws InterruptedException {
        long[] result = new long[1];
        VirtualThreads.start(() -> result[0] = readyLoop(Blocking.contextOfCurrentThread())).join();
        return result[0];
    }

    private static long readyLoop(Context cx) {
        long sum = 0;
        for (int i = 0; i < AWAITS; i++) {
            sum += Blocking.await(new ReadyLeaf(i), cx);
        }
        return sum;
    }

    // ---- leaves whose poll is a real call ----

    @Benchmark
    public long pollenOpaque() {
        return Executor.blockOn(AwaitLoopsAsync.opaqueLeaves(AWAITS));
    }

    @Benchmark
    public long handMachineOpaque() {
        return Executor.blockOn(new HandLoops.Opaque(AWAITS));
    }

    @Benchmark
    public long completableFutureOpaque() {
        return opaqueChain(0, 0L).join();
    }

    private static CompletableFuture<Long> opaqueChain(int i, long sum) {
        if (i == AWAITS) {
            return CompletableFuture.completedFuture(sum);
        }
        return asCompletable(new OpaqueLeaf(i)).thenCompose(v -> opaqueChain(i + 1, sum + v));
    }

    @Benchmark
    public long syncOpaque() {
        return opaqueLoop(syncContext);
    }

    @Benchmark
    public long virtualThreadOpaque(VirtualThreadState vt) throws InterruptedException {
        long[] result = new long[1];
        VirtualThreads.start(() -> result[0] = opaqueLoop(Blocking.contextOfCurrentThread())).join();
        return result[0];
    }

    private static long opaqueLoop(Context cx) {
        long sum = 0;
        for (int i = 0; i < AWAITS; i++) {
            sum += Blocking.await(new OpaqueLeaf(i), cx);
        }
        return sum;
    }

    /** A ready leaf as CompletableFuture knows it: completed with the leaf's value. */
    private static CompletableFuture<Integer> asCompletable(dev.pollen.Future<Integer> leaf) {
        return CompletableFuture.completedFuture(Blocking.await(leaf, NO_WAKE));
    }

    private static final Context NO_WAKE = Context.from(() -> {});

    /** Fails the benchmark's setup, with the reason, where virtual threads are unavailable. */
    @State(Scope.Benchmark)
    public static class VirtualThreadState {
        @Setup
        public void require() {
            VirtualThreads.require();
        }
    }
}
