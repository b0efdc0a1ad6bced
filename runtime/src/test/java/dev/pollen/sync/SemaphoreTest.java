package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The semaphore polled by hand with counting wakers: FIFO order, exact wake-ups, cancel hands on. */
class SemaphoreTest {

    private static Semaphore.Permit ready(Future<Semaphore.Permit> f, CountingWaker w) {
        Poll<Semaphore.Permit> p = f.poll(w.context());
        assertTrue(p.isReady(), "expected ready: " + f);
        assertSame(f, p.get(), "the future is the permit");
        return p.get();
    }

    private static Semaphore.Permit take(Future<Semaphore.Permit> f) {
        return ready(f, new CountingWaker());
    }

    /** An acquire polled once, pending, with its own counting waker. */
    private static final class Waiting {
        final Future<Semaphore.Permit> future;
        final CountingWaker waker = new CountingWaker();

        Waiting(Future<Semaphore.Permit> future) {
            this.future = future;
            stillPending();
        }

        void stillPending() {
            assertTrue(future.poll(waker.context()).isPending(), "expected pending: " + future);
        }

        int wakes() {
            return waker.count();
        }

        Semaphore.Permit take() {
            return ready(future, waker);
        }

        void cancelledOnItsNextPoll() {
            assertThrows(CancellationException.class, () -> future.poll(waker.context()));
        }
    }

    @Test
    void uncontendedAcquireIsReadyAtOnceAndAPermitClosedTwiceReleasesOnce() {
        Semaphore sem = new Semaphore(2);
        Future<Semaphore.Permit> f = sem.acquire();
        assertEquals(2, sem.availablePermits(), "nothing taken before the first poll");
        Semaphore.Permit p = take(f);
        assertEquals(1, sem.availablePermits());
        assertEquals(1, p.permits());
        p.close();
        p.close();
        assertEquals(2, sem.availablePermits());
        Semaphore.Permit other = take(sem.acquire(2));
        p.close();
        assertEquals(0, sem.availablePermits(), "a third close of the first permit took nothing back");
        other.close();
        assertEquals(2, sem.availablePermits());
    }

    @Test
    void waitersAreServedInTheOrderOfTheirFirstPollAndOnlyTheServedOneIsWoken() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = take(sem.acquire());
        Waiting a = new Waiting(sem.acquire());
        Waiting b = new Waiting(sem.acquire());
        Waiting c = new Waiting(sem.acquire());
        assertEquals(3, sem.waiters());
        assertNull(sem.tryAcquire(), "tryAcquire does not overtake waiters");

        held.close();
        assertEquals(1, a.wakes());
        assertEquals(0, b.wakes() + c.wakes());
        c.stillPending();       // a poll without a wake is harmless
        b.stillPending();
        a.take().close();
        assertEquals(1, b.wakes());
        assertEquals(0, c.wakes());
        b.take().close();
        assertEquals(1, c.wakes());
        c.take().close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    @Test
    void theLatestWakerIsWoken() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = take(sem.acquire());
        Waiting a = new Waiting(sem.acquire());
        CountingWaker second = new CountingWaker();
        assertTrue(a.future.poll(second.context()).isPending());
        held.close();
        assertEquals(0, a.wakes());
        assertEquals(1, second.count());
    }

    @Test
    void aLargeRequestAtTheHeadHoldsBackLaterSmallOnes() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit two = take(sem.acquire(2));
        Waiting big = new Waiting(sem.acquire(3));
        Waiting small = new Waiting(sem.acquire(1));    // one permit was free, but the head took it
        assertEquals(0, sem.availablePermits());
        assertNull(sem.tryAcquire());
        two.close();
        assertEquals(1, big.wakes());
        assertEquals(0, small.wakes());
        Semaphore.Permit p = big.take();
        assertEquals(3, p.permits());
        small.stillPending();
        p.close();
        assertEquals(1, small.wakes());
        small.take().close();
        assertEquals(3, sem.availablePermits());
    }

    /** Mutation: BatchSemaphore.cancel giving nothing back for a served waiter fails here ("the permit went on to b"). */
    @Test
    void aServedWaiterCancelledBeforeItsPollHandsThePermitToTheNext() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = take(sem.acquire());
        Waiting a = new Waiting(sem.acquire());
        Waiting b = new Waiting(sem.acquire());
        held.close();                   // handed to a, which is woken...
        assertEquals(1, a.wakes());
        a.future.cancel();              // ...and cancelled before it took it
        assertEquals(1, b.wakes(), "the permit went on to b");
        a.cancelledOnItsNextPoll();
        b.take().close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    /** Mutation: Acquire.leave not calling BatchSemaphore.cancel fails here and in the next test. */
    @Test
    void aCancelledHeadGivesBackThePermitsItWasPartlyHanded() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit two = take(sem.acquire(2));
        Waiting big = new Waiting(sem.acquire(3));      // holds 1 of its 3
        Waiting small = new Waiting(sem.acquire(1));
        big.future.cancel();
        assertEquals(1, small.wakes(), "the permit the head held went to the next waiter");
        Semaphore.Permit p = small.take();
        assertEquals(0, sem.availablePermits());
        p.close();
        two.close();
        assertEquals(3, sem.availablePermits());
        assertEquals(0, big.wakes());
    }

    @Test
    void aCancelledWaiterTakesNothingAndLeavesTheQueue() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = take(sem.acquire());
        Waiting a = new Waiting(sem.acquire());
        a.future.cancel();
        assertEquals(0, sem.waiters());
        a.cancelledOnItsNextPoll();
        held.close();
        assertEquals(0, a.wakes());
        assertEquals(1, sem.availablePermits());
        assertNotNull(sem.tryAcquire(), "the queue is empty again: no stale QUEUED flag");
    }

    @Test
    void theFutureFollowsThePollingProtocol() {
        Semaphore sem = new Semaphore(1);
        CountingWaker w = new CountingWaker();
        Future<Semaphore.Permit> unpolled = sem.acquire();
        unpolled.cancel();
        assertThrows(CancellationException.class, () -> unpolled.poll(w.context()));
        assertThrows(IllegalStateException.class, () -> unpolled.poll(w.context()));
        assertEquals(1, sem.availablePermits());

        Future<Semaphore.Permit> f = sem.acquire();
        Semaphore.Permit p = ready(f, w);
        f.cancel();                     // ignored after completion: still held
        assertEquals(0, sem.availablePermits());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> f.poll(w.context()));
        assertEquals("polled after completion", again.getMessage());
        p.close();
        assertEquals(1, sem.availablePermits());
    }

    @Test
    void aRequestThatCouldNeverSucceedIsRefusedAtTheCall() {
        Semaphore sem = new Semaphore(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sem.acquire(3));
        assertTrue(e.getMessage().contains("only 2 permits"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sem.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> sem.tryAcquire(3));
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        sem.addPermits(1);
        take(sem.acquire(3));
    }

    @Test
    void addedPermitsGoToWaitersFirst() {
        Semaphore sem = new Semaphore(0);
        sem.addPermits(1);
        Semaphore.Permit held = take(sem.acquire());
        Waiting a = new Waiting(sem.acquire());
        sem.addPermits(1);
        assertEquals(1, a.wakes());
        assertEquals(0, sem.availablePermits());
        a.take().close();
        held.close();
        assertEquals(2, sem.availablePermits());
        assertEquals(2, sem.permits());
    }

    @Test
    void aReleaseOfSeveralPermitsServesSeveralWaiters() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit all = take(sem.acquire(3));
        Waiting a = new Waiting(sem.acquire(1));
        Waiting b = new Waiting(sem.acquire(1));
        all.close();
        assertEquals(1, a.wakes());
        assertEquals(1, b.wakes());
        assertEquals(1, sem.availablePermits(), "the rest went to the count");
        a.take().close();
        b.take().close();
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void aThrowingWakerLosesNoPermit() {
        Semaphore sem = new Semaphore(2);
        Semaphore.Permit all = take(sem.acquire(2));
        Future<Semaphore.Permit> a = sem.acquire(1);
        IllegalStateException broken = new IllegalStateException("broken waker");
        assertTrue(a.poll(Context.from(() -> {
            throw broken;
        })).isPending());
        Waiting b = new Waiting(sem.acquire(1));
        assertSame(broken, assertThrows(IllegalStateException.class, all::close));
        assertEquals(1, b.wakes(), "the permit after the throwing waker's still went on");
        b.take().close();
        ready(a, new CountingWaker()).close();
        assertEquals(2, sem.availablePermits());
    }

    @Test
    void itSaysWhatItWaitsFor() {
        Semaphore sem = new Semaphore(20);
        Semaphore.Permit all = take(sem.acquire(20));
        Future<Semaphore.Permit> a = sem.acquire();
        assertEquals("Semaphore.acquire(1) (not polled, 0 of 20 permits free, 0 waiting)", a.toString());
        new Waiting(a);
        new Waiting(sem.acquire());
        new Waiting(sem.acquire(2));
        assertEquals("Semaphore.acquire(1) (0 of 20 permits free, 3 waiting)", a.toString());
        assertEquals("Semaphore(0 of 20 permits free, 3 waiting)", sem.toString());
        assertEquals("Semaphore.acquire(20) (held)", all.toString());
        all.close();
        assertEquals("Semaphore.acquire(20) (released)", all.toString());
        assertEquals("Semaphore.acquire(1) (served)", a.toString());
        a.cancel();
        assertEquals("Semaphore.acquire(1) (cancelled)", a.toString());
    }
}
