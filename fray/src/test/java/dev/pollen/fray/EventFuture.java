package dev.pollen.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ready, with the number of times it was polled, once {@code needed} events were
 * {@linkplain #publish() published} from any threads. Publishing wakes the waker of the latest
 * poll: the poll stores its waker and then reads the count, the publisher writes the count and
 * then reads the waker, so one of the two sees the other. Fails if polled after it was ready,
 * or by two threads at once.
 */
public final class EventFuture implements Future<Integer> {

    private final int needed;
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicReference<Waker> waker = new AtomicReference<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final AtomicInteger polls = new AtomicInteger();
    private final AtomicInteger polling = new AtomicInteger();
    private final AtomicInteger cancels = new AtomicInteger();
    private final CountDownLatch polled = new CountDownLatch(1);

    public EventFuture(int needed) {
        this.needed = needed;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        assertEquals(1, polling.incrementAndGet(), "polled by two threads at once");
        try {
            assertFalse(ready.get(), "polled after it was ready");
            int n = polls.incrementAndGet();
            waker.set(cx.waker());
            polled.countDown();
            if (events.get() < needed) {
                return Poll.pending();
            }
            ready.set(true);
            return Poll.ready(n);
        } finally {
            polling.decrementAndGet();
        }
    }

    /** Counts the calls; the future stays as it is (it completes only by events). */
    @Override
    public void cancel() {
        assertEquals(1, polling.incrementAndGet(), "cancelled while polled by another thread");
        cancels.incrementAndGet();
        polling.decrementAndGet();
    }

    /** Any thread: waits until the first poll has begun (its waker is set). */
    public void awaitFirstPoll() {
        Threads.await(polled);
    }

    /** Any thread: one event, then a wake of the latest poll's waker (if polled yet). */
    public void publish() {
        events.incrementAndGet();
        Waker w = waker.get();
        if (w != null) {
            w.wake();
        }
    }

    public int polls() {
        return polls.get();
    }

    public int cancels() {
        return cancels.get();
    }
}
