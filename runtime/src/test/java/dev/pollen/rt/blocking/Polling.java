package dev.pollen.rt.blocking;

import static org.junit.jupiter.api.Assertions.fail;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Drives futures on the test thread without an executor, and observes pool threads by name.
 * Every wait is bounded: a lost wake or a thread that never ends fails the test, never hangs it.
 */
final class Polling {

    static final long TIMEOUT_SECONDS = 5;

    private Polling() {}

    /**
     * Polls {@code f} until ready, each time with a fresh latch-backed waker, and waits for that
     * waker between polls: the value, or the future's failure thrown unchanged.
     */
    static <T> T await(Future<T> f) throws InterruptedException {
        for (;;) {
            CountDownLatch woken = new CountDownLatch(1);
            Poll<T> p = f.poll(Context.from(woken::countDown));
            if (p.isReady()) {
                return p.get();
            }
            if (!woken.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("pending and not woken within " + TIMEOUT_SECONDS + " s: " + f);
            }
        }
    }

    /** Polls once with {@code waker}'s latch; returns the poll. */
    static <T> Poll<T> pollOnce(Future<T> f, CountDownLatch waker) {
        return f.poll(Context.from(waker::countDown));
    }

    /** Live threads named {@code <prefix>-blocking-N}. */
    static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix + "-blocking-"))
                .count();
    }

    /** Waits until {@code condition} holds; fails after the timeout. */
    static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + TIMEOUT_SECONDS + " s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** A latch wait that fails the test instead of hanging it. */
    static void awaitLatch(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            fail("not within " + TIMEOUT_SECONDS + " s: " + what);
        }
    }
}
