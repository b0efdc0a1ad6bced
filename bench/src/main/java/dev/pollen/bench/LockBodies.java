package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.sync.Mutex;
import dev.pollen.sync.Semaphore;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Benchmark 8's tasks, compiled by the Pollen processor. */
final class LockBodies {

    private LockBodies() {}

    /** {@code tasks} tasks, each {@code n} times incrementing one counter under one Mutex; returns the counter. */
    static Future<Long> mutex(int tasks, int n) {
        Mutex mutex = new Mutex();
        LockThroughput.Counter counter = new LockThroughput.Counter();
        return LockBodiesAsync.countAfterAll(tasks, () -> LockBodiesAsync.mutexLoop(mutex, counter, n), counter);
    }

    /** The same with a Semaphore of one permit. */
    static Future<Long> semaphore(int tasks, int n) {
        Semaphore semaphore = new Semaphore(1);
        LockThroughput.Counter counter = new LockThroughput.Counter();
        return LockBodiesAsync.countAfterAll(tasks, () -> LockBodiesAsync.semaphoreLoop(semaphore, counter, n), counter);
    }

    @Async
    static void mutexLoop(Mutex mutex, LockThroughput.Counter counter, int n) {
        for (int i = 0; i < n; i++) {
            try (Mutex.Guard guard = await(mutex.lock())) {
                counter.value++;
            }
        }
    }

    @Async
    static void semaphoreLoop(Semaphore semaphore, LockThroughput.Counter counter, int n) {
        for (int i = 0; i < n; i++) {
            try (Semaphore.Permit permit = await(semaphore.acquire())) {
                counter.value++;
            }
        }
    }

    /**
     * Spawns {@code tasks} tasks running {@code body} (all started before any is joined), joins
     * them in order, then returns the counter they updated.
     */
    @Async
    static long countAfterAll(int tasks, Supplier<Future<Void>> body, LockThroughput.Counter counter) {
        List<JoinHandle<Void>> handles = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            handles.add(Executor.spawn(body.get()));
        }
        for (JoinHandle<Void> handle : handles) {
            await(handle);
        }
        return counter.value;
    }
}
