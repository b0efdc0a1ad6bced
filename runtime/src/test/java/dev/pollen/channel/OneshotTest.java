package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Oneshot} polled by hand. */
class OneshotTest {

    private final ByHand hand = new ByHand();

    @Test
    void aWaitingReceiveIsWokenAndGetsTheSameObject() {
        Oneshot<String> o = Oneshot.create();
        Future<String> r = o.receive();
        assertTrue(hand.poll(r).isPending());
        String v = new String("v");
        assertTrue(o.send(v));
        assertEquals(1, hand.wakes());
        assertSame(v, hand.poll(r).get());
        assertFalse(o.send("again"), "sent once");
        assertTrue(o.isSent());
    }

    @Test
    void aValueSentBeforeTheReceiveIsReadyAtOnce() {
        Oneshot<Integer> o = Oneshot.create();
        assertTrue(o.send(7));
        assertEquals(7, hand.poll(o.receive()).get());
    }

    @Test
    void closingWithoutAValueEndsTheReceiveWithNullAndRefusesSends() {
        Oneshot<Integer> o = Oneshot.create();
        Future<Integer> r = o.receive();
        assertTrue(hand.poll(r).isPending());
        o.close();
        o.close();
        assertEquals(1, hand.wakes());
        assertNull(hand.poll(r).get());
        assertFalse(o.send(1));
        assertTrue(o.isClosed());
    }

    @Test
    void aValueSentBeforeTheCloseCanStillBeReceived() {
        Oneshot<Integer> o = Oneshot.create();
        assertTrue(o.send(1));
        o.close();
        assertEquals(1, hand.poll(o.receive()).get());
    }

    @Test
    void aCancelledReceiveTakesNothingAndALaterReceiveGetsTheValue() {
        Oneshot<Integer> o = Oneshot.create();
        Future<Integer> r = o.receive();
        assertTrue(hand.poll(r).isPending());
        assertTrue(o.send(1));     // r woken, not yet polled
        r.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(r));
        assertEquals(1, hand.poll(o.receive()).get());
    }

    @Test
    void misuseFailsWithAClearMessage() {
        Oneshot<Integer> o = Oneshot.create();
        Future<Integer> first = o.receive();
        assertTrue(hand.poll(first).isPending());
        IllegalStateException two = assertThrows(IllegalStateException.class, () -> hand.poll(o.receive()));
        assertTrue(two.getMessage().contains("one receiver"), two.getMessage());
        assertTrue(o.send(1));
        assertEquals(1, hand.poll(first).get());
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> hand.poll(first)).getMessage());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> hand.poll(o.receive()));
        assertTrue(again.getMessage().contains("already received"), again.getMessage());
        assertThrows(NullPointerException.class, () -> o.send(null));
    }

    @Test
    void futuresSayWhatTheyWaitFor() {
        Oneshot<Integer> o = Oneshot.create();
        Future<Integer> r = o.receive();
        assertEquals("Oneshot.receive [not started] (empty)", r.toString());
        assertTrue(hand.poll(r).isPending());
        assertEquals("Oneshot.receive (empty, a receive waiting)", r.toString());
        o.send(1);
        assertEquals("Oneshot (value sent)", o.toString());
        hand.poll(r);
        assertEquals("Oneshot.receive [done] (received)", r.toString());
    }
}
