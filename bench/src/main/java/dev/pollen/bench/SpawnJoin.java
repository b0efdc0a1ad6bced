package dev.pollen.bench;

import dev.pollen.Executor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 3: spawn {@value #TASKS} trivial tasks, then join them all, in order. One
 * invocation per iteration (single shot), divided by {@value #TASKS}: scores are ns per task
 * (spawn + run + join). Each variant uses its executor's own way to spawn and join: Pollen on
 * the multi-threaded runtime (one worker per available processor, as the common pool and the
 * virtual threads' scheduler) and on the current thread. The young
 * generation is large enough that a GC seldom runs during an invocation: the score is the
 * mechanism, not the copying of a million live tasks between survivor spaces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SpawnJoin.TASKS)
@Warmup(iterations = 5)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Xmn3g", "-XX:+AlwaysPreTouch"})
public class SpawnJoin {

    static final int TASKS = 1_000_000;

    /**
     * Pollen's multi-threaded runtime: a root task (polled by this thread, in blockOn) spawns
     * the tasks onto the workers and awaits their handles.
     */
    @Benchmark
    public long pollenMultiThread(Runtimes.MultiThread rt) {
        return rt.runtime.blockOn(SpawnJoinBodiesAsync.spawnAndJoin(TASKS));
    }

    /** Pollen: spawned from inside blockOn, all run on the blockOn thread. */
    @Benchmark
    public long pollen() {
        return Executor.blockOn(SpawnJoinBodiesAsync.spawnAndJoin(TASKS));
    }

    /** supplyAsync on its default executor (the common pool), joined by this thread. */
    @Benchmark
    public long completableFuture() {
        List<CompletableFuture<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int value = i & 127;
            tasks.add(CompletableFuture.supplyAsync(() -> value));
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += tasks.get(i).join();
        }
        return sum;
    }

    @Benchmark
    public long virtualThread(VirtualThreadExecutor vt) throws InterruptedException, ExecutionException {
        List<java.util.concurrent.Future<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            int value = i & 127;
            tasks.add(vt.executor.submit(() -> value));
        }
        long sum = 0;
        for (int i = 0; i < TASKS; i++) {
            sum += tasks.get(i).get();
        }
        return sum;
    }

    /** A virtual-thread-per-task executor; fails the setup, with the reason, before JDK 21. */
    @State(Scope.Benchmark)
    public static class VirtualThreadExecutor {
        ExecutorService executor;

        @Setup
        public void start() {
            VirtualThreads.require();
            executor = VirtualThreads.newPerTaskExecutor();
        }

        @TearDown
        public void stop() {
            executor.shutdown();
        }
    }
}
