package dev.pollen.bench;

import dev.pollen.AsyncRuntime;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** The Pollen runtimes the benchmarks run on, one per trial, closed after it. */
public final class Runtimes {

    private Runtimes() {}

    /** A multi-threaded runtime with its default number of workers (one per available processor). */
    @State(Scope.Benchmark)
    public static class MultiThread {
        AsyncRuntime runtime;

        @Setup(Level.Trial)
        public void start() {
            runtime = AsyncRuntime.builder().multiThread().build();
        }

        @TearDown(Level.Trial)
        public void close() {
            runtime.close();
        }
    }

    /** A current-thread runtime: every task runs on the thread that calls {@code blockOn}. */
    @State(Scope.Benchmark)
    public static class CurrentThread {
        AsyncRuntime runtime;

        @Setup(Level.Trial)
        public void start() {
            runtime = AsyncRuntime.builder().currentThread().build();
        }

        @TearDown(Level.Trial)
        public void close() {
            runtime.close();
        }
    }
}
