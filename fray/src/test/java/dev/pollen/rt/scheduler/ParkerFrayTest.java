package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link Parker} under Fray: every interleaving of the owner's {@code park} with other
 * threads' {@code unpark}, foreign {@code LockSupport.unpark} and interrupts that Fray's
 * scheduler picks. A lost wake-up leaves the owner parked with nobody left to wake it, which
 * Fray reports as a deadlock. The test's thread is the owner.
 */
@ExtendWith(FrayTestExtension.class)
class ParkerFrayTest {

    /**
     * Two threads each publish an event, then unpark; the owner parks whenever it has seen
     * every published event, until both are in. Each unpark may land before, during or after
     * the park that waits for it.
     *
     * <p>Mutations caught (iteration of the first failure in one run): unpark on EMPTY
     * not setting NOTIFIED (a read, then a CAS from PARKED only: deadlock, 12); park's EMPTY ->
     * PARKED as a read then a write instead of a CAS, so a NOTIFIED written in between is
     * overwritten (deadlock, 23; 123 in another run).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void noUnparkIsLost() throws InterruptedException {
        Parker parker = new Parker(Thread.currentThread());
        AtomicInteger events = new AtomicInteger();
        Thread a = Threads.start(() -> {
            events.incrementAndGet();
            parker.unpark();
        });
        Thread b = Threads.start(() -> {
            events.incrementAndGet();
            parker.unpark();
        });
        int seen = 0;
        while (seen < 2) {
            int now = events.get();
            if (now == seen) {
                parker.park();
            }
            seen = now;
        }
        a.join();
        b.join();
    }

    /**
     * {@code LockSupport.unpark(owner)} from a thread that is not using the parker, and
     * interrupts, do not end a park: it returns only after {@code unpark()}, and an interrupt
     * that arrived meanwhile is reported (or still pending on the thread), never swallowed.
     *
     * <p>Mutations caught (iteration of the first failure in one run): park's sleep loop
     * that ends at any return of {@code LockSupport.park}, so a foreign unpark ends it
     * (assertion, 7); park clearing the interrupt without reporting it (assertion, 5).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void onlyUnparkEndsAParkAndInterruptsAreKept() throws InterruptedException {
        Thread owner = Thread.currentThread();
        Parker parker = new Parker(owner);
        AtomicBoolean event = new AtomicBoolean();
        Thread nuisance = Threads.start(() -> {
            LockSupport.unpark(owner);
            owner.interrupt();
            LockSupport.unpark(owner);
        });
        Thread waker = Threads.start(() -> {
            event.set(true);
            parker.unpark();
        });
        boolean interrupted = parker.park();
        assertTrue(event.get(), "park returned before unpark()");
        interrupted |= Threads.joinUninterruptibly(nuisance);
        interrupted |= Threads.joinUninterruptibly(waker);
        assertTrue(interrupted | Thread.interrupted(), "the interrupt was lost");
    }
}
