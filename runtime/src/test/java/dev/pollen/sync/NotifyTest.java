package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** Notify polled by hand: one permit stored, notifyOne wakes the head only, notifyWaiters all. */
class NotifyTest {

    private final CountingWaker wa = new CountingWaker();
    private final CountingWaker wb = new CountingWaker();

    @Test
    void notifyOneWithNobodyWaitingStoresOnePermit() {
        Notify n = new Notify();
        n.notifyOne();
        n.notifyOne();
        assertTrue(n.hasPermit());
        assertEquals("Notify(permit stored)", n.toString());
        assertTrue(n.notified().poll(wa.context()).isReady());
        assertFalse(n.hasPermit());
        assertTrue(n.notified().poll(wa.context()).isPending(), "only one permit was stored");
    }

    @Test
    void notifyOneWakesTheLongestWaiterOnly() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        assertTrue(a.poll(wa.context()).isPending());
        assertTrue(b.poll(wb.context()).isPending());
        assertEquals("Notify.notified (2 waiting)", a.toString());
        n.notifyOne();
        assertEquals(1, wa.count());
        assertEquals(0, wb.count());
        assertTrue(a.poll(wa.context()).isReady());
        assertTrue(b.poll(wb.context()).isPending());
        assertFalse(n.hasPermit());
        n.notifyOne();
        assertTrue(b.poll(wb.context()).isReady());
        assertThrows(IllegalStateException.class, () -> b.poll(wb.context()));
    }

    @Test
    void notifyWaitersCompletesTheFuturesCreatedBeforeItPolledOrNotAndStoresNothing() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        Future<Void> unpolled = n.notified();
        assertTrue(a.poll(wa.context()).isPending());
        n.notifyWaiters();
        assertEquals(1, wa.count());
        assertTrue(a.poll(wa.context()).isReady());
        assertTrue(unpolled.poll(wb.context()).isReady());
        assertFalse(n.hasPermit());
        assertTrue(n.notified().poll(wb.context()).isPending(), "a future created after it waits");
    }

    /** Mutation: Notified.cancel not passing on a notifyOne it had taken fails here. */
    @Test
    void aCancelledWaiterPassesANotifyOneItTookToTheNextWaiterOrThePermit() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        a.poll(wa.context());
        b.poll(wb.context());
        n.notifyOne();
        a.cancel();
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
        assertEquals(1, wb.count());
        assertTrue(b.poll(wb.context()).isReady());

        Future<Void> c = n.notified();
        c.poll(wa.context());
        n.notifyOne();
        c.cancel();
        assertTrue(n.hasPermit(), "nobody else waited: the notification is stored");
    }

    @Test
    void aCancelledWaiterLeavesTheQueueAndANotifyWaitersIsNotPassedOn() {
        Notify n = new Notify();
        Future<Void> a = n.notified();
        a.poll(wa.context());
        a.cancel();
        assertEquals(0, n.waiters());
        n.notifyOne();
        assertEquals(0, wa.count());
        assertTrue(n.hasPermit(), "the cancelled waiter was not chosen");

        Notify m = new Notify();
        Future<Void> b = m.notified();
        b.poll(wb.context());
        m.notifyWaiters();
        b.cancel();
        assertFalse(m.hasPermit());
    }
}
