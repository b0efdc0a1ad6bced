package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The mutex polled by hand: one holder, FIFO hand-over, a cancelled waiter hands the lock on. */
class MutexTest {

    private static Mutex.Guard locked(Future<Mutex.Guard> f, CountingWaker w) {
        Poll<Mutex.Guard> p = f.poll(w.context());
        assertTrue(p.isReady(), "expected the lock: " + f);
        return p.get();
    }

    @Test
    void oneHolderAtATimeHandedOverInOrder() {
        Mutex m = new Mutex();
        Mutex.Guard g = locked(m.lock(), new CountingWaker());
        assertTrue(m.isLocked());
        assertNull(m.tryLock());
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Mutex.Guard> a = m.lock();
        Future<Mutex.Guard> b = m.lock();
        assertTrue(a.poll(wa.context()).isPending());
        assertTrue(b.poll(wb.context()).isPending());
        assertEquals("Mutex.lock (held, 2 waiting)", a.toString());
        assertEquals("Mutex(held, 2 waiting)", m.toString());
        g.close();
        g.close();         // idempotent: does not unlock a's turn
        assertEquals(1, wa.count());
        assertEquals(0, wb.count());
        Mutex.Guard ga = locked(a, wa);
        assertTrue(b.poll(wb.context()).isPending());
        ga.close();
        locked(b, wb).close();
        assertFalse(m.isLocked());
        assertEquals("Mutex(free)", m.toString());
        Mutex.Guard t = m.tryLock();
        assertTrue(m.isLocked());
        t.close();
        assertFalse(m.isLocked());
    }

    @Test
    void aWaiterCancelledAfterTheLockWasHandedToItPassesItOn() {
        Mutex m = new Mutex();
        Mutex.Guard g = locked(m.lock(), new CountingWaker());
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Mutex.Guard> a = m.lock();
        Future<Mutex.Guard> b = m.lock();
        a.poll(wa.context());
        b.poll(wb.context());
        g.close();
        a.cancel();
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
        assertEquals(1, wb.count());
        locked(b, wb).close();
        assertFalse(m.isLocked());
        assertEquals(0, m.waiters());
    }
}
