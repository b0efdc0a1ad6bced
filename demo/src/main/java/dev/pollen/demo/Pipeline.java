package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.JoinHandle;
import dev.pollen.TaskScope;
import dev.pollen.channel.Channel;
import dev.pollen.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A producer, four workers and a consumer, joined by bounded channels (4 items each: a full
 * channel makes the producer wait, which is backpressure), all children of one
 * {@link TaskScope}. The first run processes 20 items. In the second, item 6 makes a worker
 * fail: the scope cancels the producer, the other workers and the consumer at once (fail-fast),
 * waits for their {@code finally} blocks, and rethrows the worker's exception. Run it with
 * {@code mvn -q -pl demo exec:java -Dexec.mainClass=dev.pollen.demo.Pipeline}.
 */
public final class Pipeline {
    private Pipeline() {}

    static final int ITEMS = 20;
    static final int WORKERS = 4;
    static final int CAPACITY = 4;

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(4).build()) {
            run(runtime, System.out);
        }
    }

    /** Runs the pipeline twice (without, then with a poisoned item) on {@code runtime}. */
    public static void run(AsyncRuntime runtime, PrintStream out) {
        runtime.blockOn(PipelineAsync.twice(out));
    }

    /** What the stages did; {@code live} counts the stages between their start and their finally. */
    static final class Stats {
        final AtomicInteger live = new AtomicInteger();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger producerWaits = new AtomicInteger();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
    }

    @Async
    static void twice(PrintStream out) {
        await(PipelineAsync.once(0, out));
        await(PipelineAsync.once(6, out));
    }

    /** One run; {@code poison}: the item a worker fails on (0: none). */
    @Async
    static void once(int poison, PrintStream out) {
        long start = Time.now();
        Stats stats = new Stats();
        out.printf(Locale.ROOT, "%d items, %d workers, channels of %d%s%n", ITEMS, WORKERS, CAPACITY,
                poison == 0 ? "" : ", item " + poison + " is poison");
        try {
            long sum = await(TaskScope.run(scope -> PipelineAsync.stages(scope, poison, stats)));
            out.printf(Locale.ROOT, "  done at %.2f s: %d results, sum of squares %d%n", seconds(start),
                    stats.received.get(), sum);
            out.printf(Locale.ROOT, "  the producer waited for room %d times (backpressure)%n",
                    stats.producerWaits.get());
        } catch (IllegalArgumentException e) {
            out.printf(Locale.ROOT, "  failed fast at %.2f s: %s%n", seconds(start), e.getMessage());
            out.printf(Locale.ROOT, "  cancelled: %d of the %d other stages; %d items sent, %d results%n",
                    stats.cancelled.get(), WORKERS + 1, stats.sent.get(), stats.received.get());
        }
        out.printf(Locale.ROOT, "  stages still running when the scope ended: %d%n", stats.live.get());
    }

    /** The scope's body: starts the stages, closes the results when the workers are done. */
    @Async
    static long stages(TaskScope scope, int poison, Stats stats) {
        Channel<Integer> items = Channel.bounded(CAPACITY);
        Channel<Long> results = Channel.bounded(CAPACITY);
        scope.spawn(PipelineAsync.producer(items, stats));
        List<JoinHandle<Void>> workers = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            workers.add(scope.spawn(PipelineAsync.worker(i, items, results, poison, stats)));
        }
        JoinHandle<Long> consumer = scope.spawn(PipelineAsync.consumer(results, stats));
        for (JoinHandle<Void> worker : workers) {
            await(worker);
        }
        results.close();                        // the consumer drains what is left, then sees the end
        return await(consumer);
    }

    @Async
    static void producer(Channel<Integer> items, Stats stats) {
        stats.live.incrementAndGet();
        boolean finished = false;
        try {
            for (int i = 1; i <= ITEMS; i++) {
                if (!items.trySend(i)) {
                    stats.producerWaits.incrementAndGet();
                    await(items.send(i));       // full: wait for room
                }
                stats.sent.incrementAndGet();
            }
            items.close();
            finished = true;
        } finally {
            stats.live.decrementAndGet();
            if (!finished) {
                stats.cancelled.incrementAndGet();
            }
        }
    }

    @Async
    static void worker(int id, Channel<Integer> items, Channel<Long> results, int poison, Stats stats) {
        stats.live.incrementAndGet();
        boolean ended = false;                  // by the end of the items, or by its own failure
        try {
            Integer item;
            while ((item = await(items.receive())) != null) {
                await(Time.sleep(Duration.ofMillis(10)));          // the work
                if (item == poison) {
                    ended = true;
                    throw new IllegalArgumentException("worker " + id + " cannot process item " + item);
                }
                await(results.send((long) item * item));
            }
            ended = true;
        } finally {
            stats.live.decrementAndGet();
            if (!ended) {
                stats.cancelled.incrementAndGet();
            }
        }
    }

    @Async
    static long consumer(Channel<Long> results, Stats stats) {
        stats.live.incrementAndGet();
        boolean finished = false;
        try {
            long sum = 0;
            Long result;
            while ((result = await(results.receive())) != null) {
                sum += result;
                stats.received.incrementAndGet();
            }
            finished = true;
            return sum;
        } finally {
            stats.live.decrementAndGet();
            if (!finished) {
                stats.cancelled.incrementAndGet();
            }
        }
    }

    private static double seconds(long start) {
        return (Time.now() - start) / 1e9;
    }
}
