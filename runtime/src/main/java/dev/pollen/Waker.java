package dev.pollen;

/**
 * Tells the owner of a pending future to poll it again.
 *
 * <p>{@link #wake()} is thread-safe, may be called any number of times (extra calls are
 * harmless) and does not block: it only schedules a poll.
 */
@FunctionalInterface
public interface Waker {
    void wake();
}
