package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import dev.pollen.testkit.CountingWaker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link Channel} under Fray: sends, receives, cancels and a close on different threads, each
 * waiting future polled by its own thread until its waker is woken ({@link ForeignPoller}). A
 * lost wake-up leaves a poller blocked: Fray reports the deadlock. Each test then counts the
 * messages: none lost, none received twice.
 */
@ExtendWith(FrayTestExtension.class)
class ChannelFrayTest {

    private static <T> List<T> drain(Channel<T> ch) {
        List<T> rest = new ArrayList<>();
        for (T m = ch.tryReceive(); m != null; m = ch.tryReceive()) {
            rest.add(m);
        }
        return rest;
    }

    /**
     * A receive waits; one thread sends a message while another cancels that receive, and a
     * second receiver polls on a third thread. Whichever comes first (the message handed to the
     * first receive and then given back, or the cancel and then the send), the second receiver
     * gets the message, the cancelled receive took nothing, and the channel is empty.
     *
     * <p>Mutation caught (iteration of the first failure in one run): the cancel of a receive
     * that was handed a message drops the message instead of giving it back (deadlock: the
     * second receiver waits forever, 2).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aSendRacingTheCancelOfTheReceiveItServesLosesNoMessage() throws InterruptedException {
        Channel<String> ch = Channel.bounded(1);
        CountingWaker waker = new CountingWaker();
        Future<String> cancelled = ch.receive();
        assertTrue(cancelled.poll(waker.context()).isPending());
        AtomicReference<String> got = new AtomicReference<>();
        Thread receiver = Threads.start(() -> got.set(ForeignPoller.await(ch.receive())));
        Thread sender = Threads.start(() -> assertTrue(ch.trySend("m")));
        Thread canceller = Threads.start(cancelled::cancel);
        receiver.join();
        sender.join();
        canceller.join();
        assertThrows(CancellationException.class, () -> cancelled.poll(waker.context()));
        assertEquals("m", got.get());
        assertEquals(0, ch.size());
    }

    /**
     * A full channel of one with two waiting senders; one thread receives (freeing the slot for
     * the first sender) while another cancels that first sender, and the second sender polls on
     * its own thread. The cancelled send delivered nothing; the second sender gets the slot
     * (passed on by the cancel, or given by the receive) and its message is the only one left.
     *
     * <p>Mutation caught (iteration of the first failure in one run): the cancel of a send woken
     * with a reserved slot releases the slot without passing it to the next sender (deadlock: the
     * second sender waits beside a free slot, 0).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aReceiveRacingTheCancelOfTheSendItAdmitsPassesTheSlotOn() throws InterruptedException {
        Channel<String> ch = Channel.bounded(1);
        assertTrue(ch.trySend("first"));
        CountingWaker waker = new CountingWaker();
        Future<Void> cancelled = ch.send("cancelled");
        assertTrue(cancelled.poll(waker.context()).isPending());
        Thread second = Threads.start(() -> assertNull(ForeignPoller.await(ch.send("second"))));
        Thread receiver = Threads.start(() -> assertEquals("first", ch.tryReceive()));
        Thread canceller = Threads.start(cancelled::cancel);
        second.join();
        receiver.join();
        canceller.join();
        assertThrows(CancellationException.class, () -> cancelled.poll(waker.context()));
        assertEquals(List.of("second"), drain(ch));
    }

    /**
     * Two receivers and a sender, each on its own thread, race a close of an empty channel:
     * every one of them completes (nothing hangs); the send either delivered (and exactly one
     * receiver got the message, the other the end) or failed with ChannelClosedException (and
     * both got the end).
     *
     * <p>Mutation caught (iteration of the first failure in one run): close ending the waiting
     * receivers without waking them (deadlock, 1).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aCloseRacingSendsAndReceivesCompletesEveryOne() throws InterruptedException {
        Channel<String> ch = Channel.bounded(1);
        List<String> received = new CopyOnWriteArrayList<>();
        AtomicReference<Boolean> delivered = new AtomicReference<>();
        Runnable receive = () -> {
            String m = ForeignPoller.await(ch.receive());
            if (m != null) {
                received.add(m);
            }
        };
        Thread r1 = Threads.start(receive);
        Thread r2 = Threads.start(receive);
        Thread sender = Threads.start(() -> {
            try {
                ForeignPoller.await(ch.send("m"));
                delivered.set(true);
            } catch (ChannelClosedException e) {
                delivered.set(false);
            }
        });
        Thread closer = Threads.start(ch::close);
        r1.join();
        r2.join();
        sender.join();
        closer.join();
        assertEquals(delivered.get() ? List.of("m") : List.of(), received);
        assertEquals(List.of(), drain(ch));
    }

    /**
     * A sender waits on a full channel while one thread receives and another closes: the send
     * either delivered or failed, and the channel then holds exactly the messages sent and not
     * received (the receive's message was the first one).
     *
     * <p>Mutation caught (iteration of the first failure in one run): close failing the waiting
     * senders without waking them (deadlock, 4).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aCloseRacingAReceiveThatFreesAWaitingSendersSlotCompletesTheSend() throws InterruptedException {
        Channel<String> ch = Channel.bounded(1);
        assertTrue(ch.trySend("first"));
        AtomicReference<Boolean> delivered = new AtomicReference<>();
        Thread sender = Threads.start(() -> {
            try {
                ForeignPoller.await(ch.send("second"));
                delivered.set(true);
            } catch (ChannelClosedException e) {
                delivered.set(false);
            }
        });
        Thread receiver = Threads.start(() -> assertEquals("first", ForeignPoller.await(ch.receive())));
        Thread closer = Threads.start(ch::close);
        sender.join();
        receiver.join();
        closer.join();
        assertEquals(delivered.get() ? List.of("second") : List.of(), drain(ch));
        assertNull(ch.tryReceive());
    }
}
