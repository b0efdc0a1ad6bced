package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.internal.Sneaky;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pending until another thread (or the test) calls {@link #complete} or {@link #fail}, which
 * wakes the waker of the latest poll. Counts its polls; {@code cancel()} makes the next poll
 * throw {@link CancellationException}, like a well-behaved leaf.
 */
public final class ManualFuture<T> implements Future<T> {

    private final AtomicInteger polls = new AtomicInteger();
    private Waker waker;
    private boolean completed;
    private boolean taken;
    private boolean cancelled;
    private T value;
    private Throwable failure;

    @Override
    public Poll<T> poll(Context cx) {
        polls.incrementAndGet();
        synchronized (this) {
            if (taken) {
                throw new IllegalStateException("polled after completion");
            }
            if (cancelled) {
                taken = true;
                throw new CancellationException("ManualFuture cancelled");
            }
            if (!completed) {
                waker = cx.waker();
                return Poll.pending();
            }
            taken = true;
            if (failure != null) {
                throw Sneaky.rethrow(failure);
            }
            return Poll.ready(value);
        }
    }

    @Override
    public synchronized void cancel() {
        if (!taken) {
            cancelled = true;
        }
    }

    /** Any thread: the next poll is ready with {@code v}; wakes the latest waker. */
    public void complete(T v) {
        finish(v, null);
    }

    /** Any thread: the next poll throws {@code t}; wakes the latest waker. */
    public void fail(Throwable t) {
        finish(null, t);
    }

    private void finish(T v, Throwable t) {
        Waker w;
        synchronized (this) {
            if (completed) {
                throw new IllegalStateException("ManualFuture completed twice");
            }
            completed = true;
            value = v;
            failure = t;
            w = waker;
        }
        if (w != null) {
            w.wake();
        }
    }

    public int polls() {
        return polls.get();
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }
}
