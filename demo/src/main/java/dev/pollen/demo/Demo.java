package dev.pollen.demo;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Clock;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Reactor;
import dev.pollen.Task;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The program of the "Futures in Rust" chapter that Pollen starts from, written with
 * {@code @Async} methods: two timers of 1 s and 2 s awaited one after the other (done at 1 s and
 * 3 s), then spawned so that they run concurrently (done at 1 s and 2 s).
 *
 * <p>Each {@code @Async} method has a facade in the generated class {@code DemoAsync}
 * ({@code target/generated-sources/annotations/dev/pollen/demo/}).
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        // Load Formatter's classes now: the first printf costs ~40 ms, which would delay the second timer.
        String.format(Locale.ROOT, "%d %.2f%n", 1, 1.0);
        run(System.out, Clock.system());
    }

    /** Runs both versions of the seed program on {@code clock}, printing to {@code out}. */
    public static void run(PrintStream out, Clock clock) {
        try (Reactor reactor = new Reactor(clock)) {
            Executor.blockOn(DemoAsync.sequential(reactor, out));
            Executor.blockOn(DemoAsync.concurrent(reactor, out));
        }
    }

    /** The seed's first main future: awaits one task, then the other. */
    @Async
    static void sequential(Reactor reactor, PrintStream out) {
        long start = reactor.clock().nanoTime();
        await(DemoAsync.report(new Task(reactor, 1, 1), reactor.clock(), start, out));
        await(DemoAsync.report(new Task(reactor, 2, 2), reactor.clock(), start, out));
    }

    /** The seed's spawn version: both tasks make progress while this future waits for the first. */
    @Async
    static void concurrent(Reactor reactor, PrintStream out) {
        long start = reactor.clock().nanoTime();
        JoinHandle<Void> handle1 = Executor.spawn(DemoAsync.report(new Task(reactor, 1, 1), reactor.clock(), start, out));
        JoinHandle<Void> handle2 = Executor.spawn(DemoAsync.report(new Task(reactor, 2, 2), reactor.clock(), start, out));
        await(handle1);
        await(handle2);
    }

    /** The seed's {@code fut1}/{@code fut2}: awaits a task and prints when it completed. */
    @Async
    static void report(Future<Integer> task, Clock clock, long start, PrintStream out) {
        int val = await(task);
        double dur = (clock.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "Future got %d at time: %.2f.%n", val, dur);
    }
}
