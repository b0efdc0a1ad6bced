package dev.pollen.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ping-pong benchmark's channel keeps the Future protocol and loses no wake-up. */
class MailboxTest {

    private final AtomicInteger wakes = new AtomicInteger();
    private final Context cx = Context.from(wakes::incrementAndGet);

    @Test
    void aSendWakesThePendingReceiveWhichThenHasTheMessage() {
        Mailbox<Integer> mailbox = new Mailbox<>();
        Future<Integer> receive = mailbox.receive();
        assertTrue(receive.poll(cx).isPending());
        mailbox.send(7);
        assertEquals(1, wakes.get());
        assertEquals(7, receive.poll(cx).get());
    }

    @Test
    void aReceiveIsReadyOnceThenRefusesToBePolled() {
        Mailbox<Integer> mailbox = new Mailbox<>();
        mailbox.send(5);
        Future<Integer> receive = mailbox.receive();
        assertEquals(5, receive.poll(cx).get());
        assertEquals(0, wakes.get());
        assertThrows(IllegalStateException.class, () -> receive.poll(cx));
    }

    @Test
    void aSecondSendBeforeTheReceiveIsRefusedWithTheReason() {
        Mailbox<Integer> mailbox = new Mailbox<>();
        mailbox.send(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mailbox.send(2));
        assertTrue(e.getMessage().contains("receiver must take it before the next send"), e.getMessage());
        assertEquals(1, mailbox.receive().poll(cx).get());
    }

    @Test
    void aCancelledReceiveDropsItsWakerAndCompletesWithCancellation() {
        Mailbox<Integer> mailbox = new Mailbox<>();
        Future<Integer> receive = mailbox.receive();
        assertTrue(receive.poll(cx).isPending());
        receive.cancel();
        mailbox.send(3);
        assertEquals(0, wakes.get(), "the cancelled receiver's waker was kept and woken");
        assertThrows(CancellationException.class, () -> receive.poll(cx));
        assertEquals(3, mailbox.receive().poll(cx).get(), "the message stays for the next receive");
    }

    @Test
    void twoTasksOfOneExecutorPlayEveryRoundTrip() {
        assertEquals(PingPongBodies.expectedSum(1000), Executor.blockOn(PingPongBodiesAsync.pingPong(1000)));
    }

    /**
     * A send races with the receiver's first poll, round after round, each side starting after
     * a random short spin so that the send falls before, inside and after the receiver's window
     * between finding no message and storing its waker. In every round the receive must be
     * ready or its waker woken: a lost wake-up would leave a receiver waiting forever. At most
     * 100,000 rounds or 2 s (the two threads hand each round over by spinning, slow on a loaded
     * machine).
     */
    @Test
    void aSendRacingTheReceiversFirstPollIsNeverLost() throws InterruptedException {
        int rounds = 100_000;
        @SuppressWarnings("unchecked")
        Mailbox<Integer>[] boxes = new Mailbox[rounds];
        for (int r = 0; r < rounds; r++) {
            boxes[r] = new Mailbox<>();
        }
        AtomicInteger started = new AtomicInteger(-1);
        AtomicInteger sent = new AtomicInteger(-1);
        AtomicInteger last = new AtomicInteger(rounds - 1);
        Thread sender = new Thread(() -> {
            Random random = new Random(1);
            for (int r = 0; r <= last.get(); r++) {
                while (started.get() < r) {
                    if (r > last.get()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                spin(random.nextInt(40));
                boxes[r].send(r);
                sent.set(r);
            }
        });
        sender.start();
        Random random = new Random(2);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        int lost = 0;
        int r = 0;
        for (; r < rounds && System.nanoTime() < end; r++) {
            AtomicInteger woken = new AtomicInteger();
            Future<Integer> receive = boxes[r].receive();
            started.set(r);
            spin(random.nextInt(40));
            boolean ready = receive.poll(Context.from(woken::incrementAndGet)).isReady();
            while (sent.get() < r) {
                Thread.onSpinWait();
            }
            if (!ready && woken.get() == 0) {
                lost++;
            }
        }
        last.set(r - 1);
        sender.join();
        assertEquals(0, lost, "rounds whose receive was pending and never woken, of " + r);
        assertTrue(r >= 1000, "only " + r + " rounds ran");
    }

    private static void spin(int n) {
        for (int i = 0; i < n; i++) {
            Thread.onSpinWait();
        }
    }

    /**
     * The pinger and the ponger each on its own thread, so that sends race with the receiver
     * storing its waker: a lost wake-up leaves both parked, and the timeout fails the test.
     */
    @Test
    void twoThreadsPlayTwentyThousandRoundTripsWithoutLosingAWakeUp() {
        int n = 20_000;
        Mailbox<Integer> toPonger = new Mailbox<>();
        Mailbox<Integer> toPinger = new Mailbox<>();
        AtomicLong sum = new AtomicLong();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Thread ponger = new Thread(() -> Executor.blockOn(PingPongBodiesAsync.ponger(toPonger, toPinger, n)));
            ponger.start();
            sum.set(Executor.blockOn(PingPongBodiesAsync.pinger(toPonger, toPinger, n)));
            ponger.join();
        }, "a wake-up was lost: pinger and ponger both wait");
        assertEquals(PingPongBodies.expectedSum(n), sum.get());
    }
}
