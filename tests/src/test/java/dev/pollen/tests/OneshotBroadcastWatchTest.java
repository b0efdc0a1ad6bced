package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.channel.Broadcast;
import dev.pollen.channel.Channel;
import dev.pollen.channel.Oneshot;
import dev.pollen.channel.Watch;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link Oneshot}, {@link Broadcast} and {@link Watch} from {@code @Async} code: a request with a
 * oneshot reply, a broadcast to several tasks, a watched setting; each program cancelled at every
 * await leaves no waiter behind and loses nothing.
 */
class OneshotBroadcastWatchTest {

    record Request(int n, Oneshot<Integer> reply) {}

    /** Doubles each request's number, after a pause, until the channel ends. */
    @Async
    static Void doubler(Channel<Request> requests) {
        Request r;
        while ((r = await(requests.receive())) != null) {
            await(Time.sleep(Duration.ofMillis(2)));
            r.reply().send(r.n() * 2);
        }
        return null;
    }

    /** Asks the doubler three times, each with its own oneshot. */
    @Async
    static Integer askThrice(Channel<Request> requests, List<Oneshot<Integer>> replies) {
        Executor.spawn(OneshotBroadcastWatchTestAsync.doubler(requests));
        int sum = 0;
        try {
            for (int i = 1; i <= 3; i++) {
                Oneshot<Integer> reply = Oneshot.create();
                replies.add(reply);
                await(requests.send(new Request(i, reply)));
                sum += await(reply.receive());
            }
        } finally {
            requests.close();
        }
        return sum;
    }

    @Test
    void aRequestWithAOneshotReply() {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            assertEquals(12, rt.blockOn(OneshotBroadcastWatchTestAsync.askThrice(Channel.bounded(1), new ArrayList<>())));
        }
    }

    /** Cancelled at any await, the program's reply slots are either received or still hold their reply. */
    @Test
    void aCancelledRequesterLeavesNoReceiveWaiting() {
        List<List<Oneshot<Integer>>> runs = new ArrayList<>();
        CancelAtEveryPending.run(() -> {
            List<Oneshot<Integer>> replies = new ArrayList<>();
            runs.add(replies);
            return OneshotBroadcastWatchTestAsync.askThrice(Channel.bounded(1), replies);
        }, run -> {
            for (Oneshot<Integer> reply : runs.get(runs.size() - 1)) {
                assertFalse(reply.toString().contains("waiting"), reply.toString());
            }
        });
    }

    /** Sums what it receives until the broadcast ends. */
    @Async
    static Integer sumAll(Broadcast.Receiver<Integer> numbers) {
        int sum = 0;
        Integer n;
        while ((n = await(numbers.receive())) != null) {
            sum += n;
        }
        return sum;
    }

    /** Three subscribers, four numbers sent with pauses, then the end: each subscriber got them all. */
    @Async
    static List<Integer> fanOut(Broadcast<Integer> numbers) {
        List<dev.pollen.JoinHandle<Integer>> sums = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sums.add(Executor.spawn(OneshotBroadcastWatchTestAsync.sumAll(numbers.subscribe())));
        }
        try {
            for (int n = 1; n <= 4; n++) {
                await(Time.sleep(Duration.ofMillis(1)));
                numbers.send(n);
            }
        } finally {
            numbers.close();
        }
        List<Integer> result = new ArrayList<>();
        for (dev.pollen.JoinHandle<Integer> sum : sums) {
            result.add(await(sum));
        }
        return result;
    }

    @Test
    void aBroadcastReachesEverySubscriberOnManyThreads() {
        try (AsyncRuntime rt = AsyncRuntime.builder().multiThread().workers(2).startPaused(true).build()) {
            assertEquals(List.of(10, 10, 10), rt.blockOn(OneshotBroadcastWatchTestAsync.fanOut(Broadcast.create(2))));
        }
    }

    @Test
    void aCancelledBroadcasterLeavesNoReceiveWaiting() {
        List<Broadcast<Integer>> runs = new ArrayList<>();
        CancelAtEveryPending.run(() -> {
            Broadcast<Integer> b = Broadcast.create(2);
            runs.add(b);
            return OneshotBroadcastWatchTestAsync.fanOut(b);
        }, run -> {
            Broadcast<Integer> b = runs.get(runs.size() - 1);
            assertTrue(b.isClosed());
            assertFalse(b.toString().contains("waiting"), b.toString());
        });
    }

    /** Follows a watched level until it reaches {@code target}; returns how many changes it saw. */
    @Async
    static Integer follow(Watch.Receiver<Integer> level, int target) {
        int changes = 0;
        Integer now = level.get();
        while (now != null && now < target) {
            now = await(level.changed());
            changes++;
        }
        return changes;
    }

    /** Raises the level by one every millisecond, to 5. */
    @Async
    static Void raise(Watch<Integer> level) {
        for (int i = 1; i <= 5; i++) {
            await(Time.sleep(Duration.ofMillis(1)));
            level.set(i);
        }
        return null;
    }

    @Async
    static Integer watchIt(Watch<Integer> level) {
        Executor.spawn(OneshotBroadcastWatchTestAsync.raise(level));
        return await(OneshotBroadcastWatchTestAsync.follow(level.subscribe(), 5));
    }

    @Test
    void aWatcherSeesTheLevelRise() {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            assertEquals(5, rt.blockOn(OneshotBroadcastWatchTestAsync.watchIt(Watch.create(0))));
        }
    }

    @Test
    void aCancelledWatcherLeavesNoChangedWaiting() {
        List<Watch<Integer>> runs = new ArrayList<>();
        CancelAtEveryPending.run(() -> {
            Watch<Integer> w = Watch.create(0);
            runs.add(w);
            return OneshotBroadcastWatchTestAsync.watchIt(w);
        }, run -> {
            Watch<Integer> w = runs.get(runs.size() - 1);
            assertFalse(w.toString().contains("waiting"), w.toString());
        });
    }
}
