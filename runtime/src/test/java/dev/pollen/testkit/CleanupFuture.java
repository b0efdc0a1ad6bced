package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.internal.Sneaky;
import java.util.concurrent.CancellationException;

/**
 * A child whose cancellation takes time, like an {@code @Async} method whose {@code finally}
 * awaits: pending until {@link #complete}/{@link #fail} (any thread; wakes the latest waker).
 * Cancelled, it stays pending until {@link #finishCleanup()}, then throws
 * {@code CancellationException} (or {@link #failCleanup}'s failure). A {@link ManualFuture}
 * holds the outcome; counts polls; polled after completion it throws.
 */
public final class CleanupFuture<T> implements Future<T> {

    private final String name;
    private final ManualFuture<T> outcome = new ManualFuture<>();
    private volatile Waker waker;
    private volatile boolean cancelled;
    private volatile boolean taken;

    public CleanupFuture(String name) {
        this.name = name;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (taken) {
            throw new IllegalStateException("polled after completion");
        }
        waker = cx.waker();
        try {
            Poll<T> p = outcome.poll(cx);
            taken = p.isReady();
            return p;
        } catch (Throwable t) {
            taken = true;
            throw Sneaky.rethrow(t);
        }
    }

    /** Starts the cleanup: the outcome stays pending until the test ends it. */
    @Override
    public void cancel() {
        if (!taken) {
            cancelled = true;
        }
    }

    public void complete(T v) {
        outcome.complete(v);
    }

    public void fail(Throwable t) {
        outcome.fail(t);
    }

    /** Ends the cleanup a cancel started: the next poll throws CancellationException. */
    public void finishCleanup() {
        failCleanup(new CancellationException(name + " cancelled"));
    }

    /** Ends the cleanup with a failure (a finally block that threw). */
    public void failCleanup(Throwable t) {
        if (!cancelled) {
            throw new IllegalStateException(name + " was not cancelled");
        }
        outcome.fail(t);
    }

    /** Wakes the latest waker without any change (a spurious wake-up, which futures may make). */
    public void wakeSpuriously() {
        waker.wake();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Whether a poll returned its outcome. */
    public boolean isTaken() {
        return taken;
    }

    public int polls() {
        return outcome.polls();
    }

    @Override
    public String toString() {
        return name;
    }
}
