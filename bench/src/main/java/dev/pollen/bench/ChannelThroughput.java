package dev.pollen.bench;

import java.util.concurrent.ArrayBlockingQueue;
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
 * Benchmark 7: channel throughput. {@value #MESSAGES} messages per invocation (single shot)
 * from {@code producers} producers (each sends its share) to one consumer, through a bounded
 * queue of {@code capacity} messages; divided by {@value #MESSAGES}: scores are ns per message.
 * The messages are small cached {@code Integer}s, so the values never allocate; the consumer
 * sums them and the sum is checked. Pollen: {@code Channel.bounded} between spawned tasks on a
 * multi-threaded runtime (one worker per available processor). Virtual threads: an
 * {@link ArrayBlockingQueue} of the same capacity ({@code put}, {@code take}); the virtual
 * threads' scheduler also has one carrier per available processor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(ChannelThroughput.MESSAGES)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ChannelThroughput {

    static final int MESSAGES = 1_000_000;

    @Param({"1", "4"})
    public int producers;

    @Param({"16", "1024"})
    public int capacity;

    /** Producer tasks sending with {@code await(channel.send(m))}, a consumer task receiving until the end. */
    @Benchmark
    public long pollen(Runtimes.MultiThread rt) {
        return checked(rt.runtime.blockOn(ChannelBodiesAsync.transfer(capacity, producers, MESSAGES)));
    }

    /** Producer virtual threads {@code put} into an ArrayBlockingQueue; a consumer virtual thread {@code take}s. */
    @Benchmark
    public long virtualThread(PerAwait.VirtualThreadState vt) throws InterruptedException {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(capacity);
        int share = MESSAGES / producers;
        Thread[] senders = new Thread[producers];
        for (int p = 0; p < producers; p++) {
            senders[p] = VirtualThreads.start(() -> {
                try {
                    for (int i = 0; i < share; i++) {
                        queue.put(i & 127);
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long[] sum = new long[1];
        Thread consumer = VirtualThreads.start(() -> {
            try {
                long s = 0;
                for (int i = 0; i < share * producers; i++) {
                    s += queue.take();
                }
                sum[0] = s;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        for (Thread sender : senders) {
            sender.join();
        }
        consumer.join();
        return checked(sum[0]);
    }

    /** The consumer's sum, after checking that every message arrived once. */
    private long checked(long sum) {
        long expected = producers * PingPongBodies.expectedSum(MESSAGES / producers);
        if (sum != expected) {
            throw new IllegalStateException("channel lost or duplicated messages: sum " + sum + ", expected " + expected);
        }
        return sum;
    }
}
