package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.Threads;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link TaskScope} on a runtime with two workers, under Fray: a child completing on one worker
 * while the scope's owner is cancelled on another (the child's completion hook and the owner's
 * cancel both take the scope's monitor; the child's failure wakes the owner). Whole runtimes make
 * long interleavings, hence fewer iterations than the protocol tests.
 */
@ExtendWith(FrayTestExtension.class)
class TaskScopeFrayTest {

    /**
     * A child fails (its gate is opened with a failure by a third thread) while the test thread
     * cancels the scope's task. Whatever the order: the run throws the child's failure if it
     * completed before the cancel reached it; else CancellationException, with the child's
     * failure suppressed on it if the child failed (nothing lost), with nothing if the cancel
     * reached the child first; the child is complete when the run completes, the body
     * was cancelled exactly once and completed, nothing hangs, and the runtime shuts down cleanly.
     *
     * <p>Mutation caught: a child's real failure not counted once the scope is cancelling (the
     * failure is lost: not suppressed on the CancellationException; iteration 2).
     */
    @FrayTest(iterations = 300)
    void aChildFailingRacesTheCancelOfItsScope() throws InterruptedException {
        AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
        RuntimeException failure = new IllegalStateException("child failed");
        Gate child = new Gate();
        Gate body = new Gate();
        AtomicReference<JoinHandle<String>> childHandle = new AtomicReference<>();
        JoinHandle<String> run = rt.spawn(TaskScope.run(scope -> {
            childHandle.set(scope.spawn(child));
            return body;
        }));
        Thread failer = Threads.start(() -> {
            child.awaitFirstPoll();
            child.fail(failure);
        });
        child.awaitFirstPoll();
        run.cancel();
        Object outcome = outcome(run);
        failer.join();
        assertTrue(childHandle.get().isDone(), "the run completed before its child");
        Object childOutcome = outcome(childHandle.get());
        if (outcome == failure) {
            assertSame(failure, childOutcome, "the run threw a failure the child did not have");
        } else if (childOutcome == failure) {
            assertTrue(outcome instanceof CancellationException, "run: " + outcome);
            assertArrayEquals(new Throwable[] {failure}, ((Throwable) outcome).getSuppressed());
        } else {
            assertTrue(outcome instanceof CancellationException, "run: " + outcome);
            assertTrue(childOutcome instanceof CancellationException, "child: " + childOutcome);
            assertEquals(0, ((Throwable) outcome).getSuppressed().length);
        }
        assertEquals(1, body.cancels.get(), "the body's cancels");
        assertTrue(rt.shutdown(Duration.ofSeconds(10)), "shutdown did not end cleanly");
    }

    /**
     * A child spawns another child into the scope while the test thread cancels the scope's task:
     * the late child is either spawned before the cancel reached the scope (and then cancelled
     * with the others) or spawned into a cancelling scope (and cancelled before its first poll);
     * either way the run completes with CancellationException only once it is complete, and
     * nothing hangs (a late child left uncancelled would wait forever).
     *
     * <p>Mutation caught: a spawn into a cancelling scope not cancelled (deadlock, within the
     * first 30 iterations).
     */
    @FrayTest(iterations = 300)
    void aSpawnIntoTheScopeRacesItsCancel() throws InterruptedException {
        AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
        Gate late = new Gate();
        AtomicReference<JoinHandle<String>> lateHandle = new AtomicReference<>();
        Gate body = new Gate();
        JoinHandle<String> run = rt.spawn(TaskScope.run(scope -> {
            scope.spawn(new Spawner(scope, late, lateHandle));
            return body;
        }));
        body.awaitFirstPoll();
        run.cancel();
        Object outcome = outcome(run);
        assertTrue(outcome instanceof CancellationException, "run: " + outcome);
        JoinHandle<String> handle = lateHandle.get();
        if (handle != null) {
            assertTrue(handle.isDone(), "the run completed before the late child");
            assertEquals(1, late.cancels.get(), "the late child's cancels");
        }
        assertTrue(rt.shutdown(Duration.ofSeconds(10)), "shutdown did not end cleanly");
    }

    /** The value of {@code future}, polled on this thread, or what it threw. */
    private static Object outcome(Future<?> future) {
        try {
            return ForeignPoller.await(future);
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** A child that spawns {@code late} into its scope at its first poll (unless cancelled before). */
    static final class Spawner implements Future<String> {
        private final TaskScope scope;
        private final Gate late;
        private final AtomicReference<JoinHandle<String>> lateHandle;
        private boolean cancelled;

        Spawner(TaskScope scope, Gate late, AtomicReference<JoinHandle<String>> lateHandle) {
            this.scope = scope;
            this.late = late;
            this.lateHandle = lateHandle;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (cancelled) {
                throw new CancellationException("spawner cancelled");
            }
            lateHandle.set(scope.spawn(late));
            return Poll.ready("spawned");
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    /**
     * A leaf future that is pending until {@link #fail} (from any thread) or until it was
     * cancelled: then its next poll throws. The poll stores its waker, then reads the state; the
     * failing thread writes the state, then reads the waker: one sees the other.
     */
    static final class Gate implements Future<String> {
        final AtomicInteger cancels = new AtomicInteger();
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final AtomicReference<Waker> waker = new AtomicReference<>();
        private final CountDownLatch polled = new CountDownLatch(1);
        private boolean cancelled;

        @Override
        public Poll<String> poll(Context cx) {
            waker.set(cx.waker());
            polled.countDown();
            RuntimeException f = failure.get();
            if (f != null) {
                throw f;
            }
            if (cancelled) {
                throw new CancellationException("gate cancelled");
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled = true;
        }

        void awaitFirstPoll() {
            Threads.await(polled);
        }

        void fail(RuntimeException f) {
            failure.set(f);
            Waker w = waker.get();
            if (w != null) {
                w.wake();
            }
        }
    }
}
