package dev.pollen;

/** Thread helpers of the Fray tests. */
final class Threads {

    private Threads() {}

    /** A started thread running {@code body}. */
    static Thread start(Runnable body) {
        Thread t = new Thread(body);
        t.start();
        return t;
    }

    /** Joins {@code t}; returns whether this thread was interrupted (the flag is cleared). */
    static boolean joinUninterruptibly(Thread t) {
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
