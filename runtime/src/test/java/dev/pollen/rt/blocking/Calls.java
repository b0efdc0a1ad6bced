package dev.pollen.rt.blocking;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Blocking calls the tests submit: each one behaviour. */
final class Calls {

    private Calls() {}

    /** Waits until {@code gate} opens (an interrupt ends it with InterruptedException). */
    static Callable<Void> waitFor(CountDownLatch gate) {
        return () -> {
            gate.await();
            return null;
        };
    }

    /** The name of the thread running it. */
    static Callable<String> threadName() {
        return () -> Thread.currentThread().getName();
    }

    /** Counts {@code started} down, then blocks until interrupted: it never returns normally. */
    static void startThenBlockUntilInterrupted(CountDownLatch started) throws InterruptedException {
        started.countDown();
        new CountDownLatch(1).await();
        throw new AssertionError("a latch nobody counts down opened");
    }

    /** Waits for {@code latch} as a call that does not honour cancellation would: interrupts are ignored. */
    static void awaitIgnoringInterrupts(CountDownLatch latch) {
        for (;;) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // a call that does not honour cancellation
            }
        }
    }
}
