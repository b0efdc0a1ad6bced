package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.testkit.CountingWaker;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Channel} polled by hand: order, waiting, closing, cancellation, misuse, descriptions. */
class ChannelTest {

    private final CountingWaker waker = new CountingWaker();

    private <T> Poll<T> poll(Future<T> f) {
        return f.poll(waker.context());
    }

    private <T> T ready(Future<T> f) {
        Poll<T> p = poll(f);
        assertTrue(p.isReady(), f + " is pending");
        return p.get();
    }

    private void pending(Future<?> f) {
        assertTrue(poll(f).isPending(), f + " is ready");
    }

    @Test
    void messagesAreReceivedInOrderAndAreTheSameObjects() {
        Channel<String> ch = Channel.bounded(4);
        String a = new String("a");
        String b = new String("b");
        assertNull(ready(ch.send(a)));
        assertTrue(ch.trySend(b));
        assertEquals(2, ch.size());
        assertSame(a, ready(ch.receive()));
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
    void aSendToAFullChannelWaitsAndAReceiveMovesItsMessageIn() {
        Channel<Integer> ch = Channel.bounded(2);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertFalse(ch.trySend(99));
        Future<Void> s3 = ch.send(3);
        Future<Void> s4 = ch.send(4);
        pending(s3);
        pending(s4);
        assertEquals(1, ready(ch.receive()));
        assertEquals(1, waker.count(), "the first waiting sender is woken");
        assertEquals(2, ch.size(), "its message took the room");
        assertNull(ready(s3));
        pending(s4);
        assertEquals(List.of(2, 3), List.of(ch.tryReceive(), ready(ch.receive())));
        assertNull(ready(s4));
        assertEquals(4, ready(ch.receive()));
    }

    @Test
    void aWaitingReceiveIsHandedTheNextMessageAndWoken() {
        Channel<String> ch = Channel.unbounded();
        Future<String> r1 = ch.receive();
        Future<String> r2 = ch.receive();
        pending(r1);
        pending(r2);
        String m = new String("m");
        assertTrue(ch.trySend(m));
        assertEquals(1, waker.count());
        assertEquals(0, ch.size(), "handed, not buffered");
        assertNull(ready(ch.send("n")));
        assertSame(m, ready(r1));
        assertEquals("n", ready(r2));
    }

    @Test
    void anUnboundedSendNeverWaits() {
        Channel<Integer> ch = Channel.unbounded();
        for (int i = 0; i < 1000; i++) {
            assertNull(ready(ch.send(i)));
        }
        assertEquals(1000, ch.size());
        assertEquals(Integer.MAX_VALUE, ch.capacity());
    }

    @Test
    void closingFailsWaitingAndLaterSendsAndLetsReceiversDrain() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> waiting = ch.send(2);
        pending(waiting);
        ch.close();
        ch.close();
        assertTrue(ch.isClosed());
        assertEquals(1, waker.count());
        assertThrows(ChannelClosedException.class, () -> poll(waiting));
        assertThrows(ChannelClosedException.class, () -> poll(ch.send(3)));
        assertThrows(ChannelClosedException.class, () -> ch.trySend(4));
        assertEquals(1, ready(ch.receive()));
        assertNull(ready(ch.receive()));
        assertNull(ready(ch.receive()));
        assertNull(ch.tryReceive());
    }

    @Test
    void closingEndsTheReceivesWaitingOnAnEmptyChannel() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        Future<Integer> r2 = ch.receive();
        pending(r1);
        pending(r2);
        ch.close();
        assertEquals(2, waker.count());
        assertNull(ready(r1));
        assertNull(ready(r2));
    }

    @Test
    void aCancelledWaitingReceiveTakesNothing() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r = ch.receive();
        pending(r);
        r.cancel();
        assertThrows(CancellationException.class, () -> poll(r));
        assertTrue(ch.trySend(1));
        assertEquals(1, ch.size());
        assertEquals(1, ch.tryReceive());
    }

    @Test
    void aMessageHandedToAReceiveCancelledBeforeTakingItGoesToTheNextReceiver() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        Future<Integer> r2 = ch.receive();
        pending(r1);
        pending(r2);
        assertTrue(ch.trySend(1));
        r1.cancel();
        assertEquals(2, waker.count(), "r1 woken by the send, r2 by the hand-back");
        assertThrows(CancellationException.class, () -> poll(r1));
        assertEquals(1, ready(r2));
        assertEquals(0, ch.size());
    }

    @Test
    void aMessageHandedToAReceiveCancelledBeforeTakingItIsReceivedNext() {
        Channel<Integer> ch = Channel.bounded(2);
        Future<Integer> r = ch.receive();
        pending(r);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        assertTrue(ch.trySend(3));
        r.cancel();
        assertThrows(CancellationException.class, () -> poll(r));
        assertEquals(3, ch.size(), "one over capacity: the handed-back message is not dropped");
        assertFalse(ch.trySend(4));
        Future<Void> s = ch.send(4);
        pending(s);
        assertEquals(1, ch.tryReceive(), "the handed-back message is received first");
        pending(s); // still no room: 2 of 2
        assertEquals(2, ready(ch.receive()));
        assertNull(ready(s));
        assertEquals(List.of(3, 4), List.of(ch.tryReceive(), ch.tryReceive()));
    }

    @Test
    void aCancelledWaitingSendDeliversNothingAndGivesUpItsPlace() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s2 = ch.send(2);
        Future<Void> s3 = ch.send(3);
        pending(s2);
        pending(s3);
        s2.cancel();
        assertThrows(CancellationException.class, () -> poll(s2));
        assertEquals(1, ch.tryReceive());
        assertNull(ready(s3));
        assertEquals(3, ch.tryReceive());
        assertNull(ch.tryReceive());
    }

    @Test
    void aSendWhoseMessageWasTakenCompletesEvenIfCancelledAfterwards() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s = ch.send(2);
        pending(s);
        assertEquals(1, ch.tryReceive());
        s.cancel();
        assertNull(ready(s), "the send happened before the cancel: reported, not hidden");
        assertEquals(2, ch.tryReceive());
    }

    @Test
    void cancellingBeforeTheFirstPollSendsAndTakesNothing() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Void> s = ch.send(1);
        s.cancel();
        assertThrows(CancellationException.class, () -> poll(s));
        assertTrue(ch.trySend(2));
        Future<Integer> r = ch.receive();
        r.cancel();
        assertThrows(CancellationException.class, () -> poll(r));
        assertEquals(1, ch.size());
    }

    @Test
    void aSendWaitingAtTheCloseThatIsCancelledReportsTheCancel() {
        Channel<Integer> ch = Channel.bounded(1);
        assertTrue(ch.trySend(1));
        Future<Void> s = ch.send(2);
        pending(s);
        ch.close();
        s.cancel();
        assertThrows(CancellationException.class, () -> poll(s));
    }

    @Test
    void afterTheCloseReceiversWaitWhileAHandedMessageMayStillComeBack() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        pending(r1);
        assertTrue(ch.trySend(1)); // handed to r1, not yet taken
        ch.close();
        Future<Integer> r2 = ch.receive();
        pending(r2);
        r1.cancel();               // the message comes back: r2 gets it instead of the end
        assertThrows(CancellationException.class, () -> poll(r1));
        assertEquals(1, ready(r2));
        assertNull(ready(ch.receive()));
    }

    @Test
    void theReceiveThatTakesTheLastHandedMessageAfterTheCloseEndsTheOthers() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Integer> r1 = ch.receive();
        pending(r1);
        assertTrue(ch.trySend(1));
        ch.close();
        Future<Integer> r2 = ch.receive();
        pending(r2);
        int wakes = waker.count();
        assertEquals(1, ready(r1));
        assertEquals(wakes + 1, waker.count(), "r2 woken");
        assertNull(ready(r2));
    }

    @Test
    void pollingAfterCompletionFailsAndCancelAfterCompletionIsIgnored() {
        Channel<Integer> ch = Channel.bounded(1);
        Future<Void> s = ch.send(1);
        ready(s);
        s.cancel();
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> poll(s)).getMessage());
        Future<Integer> r = ch.receive();
        assertEquals(1, ready(r));
        r.cancel();
        assertEquals(1 - 1, ch.size());
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> poll(r)).getMessage());
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
        pending(r);
        assertEquals("Channel.receive (bounded 2, empty, 1 receiver waiting)", r.toString());
        assertTrue(ch.trySend(0));
        assertEquals("Channel.receive [message ready] (bounded 2, empty, 1 handed to receivers)", r.toString());
        ready(r);
        assertTrue(ch.trySend(1));
        assertTrue(ch.trySend(2));
        Future<Void> s1 = ch.send(3);
        Future<Void> s2 = ch.send(4);
        pending(s1);
        pending(s2);
        assertEquals("Channel.send (bounded 2, 2 buffered, 2 senders waiting)", s1.toString());
        ch.close();
        assertEquals("Channel.send [closed] (bounded 2, 2 buffered, closed)", s1.toString());
        assertEquals("Channel (unbounded, empty)", Channel.unbounded().toString());
    }
}
