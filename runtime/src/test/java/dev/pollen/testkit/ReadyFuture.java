package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

/** Ready with its value at the first poll. */
public final class ReadyFuture<T> implements Future<T> {

    private final T value;
    private boolean done;

    public ReadyFuture(T value) {
        this.value = value;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after completion");
        }
        done = true;
        return Poll.ready(value);
    }
}
