package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import java.util.ArrayList;
import java.util.List;
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

    private static List<Integer> receiveAll(Broadcast.Receiver<Integer> r) {
        List<Integer> got = new ArrayList<>();
        for (Integer m = ForeignPoller.await(r.receive()); m != null; m = ForeignPoller.await(r.receive())) {
            got.add(m);
        }
        return got;
    }

    /**
     * Two receivers on their own threads read while a third thread sends two messages and
     * closes: each receiver gets both, in order, then the end (nothing lost to a wake that came
     * between its poll and its linking).
     *
     * <p>Mutation caught (iteration of the first failure in one run): a receive woken and still
     * not ready returning pending without linking itself again (deadlock, 1).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void everyReceiverOnItsOwnThreadGetsEveryMessageThenTheEnd() throws InterruptedException {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r1 = b.subscribe();
        Broadcast.Receiver<Integer> r2 = b.subscribe();
        List<List<Integer>> got = new ArrayList<>(List.of(List.of(), List.of()));
        Thread t1 = Threads.start(() -> got.set(0, receiveAll(r1)));
        Thread t2 = Threads.start(() -> got.set(1, receiveAll(r2)));
        Thread sender = Threads.start(() -> {
            b.send(1);
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
     * waiting {@code changed()} (deadlock, 0).
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
