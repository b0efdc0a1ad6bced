package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.channel.Channel;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Channel} used from {@code @Async} code: a pipeline on many threads, and cancellation at every await. */
class ChannelPipelineTest {

    static final int PRODUCERS = 4;
    static final int CONSUMERS = 2;
    static final int PER_PRODUCER = 10_000;

    @Async
    static Void produce(Channel<Integer> ch, int producer) {
        for (int i = 0; i < PER_PRODUCER; i++) {
            await(ch.send(producer * PER_PRODUCER + i));
        }
        return null;
    }

    @Async
    static List<Integer> consume(Channel<Integer> ch) {
        List<Integer> got = new ArrayList<>();
        Integer m;
        while ((m = await(ch.receive())) != null) {
            got.add(m);
        }
        return got;
    }

    @Async
    static List<List<Integer>> pipeline(Channel<Integer> ch) {
        List<JoinHandle<Void>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            producers.add(Executor.spawn(ChannelPipelineTestAsync.produce(ch, p)));
        }
        List<JoinHandle<List<Integer>>> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            consumers.add(Executor.spawn(ChannelPipelineTestAsync.consume(ch)));
        }
        for (JoinHandle<Void> producer : producers) {
            await(producer);
        }
        ch.close();
        List<List<Integer>> received = new ArrayList<>();
        for (JoinHandle<List<Integer>> consumer : consumers) {
            received.add(await(consumer));
        }
        return received;
    }

    /**
     * Four producers and two consumers on a runtime of four workers (each a task, so they run in
     * parallel) through a channel of 16: every message is received exactly once, each consumer
     * sees each producer's messages in the order they were sent, and the consumers end once the
     * channel is closed and drained.
     */
    @Test
    void fourProducersAndTwoConsumersOnManyThreadsPassEveryMessageExactlyOnceAndInOrder() {
        List<List<Integer>> received;
        try (AsyncRuntime rt = AsyncRuntime.builder().multiThread().workers(4).build()) {
            received = rt.blockOn(ChannelPipelineTestAsync.pipeline(Channel.bounded(16)));
        }
        List<Integer> all = new ArrayList<>();
        for (List<Integer> got : received) {
            int[] last = new int[PRODUCERS];
            java.util.Arrays.fill(last, -1);
            for (int m : got) {
                int producer = m / PER_PRODUCER;
                assertTrue(m > last[producer], "producer " + producer + "'s " + m + " after " + last[producer]);
                last[producer] = m;
            }
            all.addAll(got);
        }
        Collections.sort(all);
        assertEquals(PRODUCERS * PER_PRODUCER, all.size());
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i, all.get(i));
        }
    }

    /** What one run of {@link #sendAndReceive} and its echo task did, for the accounting. */
    static final class Ledger {
        final Channel<Integer> requests = Channel.bounded(2);
        final Channel<Integer> replies = Channel.bounded(1);
        final List<Integer> sent = new ArrayList<>();      // requests whose send completed
        final List<Integer> echoed = new ArrayList<>();    // requests the echo task received
        final List<Integer> forwarded = new ArrayList<>(); // replies whose send completed
        final List<Integer> answered = new ArrayList<>();  // replies the program received
    }

    /** Receives each request and sends it back; closes the replies at the end. */
    @Async
    static Void echo(Ledger l) {
        try {
            while (true) {
                Integer m = await(l.requests.receive());
                if (m == null) {
                    return null;
                }
                l.echoed.add(m);
                await(l.replies.send(m));
                l.forwarded.add(m);
            }
        } finally {
            l.replies.close();
        }
    }

    /**
     * Sends six requests, most after a pause (reading a reply after every second one), closes,
     * then reads the rest. The pauses make the echo task wait for requests, so that sends hand
     * them to it directly and a cancel finds a request handed to it and not yet taken; the
     * third request of each three follows a reply at once and finds the channel full.
     */
    @Async
    static Integer sendAndReceive(Ledger l) {
        Executor.spawn(ChannelPipelineTestAsync.echo(l));
        try {
            for (int i = 0; i < 6; i++) {
                if (i % 3 != 2) {
                    await(Time.sleep(Duration.ofMillis(1))); // the echo task waits on an empty channel
                }
                await(l.requests.send(i));
                l.sent.add(i);
                if (i % 2 == 1) {
                    l.answered.add(await(l.replies.receive()));
                }
            }
        } finally {
            l.requests.close();
        }
        Integer m;
        while ((m = await(l.replies.receive())) != null) {
            l.answered.add(m);
        }
        return l.answered.size();
    }

    /**
     * The program is cancelled at each of its awaits (and the echo task at whatever it waits for
     * when the runtime closes): on both channels, every message whose send completed was either
     * received or is still buffered, exactly once; nothing is received that was not sent.
     */
    @Test
    void cancellingAProgramAtEveryAwaitLosesAndDuplicatesNoMessage() {
        List<Ledger> runs = new ArrayList<>();
        int cancelled = CancelAtEveryPending.run(() -> {
            Ledger l = new Ledger();
            runs.add(l);
            return ChannelPipelineTestAsync.sendAndReceive(l);
        }, run -> {
            Ledger l = runs.get(runs.size() - 1);
            assertEquals(sorted(l.sent), sorted(l.echoed, drain(l.requests)), "requests at " + run);
            assertEquals(sorted(l.forwarded), sorted(l.answered, drain(l.replies)), "replies at " + run);
            if (!run.cancelled()) {
                assertEquals(6, run.value());
            }
        });
        assertTrue(cancelled >= 6, "pending points: " + cancelled);
    }

    private static List<Integer> drain(Channel<Integer> ch) {
        List<Integer> rest = new ArrayList<>();
        for (Integer m = ch.tryReceive(); m != null; m = ch.tryReceive()) {
            rest.add(m);
        }
        return rest;
    }

    @SafeVarargs
    private static List<Integer> sorted(List<Integer>... lists) {
        List<Integer> all = new ArrayList<>();
        for (List<Integer> l : lists) {
            all.addAll(l);
        }
        Collections.sort(all);
        return all;
    }
}
