package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import java.util.ArrayList;
import java.util.List;

/** Benchmark 3's root task, compiled by the Pollen processor. */
final class SpawnJoinBodies {

    private SpawnJoinBodies() {}

    /** Spawns n trivial tasks, then joins them in order; returns the sum of their values. */
    @Async
    static long spawnAndJoin(int n) {
        List<JoinHandle<Integer>> handles = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            handles.add(Executor.spawn(trivial(i)));
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(handles.get(i));
        }
        return sum;
    }

    /** The trivial task: ready with a small value at its first poll (as supplyAsync(() -> v)). */
    static Future<Integer> trivial(int i) {
        int value = i & 127;
        return cx -> Poll.ready(value);
    }
}
