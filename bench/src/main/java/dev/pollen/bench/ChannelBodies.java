package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.channel.Channel;
import java.util.ArrayList;
import java.util.List;

/** Benchmark 7's tasks, compiled by the Pollen processor. */
final class ChannelBodies {

    private ChannelBodies() {}

    /**
     * Spawns {@code producers} producers, each sending its share of {@code messages} into a
     * channel of {@code capacity}, and a consumer; closes the channel when every producer is
     * done (or one failed) and returns the consumer's sum.
     */
    @Async
    static long transfer(int capacity, int producers, int messages) {
        Channel<Integer> channel = Channel.bounded(capacity);
        List<JoinHandle<Void>> senders = new ArrayList<>(producers);
        for (int p = 0; p < producers; p++) {
            senders.add(Executor.spawn(ChannelBodiesAsync.produce(channel, messages / producers)));
        }
        JoinHandle<Long> consumer = Executor.spawn(ChannelBodiesAsync.consume(channel));
        try {
            for (int p = 0; p < producers; p++) {
                await(senders.get(p));
            }
        } finally {
            channel.close();        // also if a producer failed: the consumer must not wait forever
        }
        return await(consumer);
    }

    /** Sends {@code n} small cached Integers, each send awaiting room in the channel. */
    @Async
    static void produce(Channel<Integer> channel, int n) {
        for (int i = 0; i < n; i++) {
            await(channel.send(i & 127));
        }
    }

    /** Receives until the channel is closed and drained (null); returns the sum of the messages. */
    @Async
    static long consume(Channel<Integer> channel) {
        long sum = 0;
        Integer message = await(channel.receive());
        while (message != null) {
            sum += message;
            message = await(channel.receive());
        }
        return sum;
    }
}
