package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

/**
 * Defeats the runtime's cooperative budget, for the fairness benchmark's comparison: polls the
 * wrapped future with a context of the same waker but no limit ({@link Context#from}), so its
 * awaits never run out of budget and a task whose awaits are always ready never yields.
 */
final class Unbudgeted<T> implements Future<T> {

    private final Future<T> future;

    Unbudgeted(Future<T> future) {
        this.future = future;
    }

    @Override
    public Poll<T> poll(Context cx) {
        return future.poll(Context.from(cx.waker()));
    }

    @Override
    public void cancel() {
        future.cancel();
    }
}
