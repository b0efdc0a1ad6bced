package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link Broadcast} and {@link Watch} under Fray: receivers on their own threads, each waiting
 * receive woken (and unlinked) by a send, set or close from another thread, and linked again by
 * its next poll if it still has nothing ({@code rt.sync.WaitingFuture}).
 */
@ExtendWith(FrayTestExtension.class)
class BroadcastFrayTest {

    /** Every message until the end; counts {@code first} down after the first one. */
    private static List<Integer> receiveAll(Broadcast.Receiver<Integer> r, CountDownLatch first) {
        List<Integer> got = new ArrayList<>();
        for (Integer m = ForeignPoller.await(r.receive()); m != null; m = ForeignPoller.await(r.receive())) {
            got.add(m);
            first.countDown();
        }
        return got;
    }

    /**
     * Two receivers on their own threads read while a third thread sends a message, waits until
     * both have it (so each must be woken by that send, not by a later one), sends another and
     * closes: each receiver gets both, in order, then the end.
     *
     * <p>Mutation caught (iteration of the first failure in one run): a send waking only the
     * first waiting receive (deadlock, 0).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void everyReceiverOnItsOwnThreadGetsEveryMessageThenTheEnd() throws InterruptedException {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r1 = b.subscribe();
        Broadcast.Receiver<Integer> r2 = b.subscribe();
        List<List<Integer>> got = new ArrayList<>(List.of(List.of(), List.of()));
        CountDownLatch first = new CountDownLatch(2);
        Thread t1 = Threads.start(() -> got.set(0, receiveAll(r1, first)));
        Thread t2 = Threads.start(() -> got.set(1, receiveAll(r2, first)));
        Thread sender = Threads.start(() -> {
            b.send(1);
            Threads.await(first);
            b.send(2);
            b.close();
        });
        t1.join();
        t2.join();
        sender.join();
        assertEquals(List.of(List.of(1, 2), List.of(1, 2)), got);
    }

    /**
     * A watcher on its own thread follows a value set twice and then closed from another thread:
     * it ends (no lost wake-up) and the last value it saw is the last one set.
     *
     * <p>Mutation caught (iteration of the first failure in one run): close not waking the
     * waiting {@code changed()} (deadlock, 13).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aWatcherOnItsOwnThreadSeesTheLastValueThenTheEnd() throws InterruptedException {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> r = w.subscribe();
        List<Integer> seen = new ArrayList<>();
        Thread watcher = Threads.start(() -> {
            for (Integer v = ForeignPoller.await(r.changed()); v != null; v = ForeignPoller.await(r.changed())) {
                seen.add(v);
            }
        });
        Thread setter = Threads.start(() -> {
            w.set(1);
            w.set(2);
            w.close();
        });
        watcher.join();
        setter.join();
        assertEquals(2, seen.get(seen.size() - 1));
    }
}
