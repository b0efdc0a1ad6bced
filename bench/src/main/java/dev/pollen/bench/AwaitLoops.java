package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;

/** The per-await benchmark bodies, compiled into state machines by the Pollen processor. */
final class AwaitLoops {

    private AwaitLoops() {}

    @Async
    static long readyLeaves(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(new ReadyLeaf(i));
        }
        return sum;
    }

    @Async
    static long opaqueLeaves(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(new OpaqueLeaf(i));
        }
        return sum;
    }
}
