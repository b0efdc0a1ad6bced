package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Broadcast} polled by hand. */
class BroadcastTest {

    private final ByHand hand = new ByHand();

    @Test
    void everyReceiverGetsEveryMessageSentAfterItSubscribedInOrder() {
        Broadcast<String> b = Broadcast.create(4);
        b.send("before");
        Broadcast.Receiver<String> r1 = b.subscribe();
        Broadcast.Receiver<String> r2 = b.subscribe();
        String x = new String("x");
        b.send(x);
        b.send("y");
        assertSame(x, hand.ready(r1.receive()));
        assertEquals("y", hand.ready(r1.receive()));
        assertSame(x, hand.ready(r2.receive()));
        assertEquals("y", hand.ready(r2.receive()));
    }

    @Test
    void waitingReceivesOfEveryReceiverAreWokenBySend() {
        Broadcast<Integer> b = Broadcast.create(2);
        Future<Integer> f1 = b.subscribe().receive();
        Future<Integer> f2 = b.subscribe().receive();
        assertTrue(hand.poll(f1).isPending());
        assertTrue(hand.poll(f2).isPending());
        assertEquals("Broadcast (capacity 2, 0 sent, 2 receives waiting)", b.toString());
        b.send(1);
        assertEquals(2, hand.wakes());
        assertEquals(1, hand.ready(f1));
        assertEquals(1, hand.ready(f2));
    }

    @Test
    void aLaggingReceiverIsToldOnceHowManyItMissedThenContinuesFromTheOldestKept() {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r = b.subscribe();
        for (int i = 0; i < 5; i++) {
            b.send(i);
        }
        assertEquals("Broadcast.Receiver (5 behind; capacity 2, 5 sent)", r.toString());
        Broadcast.LaggedException lagged = assertThrows(Broadcast.LaggedException.class, () -> hand.poll(r.receive()));
        assertEquals(3, lagged.missed());
        assertEquals(3, hand.ready(r.receive()));
        assertEquals(4, hand.ready(r.receive()));
    }

    @Test
    void aCancelledReceiveTakesNothingAndLeavesTheQueue() {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r = b.subscribe();
        Future<Integer> waiting = r.receive();
        assertTrue(hand.poll(waiting).isPending());
        waiting.cancel();
        assertEquals("Broadcast (capacity 2, 0 sent)", b.toString());
        assertThrows(CancellationException.class, () -> hand.poll(waiting));
        Future<Integer> f = r.receive();
        assertTrue(hand.poll(f).isPending());
        b.send(1);
        f.cancel();
        assertThrows(CancellationException.class, () -> hand.poll(f));
        assertEquals(1, hand.ready(r.receive()));
    }

    @Test
    void closingLetsReceiversReadWhatIsKeptThenEnds() {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r = b.subscribe();
        Broadcast.Receiver<Integer> idle = b.subscribe();
        Future<Integer> waiting = idle.receive();
        b.send(1);
        assertEquals(1, hand.ready(waiting));
        Future<Integer> next = idle.receive();
        assertTrue(hand.poll(next).isPending());
        b.close();
        assertEquals(1, hand.wakes(), "the close wakes the waiting receive");
        assertNull(hand.ready(next));
        assertEquals(1, hand.ready(r.receive()));
        assertNull(hand.ready(r.receive()));
        assertThrows(ChannelClosedException.class, () -> b.send(2));
        assertNull(hand.ready(b.subscribe().receive()));
    }

    @Test
    void misuseIsRefusedWithAClearMessage() {
        assertThrows(IllegalArgumentException.class, () -> Broadcast.create(0));
        Broadcast<Integer> b = Broadcast.create(1);
        assertThrows(NullPointerException.class, () -> b.send(null));
        Future<Integer> f = b.subscribe().receive();
        b.send(1);
        hand.ready(f);
        assertEquals("polled after completion", assertThrows(IllegalStateException.class, () -> hand.poll(f)).getMessage());
    }
}
