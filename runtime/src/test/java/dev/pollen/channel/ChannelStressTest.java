package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Real threads on one small channel, each sending and receiving, and cancelling some of its
 * futures while they wait, woken or not (then polling them to their end, as an owner does): every
 * message whose send completed is received exactly once, no other message is received, and the
 * channel still has its whole capacity at the end (no slot kept by a cancelled send).
 */
class ChannelStressTest {

    static final int THREADS = 4;
    static final int OPS = 10_000;

    private final ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();

    @Test
    void sendsReceivesAndCancelsOnManyThreadsLoseAndDuplicateNothing() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    work(ch, id);
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(20));
            assertTrue(!t.isAlive(), "a worker hangs: " + ch);
        }
        assertEquals(List.of(), failures);
        for (Integer m = ch.tryReceive(); m != null; m = ch.tryReceive()) {
            received.add(m);
        }
        assertTrue(ch.trySend(-1) && ch.trySend(-2), "the capacity shrank: " + ch);
        assertEquals(List.of(-1, -2), List.of(ch.tryReceive(), ch.tryReceive()));
        ch.close();
        List<Integer> s = new ArrayList<>(sent);
        List<Integer> r = new ArrayList<>(received);
        Collections.sort(s);
        Collections.sort(r);
        assertEquals(s, r);
        assertTrue(s.size() > OPS / 4, "too few sends completed to mean anything: " + s.size());
    }

    private void work(Channel<Integer> ch, int id) throws InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < OPS; i++) {
            if (random.nextBoolean()) {
                int m = id * OPS + i;
                if (run(ch.send(m), random) != CANCELLED) {
                    sent.add(m);
                }
            } else {
                Object m = run(ch.receive(), random);
                if (m != CANCELLED) {
                    received.add((Integer) m);
                }
            }
        }
    }

    private static final Object CANCELLED = new Object();

    /**
     * Polls {@code f}, waiting a little for each wake-up; now and then cancels it instead and
     * polls it once more, which must end it. Returns its value, or {@link #CANCELLED}.
     */
    private static Object run(Future<?> f, ThreadLocalRandom random) throws InterruptedException {
        for (;;) {
            CountDownLatch woken = new CountDownLatch(1);
            Context cx = Context.from(woken::countDown);
            Poll<?> p = f.poll(cx);
            if (p.isReady()) {
                return p.get();
            }
            woken.await(200, TimeUnit.MICROSECONDS);
            if (random.nextInt(4) == 0) {   // woken or not: a woken receive may hold a message
                f.cancel();
                try {
                    Poll<?> after = f.poll(cx);
                    assertTrue(after.isReady(), f + " pending after its cancel");
                    return after.get();
                } catch (CancellationException e) {
                    return CANCELLED;
                }
            }
        }
    }
}
