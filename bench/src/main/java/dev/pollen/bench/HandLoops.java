package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

/**
 * The per-await loop written by hand as a poll-based state machine on the same {@link Future}
 * / {@link Poll} API: what an expert would write without the processor (the practical limit).
 * One class per leaf type, so that each leaf call site stays monomorphic, as in the generated
 * machines.
 */
final class HandLoops {

    private HandLoops() {}

    static final class Ready implements Future<Long> {
        private final int n;
        private int i;
        private long sum;
        private ReadyLeaf awaited;

        Ready(int n) {
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (; i < n; i++) {
                if (awaited == null) {
                    awaited = new ReadyLeaf(i);
                }
                Poll<Integer> p = awaited.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                awaited = null;
                sum += p.get();
            }
            return Poll.ready(sum);
        }
    }

    static final class Opaque implements Future<Long> {
        private final int n;
        private int i;
        private long sum;
        private OpaqueLeaf awaited;

        Opaque(int n) {
            this.n = n;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (; i < n; i++) {
                if (awaited == null) {
                    awaited = new OpaqueLeaf(i);
                }
                Poll<Integer> p = awaited.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                awaited = null;
                sum += p.get();
            }
            return Poll.ready(sum);
        }
    }
}
