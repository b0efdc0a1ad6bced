package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static void pending(Future<Semaphore.Permit> f, CountingWaker w) {
        assertTrue(f.poll(w.context()).isPending(), "expected pending: " + f);
    }

    @Test
    void uncontendedAcquireIsReadyAtOnceAndAPermitClosedTwiceReleasesOnce() {
        Semaphore sem = new Semaphore(2);
        Future<Semaphore.Permit> f = sem.acquire();
        assertEquals(2, sem.availablePermits(), "nothing taken before the first poll");
        Semaphore.Permit p = ready(f, new CountingWaker());
        assertEquals(1, sem.availablePermits());
        assertEquals(1, p.permits());
        p.close();
        p.close();
        assertEquals(2, sem.availablePermits());
        Semaphore.Permit other = ready(sem.acquire(2), new CountingWaker());
        p.close();
        assertEquals(0, sem.availablePermits(), "a third close of the first permit took nothing back");
        other.close();
        assertEquals(2, sem.availablePermits());
    }

    @Test
    void waitersAreServedInTheOrderOfTheirFirstPollAndOnlyTheServedOneIsWoken() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = ready(sem.acquire(), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        CountingWaker wc = new CountingWaker();
        Future<Semaphore.Permit> a = sem.acquire();
        Future<Semaphore.Permit> b = sem.acquire();
        Future<Semaphore.Permit> c = sem.acquire();
        pending(a, wa);
        pending(b, wb);
        pending(c, wc);
        assertEquals(3, sem.waiters());
        assertNull(sem.tryAcquire(), "tryAcquire does not overtake waiters");

        held.close();
        assertEquals(1, wa.count());
        assertEquals(0, wb.count() + wc.count());
        pending(c, wc);         // a poll without a wake is harmless
        pending(b, wb);
        Semaphore.Permit pa = ready(a, wa);
        pa.close();
        assertEquals(1, wb.count());
        assertEquals(0, wc.count());
        ready(b, wb).close();
        assertEquals(1, wc.count());
        ready(c, wc).close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    @Test
    void theLatestWakerIsWoken() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = ready(sem.acquire(), new CountingWaker());
        Future<Semaphore.Permit> a = sem.acquire();
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        pending(a, first);
        pending(a, second);
        held.close();
        assertEquals(0, first.count());
        assertEquals(1, second.count());
    }

    @Test
    void aLargeRequestAtTheHeadHoldsBackLaterSmallOnes() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit two = ready(sem.acquire(2), new CountingWaker());
        CountingWaker wBig = new CountingWaker();
        CountingWaker wSmall = new CountingWaker();
        Future<Semaphore.Permit> big = sem.acquire(3);
        Future<Semaphore.Permit> small = sem.acquire(1);
        pending(big, wBig);
        pending(small, wSmall);         // one permit was free, but the head took it
        assertEquals(0, sem.availablePermits());
        assertNull(sem.tryAcquire());
        two.close();
        assertEquals(1, wBig.count());
        assertEquals(0, wSmall.count());
        Semaphore.Permit p = ready(big, wBig);
        assertEquals(3, p.permits());
        pending(small, wSmall);
        p.close();
        assertEquals(1, wSmall.count());
        ready(small, wSmall).close();
        assertEquals(3, sem.availablePermits());
    }

    /** Mutation: BatchSemaphore.cancel forgetting to release the handed permits fails here ("0 free"). */
    @Test
    void aServedWaiterCancelledBeforeItsPollHandsThePermitToTheNext() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = ready(sem.acquire(), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Semaphore.Permit> a = sem.acquire();
        Future<Semaphore.Permit> b = sem.acquire();
        pending(a, wa);
        pending(b, wb);
        held.close();                   // handed to a, which is woken...
        assertEquals(1, wa.count());
        a.cancel();                     // ...and cancelled before it took it
        assertEquals(1, wb.count(), "the permit went on to b");
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
        ready(b, wb).close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    @Test
    void aCancelledHeadGivesBackThePermitsItWasPartlyHanded() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit two = ready(sem.acquire(2), new CountingWaker());
        CountingWaker wBig = new CountingWaker();
        CountingWaker wSmall = new CountingWaker();
        Future<Semaphore.Permit> big = sem.acquire(3);
        Future<Semaphore.Permit> small = sem.acquire(1);
        pending(big, wBig);             // holds 1 of its 3
        pending(small, wSmall);
        big.cancel();
        assertEquals(1, wSmall.count(), "the permit the head held went to the next waiter");
        Semaphore.Permit p = ready(small, wSmall);
        assertEquals(0, sem.availablePermits());
        p.close();
        two.close();
        assertEquals(3, sem.availablePermits());
        assertEquals(0, wBig.count());
    }

    @Test
    void aCancelledWaiterTakesNothingAndLeavesTheQueue() {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = ready(sem.acquire(), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        Future<Semaphore.Permit> a = sem.acquire();
        pending(a, wa);
        a.cancel();
        assertEquals(0, sem.waiters());
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
        held.close();
        assertEquals(0, wa.count());
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
        ready(sem.acquire(3), new CountingWaker());
    }

    @Test
    void addedPermitsGoToWaitersFirst() {
        Semaphore sem = new Semaphore(0);
        sem.addPermits(1);
        Semaphore.Permit held = ready(sem.acquire(), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        Future<Semaphore.Permit> a = sem.acquire();
        pending(a, wa);
        sem.addPermits(1);
        assertEquals(1, wa.count());
        assertEquals(0, sem.availablePermits());
        ready(a, wa).close();
        held.close();
        assertEquals(2, sem.availablePermits());
        assertEquals(2, sem.permits());
    }

    @Test
    void aReleaseOfSeveralPermitsServesSeveralWaiters() {
        Semaphore sem = new Semaphore(3);
        Semaphore.Permit all = ready(sem.acquire(3), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Semaphore.Permit> a = sem.acquire(1);
        Future<Semaphore.Permit> b = sem.acquire(1);
        pending(a, wa);
        pending(b, wb);
        all.close();
        assertEquals(1, wa.count());
        assertEquals(1, wb.count());
        assertEquals(1, sem.availablePermits(), "the rest went to the count");
        ready(a, wa).close();
        ready(b, wb).close();
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void itSaysWhatItWaitsFor() {
        Semaphore sem = new Semaphore(20);
        Semaphore.Permit all = ready(sem.acquire(20), new CountingWaker());
        Future<Semaphore.Permit> a = sem.acquire();
        assertEquals("Semaphore.acquire(1) (not polled, 0 of 20 permits free, 0 waiting)", a.toString());
        pending(a, new CountingWaker());
        pending(sem.acquire(), new CountingWaker());
        pending(sem.acquire(2), new CountingWaker());
        assertEquals("Semaphore.acquire(1) (0 of 20 permits free, 3 waiting)", a.toString());
        assertEquals("Semaphore(0 of 20 permits free, 3 waiting)", sem.toString());
        assertEquals("Semaphore.acquire(20) (held)", all.toString());
        all.close();
        assertEquals("Semaphore.acquire(20) (released)", all.toString());
        a.cancel();
        assertEquals("Semaphore.acquire(1) (cancelled)", a.toString());
    }
}
