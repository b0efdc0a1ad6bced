package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ready, with the number of times it was polled, once {@code needed} events were
 * {@linkplain #publish() published} from any threads. Publishing wakes the waker of the latest
 * poll: the poll stores its waker and then reads the count, the publisher writes the count and
 * then reads the waker, so one of the two sees the other. Fails if polled after it was ready.
 */
final class EventFuture implements Future<Integer> {

    private final int needed;
    private final AtomicInteger events = new AtomicInteger();
    private final AtomicReference<Waker> waker = new AtomicReference<>();
    private final AtomicBoolean ready = new AtomicBoolean();
    private final CountDownLatch polled = new CountDownLatch(1);
    private int polls;

    EventFuture(int needed) {
        this.needed = needed;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        assertFalse(ready.get(), "polled after it was ready");
        polls++;
        waker.set(cx.waker());
        polled.countDown();
        if (events.get() < needed) {
            return Poll.pending();
        }
        ready.set(true);
        return Poll.ready(polls);
    }

    /** Any thread: waits until the first poll has begun (its waker is set). */
    void awaitFirstPoll() {
        Threads.await(polled);
    }

    /** Any thread: one event, then a wake of the latest poll's waker (if polled yet). */
    void publish() {
        events.incrementAndGet();
        Waker w = waker.get();
        if (w != null) {
            w.wake();
        }
    }
}
