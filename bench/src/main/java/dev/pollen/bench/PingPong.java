package dev.pollen.bench;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 5: ping-pong between two tasks, {@value #ROUND_TRIPS} round trips per invocation
 * (single shot), divided by {@value #ROUND_TRIPS}: scores are ns per round trip (two messages,
 * two wake-ups). The pinger sends a small cached {@code Integer} and waits for it to come back;
 * the ponger returns each one. Every variant starts the two tasks, then joins both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PingPong.ROUND_TRIPS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class PingPong {

    static final int ROUND_TRIPS = 1_000_000;
    private static final long EXPECTED_SUM = PingPongBodies.expectedSum(ROUND_TRIPS);

    /**
     * Pollen's multi-threaded runtime: the pinger and the ponger are spawned tasks that
     * exchange the balls through two {@link Mailbox}es; each send wakes the other task.
     */
    @Benchmark
    public long pollen(Runtimes.MultiThread rt) {
        return checked(rt.runtime.blockOn(PingPongBodiesAsync.pingPong(ROUND_TRIPS)));
    }

    /** The same tasks on a current-thread runtime: every wake-up stays on this thread. */
    @Benchmark
    public long pollenCurrentThread(Runtimes.CurrentThread rt) {
        return checked(rt.runtime.blockOn(PingPongBodiesAsync.pingPong(ROUND_TRIPS)));
    }

    /** Two virtual threads over a pair of {@link SynchronousQueue}s (hand-offs, no buffer). */
    @Benchmark
    public long virtualThread(PerAwait.VirtualThreadState vt) throws InterruptedException {
        SynchronousQueue<Integer> toPonger = new SynchronousQueue<>();
        SynchronousQueue<Integer> toPinger = new SynchronousQueue<>();
        long[] sum = new long[1];
        Thread ponger = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    toPinger.put(toPonger.take());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread pinger = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    toPonger.put(i & 127);
                    sum[0] += toPinger.take();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        ponger.join();
        pinger.join();
        return checked(sum[0]);
    }

    /** The pinger's sum, after checking that every ball came back. */
    static long checked(long sum) {
        if (sum != EXPECTED_SUM) {
            throw new IllegalStateException("ping-pong lost or changed a ball: sum " + sum);
        }
        return sum;
    }
}
