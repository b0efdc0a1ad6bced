package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A leaf that ignores {@code cancel()} (it only counts it): pending until the test calls
 * {@link #complete}, which wakes the waker of the latest poll. What a hang report is about,
 * made finite: the test ends the "hang" when it has seen the report. Describes itself as
 * {@code DeafFuture}.
 */
public final class DeafFuture<T> implements Future<T> {

    private final CountDownLatch cancelled = new CountDownLatch(1);
    private Waker waker;
    private boolean completed;
    private T value;

    @Override
    public synchronized Poll<T> poll(Context cx) {
        if (completed) {
            return Poll.ready(value);
        }
        waker = cx.waker();
        return Poll.pending();
    }

    /** Counted, and otherwise ignored. */
    @Override
    public void cancel() {
        cancelled.countDown();
    }

    /** Any thread: the next poll is ready with {@code v}; wakes the latest waker. */
    public void complete(T v) {
        Waker w;
        synchronized (this) {
            completed = true;
            value = v;
            w = waker;
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Waits until {@code cancel()} was called; false if it was not within {@code millis}. */
    public boolean awaitCancel(long millis) throws InterruptedException {
        return cancelled.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public String toString() {
        return "DeafFuture";
    }
}
