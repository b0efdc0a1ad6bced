package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.util.Multiset;

/**
 * What one suspended Pollen task of benchmark 2 is made of: spawns {@value #TASKS} tasks like
 * {@link Sleepers} on a multi-threaded runtime, lets them all suspend, then walks everything
 * reachable from the join handles and the runtime (its workers, queues and timer driver) with
 * JOL and prints, per class, the bytes per task (classes that amount to at least one byte a
 * task). The profile behind benchmark 2's heap figure:
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pollen.bench.TaskFootprint</pre>
 */
public final class TaskFootprint {

    static final int TASKS = 100_000;

    private TaskFootprint() {}

    public static void main(String[] args) {
        long[] millis = new long[TASKS];
        Arrays.fill(millis, 60_000);
        try (AsyncRuntime runtime = AsyncRuntime.builder().multiThread().build()) {
            runtime.blockOn(TaskFootprintAsync.measure(runtime, millis));
        }
    }

    @Async
    static void measure(AsyncRuntime runtime, long[] millis) {
        Progress progress = new Progress();
        List<JoinHandle<Void>> handles = new ArrayList<>(millis.length);
        for (int i = 0; i < millis.length; i++) {
            handles.add(Executor.spawn(SleepersAsync.sleeper(millis[i], progress)));
        }
        await(Time.sleep(Duration.ofMillis(500)));     // every task runs to its sleep meanwhile
        print(GraphLayout.parseInstance(handles, runtime), progress.suspended());
    }   // closing the runtime cancels the tasks still sleeping

    private static void print(GraphLayout graph, int suspended) {
        System.out.printf(Locale.ROOT, "%d tasks suspended; bytes per task, by class:%n", suspended);
        Multiset<Class<?>> sizes = graph.getClassSizes();
        List<Class<?>> classes = new ArrayList<>(graph.getClasses());
        classes.sort(Comparator.comparingLong((Class<?> c) -> sizes.count(c)).reversed());
        for (Class<?> c : classes) {
            double perTask = (double) sizes.count(c) / TASKS;
            if (perTask >= 1) {
                System.out.printf(Locale.ROOT, "%8.1f  %9d objects  %s%n",
                        perTask, graph.getClassCounts().count(c), c.getName());
            }
        }
        System.out.printf(Locale.ROOT, "%8.1f  total%n", (double) graph.totalSize() / TASKS);
    }
}
