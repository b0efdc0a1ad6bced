package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.internal.Sneaky;

/** Throws its failure (any Throwable, unchanged) at once, or after one inline-woken pending. */
public final class FailingFuture<T> implements Future<T> {

    private final Throwable failure;
    private int pendingPollsLeft;

    private FailingFuture(Throwable failure, int pendingPolls) {
        this.failure = failure;
        this.pendingPollsLeft = pendingPolls;
    }

    /** Throws {@code failure} at the first poll. */
    public static <T> FailingFuture<T> now(Throwable failure) {
        return new FailingFuture<>(failure, 0);
    }

    /** Pending at the first poll (waking its waker inline), throws {@code failure} at the second. */
    public static <T> FailingFuture<T> afterPending(Throwable failure) {
        return new FailingFuture<>(failure, 1);
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (pendingPollsLeft < 0) {
            throw new IllegalStateException("polled after completion");
        }
        if (pendingPollsLeft > 0) {
            pendingPollsLeft--;
            cx.waker().wake();
            return Poll.pending();
        }
        pendingPollsLeft = -1;
        throw Sneaky.rethrow(failure);
    }
}
