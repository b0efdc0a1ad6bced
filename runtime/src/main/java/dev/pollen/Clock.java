package dev.pollen;

/**
 * The time source of a {@link Reactor}: {@link #system()} (real time) or {@link #virtual()}
 * (test time that jumps). Only these two exist; the constructor is package-private so that a
 * reactor never runs foreign code while it holds its lock.
 */
public abstract class Clock {

    Clock() {}

    /** The current time in nanoseconds, from an arbitrary origin; only differences matter. */
    public abstract long nanoTime();

    /** Real time: {@link System#nanoTime()}. */
    public static Clock system() {
        return SystemClock.INSTANCE;
    }

    /**
     * A new virtual clock starting at 0, for tests and demos that must not really wait.
     *
     * <p>Virtual time stands still while anything can run, and jumps to the earliest pending
     * timer when nothing else can run (like tokio's paused clock). Precisely: the reactor that
     * owns the clock fires a timer only when every executor of the JVM (every running
     * {@link Executor#blockOn}) is parked with no wake-up pending; it then sets the clock to
     * that timer's deadline. Threads that are not executors are not counted: a plain thread
     * that will wake a future later does not hold virtual time back. Use one virtual clock per
     * reactor (two reactors sharing one clock each jump it on their own, so their timers may
     * fire late relative to each other).
     */
    public static Clock virtual() {
        return new VirtualClock();
    }
}
