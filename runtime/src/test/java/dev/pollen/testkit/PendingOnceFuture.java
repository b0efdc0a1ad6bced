package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

/**
 * Pending at the first poll, and wakes its waker inline (during that poll); ready with its
 * value at the second. Exercises "a wake during poll is not lost".
 */
public final class PendingOnceFuture<T> implements Future<T> {

    private final T value;
    private int polls;

    public PendingOnceFuture(T value) {
        this.value = value;
    }

    @Override
    public Poll<T> poll(Context cx) {
        polls++;
        if (polls == 1) {
            cx.waker().wake();
            return Poll.pending();
        }
        if (polls == 2) {
            return Poll.ready(value);
        }
        throw new IllegalStateException("polled after completion");
    }

    public int polls() {
        return polls;
    }
}
