package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/** {@link Notify}'s and {@link Latch}'s wake-ups under Fray: none lost, none given twice. */
@ExtendWith(FrayTestExtension.class)
class NotifyFrayTest {

    /**
     * A notifyOne (one CAS storing the permit if nobody waits) races the first poll of a
     * notified() (taking the permit, else queueing): the waiter completes, and no permit is left.
     *
     * <p>Mutation caught: notifyOne's fast path storing the permit with a volatile write instead
     * of a CAS, overwriting the WAITING flag a waiter set meanwhile (deadlock, 8).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aNotifyOneRacingTheFirstPollIsNotLost() throws InterruptedException {
        Notify notify = new Notify();
        Thread notifier = Threads.start(notify::notifyOne);
        ForeignPoller.await(notify.notified());
        notifier.join();
        assertFalse(notify.hasPermit());
        assertEquals(0, notify.waiters());
    }

    /**
     * A notifyOne races the cancel of the head waiter on another thread: the one notification
     * ends with the second waiter, whichever came first.
     *
     * <p>Mutation caught: a cancelled waiter not passing on the notifyOne it had taken (1).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aNotifyOneRacingTheCancelOfTheHeadReachesTheNext() throws InterruptedException {
        Notify notify = new Notify();
        Future<Void> first = notify.notified();
        Future<Void> second = notify.notified();
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        assertTrue(first.poll(w1.context()).isPending());
        assertTrue(second.poll(w2.context()).isPending());
        Thread notifier = Threads.start(notify::notifyOne);
        Thread owner = Threads.start(() -> {
            first.cancel();
            assertThrows(CancellationException.class, () -> first.poll(w1.context()));
        });
        notifier.join();
        owner.join();
        assertTrue(second.poll(w2.context()).isReady());
        assertEquals(1, w2.count());
        assertFalse(notify.hasPermit());
    }

    /** Two count-downs on two threads race the waiter's polls: the latch opens and wakes it. */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void countDownsFromTwoThreadsOpenTheLatchForItsWaiter() throws InterruptedException {
        Latch latch = new Latch(2);
        Thread a = Threads.start(latch::countDown);
        Thread b = Threads.start(latch::countDown);
        ForeignPoller.await(latch.opened());
        a.join();
        b.join();
        assertEquals(0, latch.count());
        assertEquals("Latch(0 of 2 counts left)", latch.toString());
    }
}
