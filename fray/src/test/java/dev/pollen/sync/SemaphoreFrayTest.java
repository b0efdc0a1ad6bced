package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link BatchSemaphore}'s state word and queue under Fray (through {@link Semaphore} and
 * {@link Mutex}): releases, acquires and cancels from different threads lose no permit and no
 * wake-up. A lost wake-up leaves a poller blocked forever: Fray reports the deadlock.
 */
@ExtendWith(FrayTestExtension.class)
class SemaphoreFrayTest {

    /**
     * A release on one thread hands the permit to the head waiter while that waiter's owner
     * cancels it on another: whichever comes first, the permit ends with the next waiter, and
     * after it is closed the semaphore is whole and nobody is queued.
     *
     * <p>Mutation caught (iteration of the first failure in one run): BatchSemaphore.cancel
     * giving nothing back for a waiter that was served but not polled ("the second waiter was
     * woken once: 0", 0).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aReleaseRacingTheCancelOfTheWokenWaiterLosesNoPermit() throws InterruptedException {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = sem.tryAcquire();
        Future<Semaphore.Permit> first = sem.acquire();
        Future<Semaphore.Permit> second = sem.acquire();
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        assertTrue(first.poll(w1.context()).isPending());
        assertTrue(second.poll(w2.context()).isPending());
        Thread releaser = Threads.start(held::close);
        Thread owner = Threads.start(() -> {
            first.cancel();
            assertThrows(CancellationException.class, () -> first.poll(w1.context()));
        });
        releaser.join();
        owner.join();
        assertEquals(1, w2.count(), "the second waiter was woken once");
        assertTrue(second.poll(w2.context()).isReady(), "the permit went on to the second waiter");
        ((Semaphore.Permit) second).close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    /**
     * A thread's first poll of an acquire (fast path failing, then queueing under the lock)
     * races a release on another thread (fast path, one CAS, if it sees nobody queued): the
     * acquire gets the permit, now or by a wake-up.
     *
     * <p>Mutation caught: enqueue setting QUEUED with a plain volatile write instead of a CAS on
     * the state it read, so that a release's CAS in between is overwritten and its permit lost
     * (deadlock, under 100 iterations in each of two runs).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void anAcquireRacingAReleaseFromAnotherThreadIsWoken() throws InterruptedException {
        Semaphore sem = new Semaphore(1);
        Semaphore.Permit held = sem.tryAcquire();
        Thread releaser = Threads.start(held::close);
        Semaphore.Permit got = ForeignPoller.await(sem.acquire());
        releaser.join();
        assertNotNull(got);
        assertEquals(0, sem.availablePermits());
        got.close();
        assertEquals(1, sem.availablePermits());
        assertEquals(0, sem.waiters());
    }

    /**
     * Two threads lock a mutex twice each, polling on their own threads: never two holders,
     * every lock gets its turn, and the mutex ends unlocked with nobody queued.
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    @SuppressWarnings("try")    // the guard is held by the block, never named in it
    void twoThreadsTakingTheMutexInTurnNeverHoldItTogether() throws InterruptedException {
        Mutex mutex = new Mutex();
        AtomicInteger holders = new AtomicInteger();
        Runnable twice = () -> {
            for (int i = 0; i < 2; i++) {
                try (Mutex.Guard g = ForeignPoller.await(mutex.lock())) {
                    assertEquals(1, holders.incrementAndGet(), "two holders at once");
                    holders.decrementAndGet();
                }
            }
        };
        Thread a = Threads.start(twice);
        Thread b = Threads.start(twice);
        a.join();
        b.join();
        assertEquals("Mutex(free)", mutex.toString());
    }
}
