package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark 2's tasks, compiled by the Pollen processor: each sleeps on the timer driver of the
 * runtime that polls it ({@link Time#sleep}).
 */
final class Sleepers {

    private Sleepers() {}

    /** Spawns one {@link #sleeper} per duration, then joins them all. */
    @Async
    static void spawnAll(long[] millis, Progress progress) {
        List<JoinHandle<Void>> handles = new ArrayList<>(millis.length);
        for (int i = 0; i < millis.length; i++) {
            handles.add(Executor.spawn(SleepersAsync.sleeper(millis[i], progress)));
        }
        for (int i = 0; i < handles.size(); i++) {
            await(handles.get(i));
        }
    }

    @Async
    static void sleeper(long millis, Progress progress) {
        progress.suspending();
        await(Time.sleep(Duration.ofMillis(millis)));
        progress.woke();
    }
}
