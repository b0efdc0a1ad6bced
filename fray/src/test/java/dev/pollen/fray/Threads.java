package dev.pollen.fray;

import java.util.concurrent.CountDownLatch;

/** Thread helpers of the Fray tests. */
public final class Threads {

    private Threads() {}

    /** A started thread running {@code body}. */
    public static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    /**
     * Waits for {@code latch}. An interrupt fails the thread: nothing in these tests interrupts
     * a helper thread but Fray, which does so to end the threads left blocked after it found a
     * bug (a wait that ignored it would keep Fray's shutdown loop spinning).
     */
    public static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Joins {@code t}; returns whether this thread was interrupted (the flag is cleared). */
    public static boolean joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        for (;;) {
            try {
                t.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
