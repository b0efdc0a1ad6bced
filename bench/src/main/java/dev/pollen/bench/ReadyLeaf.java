package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

/**
 * A leaf future that is ready at its first poll with a small value. Values stay in the Integer
 * cache (0..127), so the value itself never allocates: every variant allocates exactly this
 * object and the {@link Poll} it returns, per await, unless the JIT removes them.
 */
final class ReadyLeaf implements Future<Integer> {

    private final int value;

    ReadyLeaf(int i) {
        this.value = i & 127;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        return Poll.ready(value);
    }
}
