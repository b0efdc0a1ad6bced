package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import org.openjdk.jmh.annotations.CompilerControl;

/**
 * {@link ReadyLeaf} whose {@code poll} is a real call: never inlined, so the leaf and its
 * {@link Poll} escape (are allocated) in every variant, as with a leaf the JIT cannot see into.
 */
final class OpaqueLeaf implements Future<Integer> {

    private final int value;

    OpaqueLeaf(int i) {
        this.value = i & 127;
    }

    @Override
    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    public Poll<Integer> poll(Context cx) {
        return Poll.ready(value);
    }
}
