package dev.pollen;

import dev.pollen.internal.Sneaky;
import java.util.concurrent.CancellationException;

/**
 * Not API: {@link Futures#ready} and {@link Futures#failed}: ready (or throwing) at its first
 * poll. Like every leaf, cancelled before that poll it throws {@code CancellationException}.
 *
 * @param <T> the type of the value
 */
final class Completed<T> implements Future<T> {

    private static final int UNPOLLED = 0;
    private static final int CANCELLED = 1;
    private static final int DONE = 2;

    private final T value;
    private final Throwable failure;
    private int state = UNPOLLED;

    Completed(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    @Override
    public Poll<T> poll(Context cx) {
        int s = state;
        if (s == DONE) {
            throw new IllegalStateException("polled after completion");
        }
        state = DONE;
        if (s == CANCELLED) {
            throw new CancellationException((failure == null ? "Futures.ready" : "Futures.failed") + " cancelled");
        }
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public void cancel() {
        if (state == UNPOLLED) {
            state = CANCELLED;
        }
    }

    @Override
    public String toString() {
        return failure == null ? "Futures.ready(" + value + ")" : "Futures.failed(" + failure + ")";
    }
}
