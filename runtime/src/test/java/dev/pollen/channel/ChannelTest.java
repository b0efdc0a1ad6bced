package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Channel} polled by hand: order, waiting, closing, cancellation, misuse, descriptions. */
class ChannelTest {

    private final ByHand hand = new ByHand();

    @Test
    void messagesAreReceivedInOrderAndAreTheSameObjects() {
        Channel<String> ch = Channel.bounded(4);
        String a = new String("a");
        String b = new String("b");
        assertNull(hand.ready(ch.send(a)));
        assertTrue(ch.trySend(b));
        assertEquals(2, ch.size());
        assertSame(a, hand.ready(ch.receive()));
        assertSame(b, ch.tryReceive());
        assertNull(ch.tryReceive());
        assertEquals(0, ch.size());
    }

    @Test
    void aFutureDoesNothingUntilPolled() {
        Channel<String> ch = Channel.bounded(1);
        ch.send("a");
        ch.receive();
        assertEquals(0, ch.size());
        assertEquals("Channel (bounded 1, empty)", ch.toString());
    }

    @Test
    void aSendToAFullChannelWaitsAndAReceiveFreesASlotForIt() {
        Channel<Integer> ch = Channel.bounded(2);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertFalse(ch.trySend(99));
        Future<Void> s3 = ch.send(3);
        Future<Void> s4 = ch.send(4);
        hand.pending(s3);
        hand.pending(s4);
        assertEquals(1, hand.ready(ch.receive()));
        assertEquals(1, hand.wakes(), "the first waiting sender is woken");
        assertFalse(ch.trySend(99), "the slot is reserved for it");
        assertEquals(1, ch.size());
        assertNull(hand.ready(s3));
        assertEquals(2, ch.size(), "its own poll put its message in");
        hand.pending(s4);
        assertEquals(List.of(2, 3), List.of(ch.tryReceive(), hand.ready(ch.receive())));
        assertNull(hand.ready(s4));
        assertEquals(4, hand.ready(ch.receive()));
    }

    @Test
    void aWaitingReceiveIsHandedTheNextMessageAndWoken() {
        Channel<String> ch = Channel.unbounded();
        Future<String> r1 = ch.receive();
        Future<String> r2 = ch.receive();
        hand.pending(r1);
        hand.pending(r2);
        String m = new String("m");
        assertTrue(ch.trySend(m));
        assertEquals(1, hand.wakes());
        assertEquals(0, ch.size(), "handed, not buffered");
        assertNull(hand.ready(ch.send("n")));
        assertSame(m, hand.ready(r1));
        assertEquals("n", hand.ready(r2));
    }

    @Test
    void anUnboundedSendNeverWaits() {
        Channel<Integer> ch = Channel.unbounded();
        for (int i = 0; i < 1000; i++) {
            assertNull(hand.ready(ch.send(i)));
        }
        assertEquals(1000, ch.size());
        assertEquals(Integer.MAX_VALUE, ch.capacity());
    }

    @Test
    void closingFailsWaitingAndLaterSendsAndLetsReceiversDrain() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> waiting = ch.send(2);
        hand.pending(waiting);
        ch.close();
        ch.close();
        assertTrue(ch.isClosed());
        assertEquals(1, hand.wakes());
        assertThrows(ChannelClosedException.class, () -> hand.poll(waiting));
        assertThrows(ChannelClosedException.class, () -> hand.poll(ch.send(3)));
        assertThrows(ChannelClosedException.class, () -> ch.trySend(4));
        assertEquals(1, hand.ready(ch.receive()));
        assertNull(hand.ready(ch.receive()));
        assertNull(hand.ready(ch.receive()));
        assertNull(ch.tryReceive());
    }

    @Test
    void closingEndsTheReceivesWaitingOnAnEmptyChannel() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        Future<Integer> r2 = ch.receive();
        hand.pending(r1);
        hand.pending(r2);
        ch.close();
        assertEquals(2, hand.wakes());
        assertNull(hand.ready(r1));
        assertNull(hand.ready(r2));
    }

    @Test
    void aCancelledWaitingReceiveTakesNothing() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r = ch.receive();
        hand.pending(r);
        r.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(r));
        assertTrue(ch.trySend(1));
        assertEquals(1, ch.size());
        assertEquals(1, ch.tryReceive());
    }

    @Test
    void aMessageHandedToAReceiveCancelledBeforeTakingItGoesToTheNextReceiver() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        Future<Integer> r2 = ch.receive();
        hand.pending(r1);
        hand.pending(r2);
        assertTrue(ch.trySend(1));
        r1.cancel();
        assertEquals(2, hand.wakes(), "r1 woken by the send, r2 by the hand-back");
        assertThrows(CancellationException.class, () -> hand.poll(r1));
        assertEquals(1, hand.ready(r2));
        assertEquals(0, ch.size());
    }

    @Test
    void aMessageHandedToAReceiveCancelledBeforeTakingItIsReceivedNext() {
        Channel<Integer> ch = Channel.bounded(2);
        Future<Integer> r = ch.receive();
        hand.pending(r);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertTrue(ch.trySend(3));
        r.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(r));
        assertEquals(3, ch.size(), "one over capacity: the handed-back message is not dropped");
        assertFalse(ch.trySend(4));
        Future<Void> s = ch.send(4);
        hand.pending(s);
        assertEquals(1, ch.tryReceive(), "the handed-back message is received first");
        hand.pending(s); // still no room: 2 of 2
        assertEquals(2, hand.ready(ch.receive()));
        assertNull(hand.ready(s));
        assertEquals(List.of(3, 4), List.of(ch.tryReceive(), ch.tryReceive()));
    }

    @Test
    void aCancelledWaitingSendDeliversNothingAndGivesUpItsPlace() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s2 = ch.send(2);
        Future<Void> s3 = ch.send(3);
        hand.pending(s2);
        hand.pending(s3);
        s2.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(s2));
        assertEquals(1, ch.tryReceive());
        assertNull(hand.ready(s3));
        assertEquals(3, ch.tryReceive());
        assertNull(ch.tryReceive());
    }

    @Test
    void aSendWokenWithAFreedSlotAndCancelledBeforeItsPollDeliversNothingAndPassesTheSlotOn() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s2 = ch.send(2);
        Future<Void> s3 = ch.send(3);
        hand.pending(s2);
        hand.pending(s3);
        assertEquals(1, ch.tryReceive());
        assertEquals(1, hand.wakes());
        s2.cancel();
        assertEquals(2, hand.wakes(), "s3 woken with the slot");
        assertThrows(CancellationException.class, () -> hand.poll(s2));
        assertNull(hand.ready(s3));
        assertEquals(3, ch.tryReceive());
        assertNull(ch.tryReceive());
    }

    @Test
    void aSendWokenWithAFreedSlotHandsItsMessageToAReceiverThatCameMeanwhile() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s = ch.send(2);
        Future<Void> next = ch.send(3);
        hand.pending(s);
        hand.pending(next);
        assertEquals(1, ch.tryReceive());
        Future<Integer> r = ch.receive();
        hand.pending(r);                 // the buffer is empty: the receiver waits for the woken sender
        int wakes = hand.wakes();
        assertNull(hand.ready(s));
        assertEquals(wakes + 2, hand.wakes(), "the receiver, and the next sender: the slot is still free");
        assertEquals(2, hand.ready(r), "handed straight to the receiver that came meanwhile");
        assertNull(hand.ready(next));
        assertEquals(1, ch.size());
    }

    @Test
    void aSendWokenWithAFreedSlotFailsIfTheChannelClosedBeforeItsPoll() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s = ch.send(2);
        hand.pending(s);
        assertEquals(1, ch.tryReceive());
        ch.close();
        assertThrows(ChannelClosedException.class, () -> hand.poll(s));
        assertNull(hand.ready(ch.receive()));
    }

    @Test
    void cancellingBeforeTheFirstPollSendsAndTakesNothing() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Void> s = ch.send(1);
        s.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(s));
        assertTrue(ch.trySend(2));
        Future<Integer> r = ch.receive();
        r.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(r));
        assertEquals(1, ch.size());
    }

    @Test
    void aSendWaitingAtTheCloseThatIsCancelledReportsTheCancel() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s = ch.send(2);
        hand.pending(s);
        ch.close();
        s.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(s));
    }

    @Test
    void afterTheCloseReceiversWaitWhileAHandedMessageMayStillComeBack() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        hand.pending(r1);
        assertTrue(ch.trySend(1)); // handed to r1, not yet taken
        ch.close();
        Future<Integer> r2 = ch.receive();
        hand.pending(r2);
        r1.cancel();               // the message comes back: r2 gets it instead of the end
        assertThrows(CancellationException.class, () -> hand.poll(r1));
        assertEquals(1, hand.ready(r2));
        assertNull(hand.ready(ch.receive()));
    }

    @Test
    void theReceiveThatTakesTheLastHandedMessageAfterTheCloseEndsTheOthers() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        hand.pending(r1);
        assertTrue(ch.trySend(1));
        ch.close();
        Future<Integer> r2 = ch.receive();
        hand.pending(r2);
        int wakes = hand.wakes();
        assertEquals(1, hand.ready(r1));
        assertEquals(wakes + 1, hand.wakes(), "r2 woken");
        assertNull(hand.ready(r2));
    }

    @Test
    void pollingAfterCompletionFailsAndCancelAfterCompletionIsIgnored() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Void> s = ch.send(1);
        hand.ready(s);
        s.cancel();
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> hand.poll(s)).getMessage());
        Future<Integer> r = ch.receive();
        assertEquals(1, hand.ready(r));
        r.cancel();
        assertEquals(1 - 1, ch.size());
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> hand.poll(r)).getMessage());
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        Channel<String> ch = Channel.unbounded();
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(NullPointerException.class, () -> ch.trySend(null));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Channel.bounded(0));
        assertTrue(zero.getMessage().contains("rendezvous"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(-1));
    }

    @Test
    void futuresSayWhatTheyWaitFor() {
        Channel<Integer> ch = Channel.bounded(2);
        Future<Integer> r = ch.receive();
        assertEquals("Channel.receive [not started] (bounded 2, empty)", r.toString());
        hand.pending(r);
        assertEquals("Channel.receive (bounded 2, empty, 1 receiver waiting)", r.toString());
        assertTrue(ch.trySend(0));
        assertEquals("Channel.receive [message ready] (bounded 2, empty, 1 handed to receivers)", r.toString());
        hand.ready(r);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        Future<Void> s1 = ch.send(3);
        Future<Void> s2 = ch.send(4);
        hand.pending(s1);
        hand.pending(s2);
        assertEquals("Channel.send (bounded 2, 2 buffered, 2 senders waiting)", s1.toString());
        ch.close();
        assertEquals("Channel.send [closed] (bounded 2, 2 buffered, closed)", s1.toString());
        assertEquals(1, ch.tryReceive());
        Future<Void> s3 = ch.send(5);
        assertThrows(ChannelClosedException.class, () -> hand.poll(s3));
        assertEquals("Channel.send [done] (bounded 2, 1 buffered, closed)", s3.toString());
        assertEquals("Channel (unbounded, empty)", Channel.unbounded().toString());
    }
}
