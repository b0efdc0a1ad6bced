package dev.pollen.tests;

import dev.pollen.AsyncRuntime;
import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Cancels a program at each point where it is pending, one run per point: "cancelling is a return
 * at the await", so after each run whatever the program's pieces own (permits, waiters, timers,
 * messages) must be released or delivered. The test checks that in {@code afterEachRun}.
 *
 * <p>Each run is a fresh program on a fresh current-thread runtime whose clock starts paused, so
 * runs are deterministic: run {@code k} polls the program until its {@code k}-th pending result,
 * then cancels it and polls it until it completes (its cleanup may await). Runs go on until a
 * program completes before its {@code k}-th pending result; that last run is the uncancelled one.
 */
public final class CancelAtEveryPending {

    private CancelAtEveryPending() {}

    /** What one run did. */
    public record Run<T>(int cancelledAt, T value, Throwable failure) {
        /** Whether this run was cancelled (else it ran to its end). */
        public boolean cancelled() {
            return cancelledAt > 0;
        }
    }

    /**
     * Runs {@code program} to completion once, then once per pending point with a cancel there,
     * passing each run to {@code afterEachRun} after its runtime closed. Returns the number of
     * cancelled runs (at least one: a program that is never pending has nothing to test).
     */
    public static <T> int run(Supplier<Future<T>> program, Consumer<Run<T>> afterEachRun) {
        for (int k = 1; ; k++) {
            Canceller<T> canceller = new Canceller<>(program.get(), k);
            T value = null;
            Throwable failure = null;
            try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
                value = rt.blockOn(canceller);
            } catch (Throwable t) {
                failure = t;
            }
            afterEachRun.accept(new Run<>(canceller.cancelled ? k : 0, value, failure));
            if (!canceller.cancelled) {
                if (k == 1) {
                    throw new AssertionError("the program was never pending: there is no await to cancel at");
                }
                return k - 1;
            }
            if (!(failure instanceof CancellationException)) {
                throw new AssertionError("cancelled at pending point " + k + ", the program completed with "
                        + (failure == null ? "value " + value : failure) + " instead of CancellationException",
                        failure);
            }
        }
    }

    private static final class Canceller<T> implements Future<T> {
        private final Future<T> program;
        private final int cancelAt;
        private int pendings;
        boolean cancelled;

        Canceller(Future<T> program, int cancelAt) {
            this.program = program;
            this.cancelAt = cancelAt;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> poll = program.poll(cx);
            if (poll.isPending() && !cancelled && ++pendings == cancelAt) {
                cancelled = true;
                program.cancel();
                return program.poll(cx); // the owner that cancels polls again (Future's cancellation protocol)
            }
            return poll;
        }
    }
}
