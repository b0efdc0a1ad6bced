package dev.pollen.testkit;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a test step on a new thread of a given name and waits for it: a thread whose
 * {@code Executor.blockOn} runtime is made fresh (so it reads the settings of the moment), with
 * no uncaught-exception handler of its own. What the step throws is rethrown, wrapped.
 */
public final class OnThread {

    /** A step that may throw. */
    public interface Step {
        void run() throws Exception;
    }

    private OnThread() {}

    public static void run(String name, Step step) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                step.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new AssertionError("on thread " + name, failure.get());
        }
    }

    /** {@link #run} with {@code -Dpollen.cancelGraceMillis=graceMillis} set meanwhile (then restored). */
    public static void runWithGrace(String name, String graceMillis, Step step) throws InterruptedException {
        String old = System.getProperty("pollen.cancelGraceMillis");
        System.setProperty("pollen.cancelGraceMillis", graceMillis);
        try {
            run(name, step);
        } finally {
            if (old == null) {
                System.clearProperty("pollen.cancelGraceMillis");
            } else {
                System.setProperty("pollen.cancelGraceMillis", old);
            }
        }
    }
}
