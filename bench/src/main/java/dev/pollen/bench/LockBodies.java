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

/** Benchmark 8's tasks, compiled by the Pollen processor. */
final class LockBodies {

    private LockBodies() {}

    /** {@code tasks} tasks, each {@code n} times incrementing one counter under one Mutex; returns the counter. */
    @Async
    static long mutex(int tasks, int n) {
        Mutex mutex = new Mutex();
        LockThroughput.Counter counter = new LockThroughput.Counter();
        List<Future<Void>> bodies = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            bodies.add(LockBodiesAsync.mutexLoop(mutex, counter, n));
        }
        await(LockBodiesAsync.spawnAndJoin(bodies));
        return counter.value;
    }

    /** The same with a Semaphore of one permit. */
    @Async
    static long semaphore(int tasks, int n) {
        Semaphore semaphore = new Semaphore(1);
        LockThroughput.Counter counter = new LockThroughput.Counter();
        List<Future<Void>> bodies = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            bodies.add(LockBodiesAsync.semaphoreLoop(semaphore, counter, n));
        }
        await(LockBodiesAsync.spawnAndJoin(bodies));
        return counter.value;
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

    /** Spawns every body as a task (all started before any is joined), then joins them in order. */
    @Async
    static void spawnAndJoin(List<Future<Void>> bodies) {
        List<JoinHandle<Void>> handles = new ArrayList<>(bodies.size());
        for (Future<Void> body : bodies) {
            handles.add(Executor.spawn(body));
        }
        for (JoinHandle<Void> handle : handles) {
            await(handle);
        }
    }
}
