package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.testkit.CountingWaker;

/** Polls futures on the test thread with one counting waker: the channel tests' hands. */
final class ByHand {

    private final CountingWaker waker = new CountingWaker();

    <T> Poll<T> poll(Future<T> f) {
        return f.poll(waker.context());
    }

    /** Polls {@code f}, which must be ready; returns its value. */
    <T> T ready(Future<T> f) {
        Poll<T> p = poll(f);
        assertTrue(p.isReady(), f + " is pending");
        return p.get();
    }

    /** Polls {@code f}, which must be pending. */
    void pending(Future<?> f) {
        assertTrue(poll(f).isPending(), f + " is ready");
    }

    /** How many times the waker was woken so far. */
    int wakes() {
        return waker.count();
    }
}
