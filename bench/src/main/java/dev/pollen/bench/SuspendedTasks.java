package dev.pollen.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 2: {@value #TASKS} concurrent tasks, each suspended on a timer of 1 to 2 s (spread
 * evenly, in shuffled order, the same for every variant), all joined at the end. Pollen's run on
 * the multi-threaded runtime (one worker per available processor) and sleep on its timer driver.
 *
 * <ul>
 *   <li>{@code suspendMs}: time from the first spawn until every task has counted itself as
 *       suspending ({@link Progress}), polled every millisecond by a measuring thread.
 *   <li>With {@code figure=time}, the score (single shot, ms) is the total time, from the first
 *       spawn until every task is joined.
 *   <li>With {@code figure=heap}, once all are suspended the measuring thread calls
 *       {@code System.gc()} and reads the used heap: {@code heapBytesPerTask} is that minus the
 *       used heap after {@code System.gc()} before the iteration, divided by {@value #TASKS}.
 *       It counts everything the tasks keep alive: the task objects, the timer entries, the
 *       scheduler's structures and the list or array that the spawner keeps to join them (4
 *       bytes a task). That full GC stops every thread for a second or more, so the score of
 *       these runs is not a total time to report. {@code wokenBeforeGc}: tasks already woken
 *       when that GC started; 0 means the heap was measured with all tasks suspended.
 * </ul>
 * The heap is fixed (-Xms = -Xmx) with a young generation large enough that no GC runs while
 * the tasks are spawned: the times measure the mechanisms, not the copying of a million live
 * objects between survivor spaces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms6g", "-Xmx6g", "-Xmn4g", "-XX:+AlwaysPreTouch"})
public class SuspendedTasks {

    static final int TASKS = 1_000_000;

    @Param({"time", "heap"})
    public String figure;

    private final long[] millis = spreadMillis();
    private ScheduledThreadPoolExecutor timer;
    private Progress progress;
    private long baselineHeap;

    /** The figures of one iteration, reported by JMH next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Figures {
        public double suspendMs;
        public double heapBytesPerTask;
        public double wokenBeforeGc;
    }

    /** 1000 to 1999 ms, evenly spread, shuffled with a fixed seed. */
    static long[] spreadMillis() {
        return Spread.shuffled(TASKS, 1000, 2000);
    }

    @Setup(Level.Trial)
    public void startTimers() {
        timer = new ScheduledThreadPoolExecutor(1);     // one timer thread
    }

    @TearDown(Level.Trial)
    public void stopTimers() {
        timer.shutdown();
    }

    @Setup(Level.Iteration)
    public void measureBaseline() {
        progress = new Progress();
        baselineHeap = usedHeapAfterGc();
    }

    @Benchmark
    public void pollen(Figures figures, Runtimes.MultiThread rt) throws InterruptedException {
        Measurer measurer = new Measurer();
        rt.runtime.blockOn(SleepersAsync.spawnAll(millis, progress));
        measurer.report(figures);
    }

    @Benchmark
    public void completableFuture(Figures figures) throws InterruptedException {
        Measurer measurer = new Measurer();
        CompletableFuture<?>[] tasks = new CompletableFuture<?>[TASKS];
        for (int i = 0; i < TASKS; i++) {
            CompletableFuture<Void> sleep = new CompletableFuture<>();
            progress.suspending();
            timer.schedule(() -> sleep.complete(null), millis[i], TimeUnit.MILLISECONDS);
            tasks[i] = sleep.thenRun(progress::woke);
        }
        for (CompletableFuture<?> task : tasks) {
            task.join();
        }
        measurer.report(figures);
    }

    @Benchmark
    public void virtualThread(Figures figures, PerAwait.VirtualThreadState vt) throws InterruptedException {
        Measurer measurer = new Measurer();
        Thread[] threads = new Thread[TASKS];
        Progress p = progress;
        for (int i = 0; i < TASKS; i++) {
            long ms = millis[i];
            threads[i] = VirtualThreads.start(() -> {
                p.suspending();
                try {
                    Thread.sleep(ms);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                p.woke();
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        measurer.report(figures);
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * A platform thread, started before the first spawn, that waits until every task is
     * suspended, then measures the heap: see the class comment.
     */
    private final class Measurer {
        private final long start = System.nanoTime();
        private final Thread thread = new Thread(this::measure, "suspended-tasks-measurer");
        private volatile double suspendMs;
        private volatile double heapBytesPerTask;
        private volatile double wokenBeforeGc;

        Measurer() {
            thread.start();
        }

        private void measure() {
            try {
                while (progress.suspended() < TASKS) {
                    Thread.sleep(1);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            suspendMs = (System.nanoTime() - start) / 1e6;
            if (figure.equals("heap")) {
                wokenBeforeGc = progress.woken();
                heapBytesPerTask = (double) (usedHeapAfterGc() - baselineHeap) / TASKS;
            }
        }

        void report(Figures figures) throws InterruptedException {
            thread.join();
            figures.suspendMs = suspendMs;
            if (figure.equals("heap")) {
                figures.heapBytesPerTask = heapBytesPerTask;
                figures.wokenBeforeGc = wokenBeforeGc;
            }
        }
    }
}
