package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Watch} polled by hand. */
class WatchTest {

    private final ByHand hand = new ByHand();

    @Test
    void changedWaitsForTheNextSetAndReturnsTheLatestValue() {
        Watch<String> w = Watch.create("a");
        Watch.Receiver<String> r = w.subscribe();
        Future<String> c = r.changed();
        assertTrue(hand.poll(c).isPending());
        assertEquals("Watch.changed (saw version 0; version 0, 1 waiting)", c.toString());
        w.set("b");
        w.set("c");
        assertEquals(1, hand.wakes());
        assertEquals("c", hand.ready(c), "the latest value; the ones between are not queued");
        assertTrue(hand.poll(r.changed()).isPending(), "seen");
        assertEquals("c", r.get());
        assertEquals("c", w.get());
    }

    @Test
    void aChangeBeforeTheCallIsReportedAtOnce() {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> r = w.subscribe();
        w.set(1);
        assertEquals(1, hand.ready(r.changed()));
    }

    @Test
    void aCancelledChangedMarksNothingSeen() {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> r = w.subscribe();
        Future<Integer> c = r.changed();
        assertTrue(hand.poll(c).isPending());
        w.set(1);
        c.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(c));
        assertEquals(1, hand.ready(r.changed()));
    }

    @Test
    void closingEndsWaitersAfterTheLastUnseenChange() {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> behind = w.subscribe();
        Watch.Receiver<Integer> waiting = w.subscribe();
        Future<Integer> c = waiting.changed();
        assertTrue(hand.poll(c).isPending());
        w.set(1);
        assertEquals(1, hand.ready(c));
        Future<Integer> next = waiting.changed();
        assertTrue(hand.poll(next).isPending());
        w.close();
        assertNull(hand.ready(next));
        assertEquals(1, hand.ready(behind.changed()), "the unseen change first");
        assertNull(hand.ready(behind.changed()));
        assertThrows(ChannelClosedException.class, () -> w.set(2));
        assertThrows(NullPointerException.class, () -> Watch.create(null));
    }
}
