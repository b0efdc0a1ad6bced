package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The latch polled by hand: opens at the last count-down, waking every waiter once. */
class LatchTest {

    @Test
    void theLastCountDownWakesEveryWaiterAndTheLatchStaysOpen() {
        Latch latch = new Latch(2);
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Void> a = latch.opened();
        Future<Void> b = latch.opened();
        assertTrue(a.poll(wa.context()).isPending());
        assertTrue(b.poll(wb.context()).isPending());
        assertEquals("Latch.opened (2 of 2 counts left)", a.toString());
        latch.countDown();
        assertEquals(0, wa.count() + wb.count());
        assertEquals("Latch(1 of 2 counts left, 2 waiting)", latch.toString());
        latch.countDown();
        latch.countDown();      // ignored once open
        assertEquals(1, wa.count());
        assertEquals(1, wb.count());
        assertEquals(0, latch.count());
        assertTrue(a.poll(wa.context()).isReady());
        assertTrue(b.poll(wb.context()).isReady());
        assertTrue(latch.opened().poll(wa.context()).isReady());
        assertTrue(new Latch(0).opened().poll(wa.context()).isReady());
        assertThrows(IllegalArgumentException.class, () -> new Latch(-1));
    }

    @Test
    void aCancelledWaiterLeavesTheQueue() {
        Latch latch = new Latch(1);
        CountingWaker wa = new CountingWaker();
        Future<Void> a = latch.opened();
        a.poll(wa.context());
        a.cancel();
        assertEquals("Latch(1 of 1 counts left)", latch.toString());
        latch.countDown();
        assertEquals(0, wa.count());
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
    }
}
