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
 * {@code CancellationException} (or {@link #failCleanup}'s failure). Counts polls; polled after
 * completion it throws.
 */
public final class CleanupFuture<T> implements Future<T> {

    private final String name;
    private Waker waker;
    private int polls;
    private boolean cancelled;
    private boolean cleanupDone;
    private boolean completed;
    private boolean taken;
    private T value;
    private Throwable failure;

    public CleanupFuture(String name) {
        this.name = name;
    }

    @Override
    public synchronized Poll<T> poll(Context cx) {
        polls++;
        if (taken) {
            throw new IllegalStateException("polled after completion");
        }
        if (completed || cleanupDone) {
            taken = true;
            if (failure != null) {
                throw Sneaky.rethrow(failure);
            }
            if (completed) {
                return Poll.ready(value);
            }
            throw new CancellationException(name + " cancelled");
        }
        waker = cx.waker();
        return Poll.pending();
    }

    @Override
    public synchronized void cancel() {
        if (!taken) {
            cancelled = true;
        }
    }

    public void complete(T v) {
        finish(v, null, false);
    }

    public void fail(Throwable t) {
        finish(null, t, false);
    }

    /** Ends the cleanup a cancel started: the next poll throws CancellationException. */
    public void finishCleanup() {
        finish(null, null, true);
    }

    /** Ends the cleanup with a failure (a finally block that threw). */
    public void failCleanup(Throwable t) {
        finish(null, t, true);
    }

    private void finish(T v, Throwable t, boolean cleanup) {
        Waker w;
        synchronized (this) {
            if (cleanup && !cancelled) {
                throw new IllegalStateException(name + " was not cancelled");
            }
            if (cleanup) {
                cleanupDone = true;
            } else {
                completed = true;
                value = v;
            }
            failure = t;
            w = waker;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Wakes the latest waker without any change (a spurious wake-up, which futures may make). */
    public void wakeSpuriously() {
        Waker w;
        synchronized (this) {
            w = waker;
        }
        w.wake();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Whether a poll returned its outcome. */
    public synchronized boolean isTaken() {
        return taken;
    }

    public synchronized int polls() {
        return polls;
    }

    @Override
    public String toString() {
        return name;
    }
}
