package dev.pollen.rt.blocking;

import static dev.pollen.rt.blocking.Polling.await;
import static dev.pollen.rt.blocking.Polling.awaitLatch;
import static dev.pollen.rt.blocking.Polling.pollOnce;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.Poll;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A BlockingTask as its owner sees it: results, wakes, cancellation, toString. */
class BlockingTaskTest {

    private static final String PREFIX = "task-test";

    /** One thread: calls run in order on the same thread, which makes leaks between calls visible. */
    private final BlockingPool pool = new BlockingPool(PREFIX, 1, Duration.ofSeconds(30));

    @AfterEach
    void shutDown() {
        assertTrue(pool.shutdown(Duration.ofSeconds(5)), "pool threads still alive after the test");
    }

    @Test
    void valueIsTheCallsOwnObject() throws Exception {
        Object value = new Object();
        assertSame(value, await(pool.submit(() -> value)));
    }

    @Test
    void checkedFailureIsThrownUnchanged() {
        IOException failure = new IOException("disk gone");
        Future<Object> task = pool.submit(() -> {
            throw failure;
        });
        assertSame(failure, assertThrows(IOException.class, () -> await(task)));
    }

    @Test
    void errorFailsTheTaskAndThePoolThreadRunsTheNextCall() throws Exception {
        StackOverflowError error = new StackOverflowError("deep");
        Future<Object> failing = pool.submit(() -> {
            throw error;
        });
        assertSame(error, assertThrows(StackOverflowError.class, () -> await(failing)));
        assertEquals(PREFIX + "-blocking-1", await(pool.submit(Calls.threadName())));
        assertEquals(1, Polling.liveThreads(PREFIX));
    }

    @Test
    void pollAfterTheResultWasTakenIsRefused() throws Exception {
        Future<Integer> task = pool.submit(() -> 1);
        assertEquals(1, await(task));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(task));
        assertEquals("polled after completion", e.getMessage());
    }

    @Test
    void completionOnThePoolThreadWakesTheWakerOfTheLatestPoll() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<String> task = pool.submit(() -> {
            gate.await();
            return "done";
        });
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch latest = new CountDownLatch(1);
        assertTrue(pollOnce(task, first).isPending());
        assertTrue(pollOnce(task, latest).isPending());
        gate.countDown();
        awaitLatch(latest, "completion woke the latest poll's waker");
        assertEquals("done", pollOnce(task, new CountDownLatch(1)).get());
    }

    @Test
    void completionRacingAPendingPollIsNeverLost() throws Exception {
        // Bounded (about 1 s at most). The pool thread spins until released, so its completion
        // lands within nanoseconds of the poll that follows the release: a poll that stored its
        // waker without re-reading the state would, now and then, wait forever here.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
        int round = 0;
        while (System.nanoTime() < deadline) {
            round++;
            AtomicBoolean go = new AtomicBoolean();
            CountDownLatch spinning = new CountDownLatch(1);
            Future<Integer> task = pool.submit(() -> {
                spinning.countDown();
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                return 1;
            });
            awaitLatch(spinning, "the call started");
            CountDownLatch woken = new CountDownLatch(1);
            go.set(true);
            Poll<Integer> p = pollOnce(task, woken);
            while (p.isPending()) {
                assertTrue(woken.await(1, TimeUnit.SECONDS), "round " + round + ": wake lost");
                woken = new CountDownLatch(1);
                p = pollOnce(task, woken);
            }
            assertEquals(1, p.get());
        }
    }

    @Test
    void cancelBeforeStartNeverRunsTheCall() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<Void> blocker = pool.submit(Calls.waitFor(gate));
        AtomicBoolean ran = new AtomicBoolean();
        Future<Void> queued = pool.submit(() -> {
            ran.set(true);
            return null;
        });
        assertEquals(2, pool.active());

        queued.cancel();

        assertEquals(1, pool.active(), "a cancelled queued call is no longer counted");
        assertThrows(CancellationException.class, () -> pollOnce(queued, new CountDownLatch(1)));
        gate.countDown();
        await(blocker);
        assertTrue(pool.shutdown(Duration.ofSeconds(5)));
        assertFalse(ran.get(), "the cancelled call ran");
    }

    @Test
    void cancelWhileRunningInterruptsTheCall() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<String> task = pool.submit(() -> {
            try {
                Calls.startThenBlockUntilInterrupted(started);
                return "never";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        });
        awaitLatch(started, "the call started");

        task.cancel();

        CancellationException e = assertThrows(CancellationException.class, () -> await(task));
        assertTrue(interrupted.get(), "the call's thread was not interrupted");
        assertArrayEquals(new Throwable[0], e.getSuppressed(), "InterruptedException is the expected "
                + "answer to the cancel, not a failure to report");
    }

    @Test
    void cancelledCallCompletesOnlyWhenItReturnsAndItsOwnFailureIsSuppressed() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        IOException cleanupFailure = new IOException("could not close");
        Future<String> task = pool.submit(() -> {
            try {
                Calls.startThenBlockUntilInterrupted(started);
            } catch (InterruptedException e) {
                Calls.awaitIgnoringInterrupts(release);      // a slow cleanup after the interrupt
                throw cleanupFailure;
            }
            return "never";
        });
        awaitLatch(started, "the call started");
        CountDownLatch woken = new CountDownLatch(1);
        assertTrue(pollOnce(task, woken).isPending());

        task.cancel();

        assertFalse(woken.await(100, TimeUnit.MILLISECONDS), "completed before the call returned");
        assertTrue(pollOnce(task, woken).isPending());
        release.countDown();
        CancellationException e = assertThrows(CancellationException.class, () -> await(task));
        assertArrayEquals(new Throwable[] {cleanupFailure}, e.getSuppressed());
    }

    @Test
    void cancelledCallThatReturnsAValueStillEndsCancelled() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Future<String> task = pool.submit(() -> {
            try {
                Calls.startThenBlockUntilInterrupted(started);
            } catch (InterruptedException e) {
                return "interrupted, returned anyway";
            }
            return "never";
        });
        awaitLatch(started, "the call started");
        task.cancel();
        assertThrows(CancellationException.class, () -> await(task));
    }

    @Test
    void cancelAfterCompletionIsIgnored() throws Exception {
        Future<String> task = pool.submit(() -> "done");
        Polling.eventually("the call completed", () -> pool.active() == 0);
        task.cancel();
        assertEquals("done", await(task));
    }

    @Test
    void anInterruptSetByACallDoesNotReachTheNextCall() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        Future<Void> first = pool.submit(() -> {
            gate.await();
            Thread.currentThread().interrupt();
            return null;
        });
        // Queued behind it, so the thread goes straight from one call to the next (an idle wait
        // in between would consume the flag and hide a leak).
        Future<Boolean> next = pool.submit(() -> Thread.currentThread().isInterrupted());
        gate.countDown();
        await(first);
        assertFalse(await(next));
    }

    @Test
    void cancelRacingTheEndOfACallNeverInterruptsTheNextCall() throws Exception {
        // Bounded (about 1 s at most): each round cancels a call around the moment it returns.
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(800);
        int round = 0;
        while (System.nanoTime() < deadline) {
            int spins = round++ % 200;
            Future<Integer> racing = pool.submit(() -> {
                int x = 0;
                for (int i = 0; i < spins * 50; i++) {
                    x += i;
                }
                return x;
            });
            Future<Boolean> next = pool.submit(() -> Thread.currentThread().isInterrupted());
            racing.cancel();
            assertFalse(await(next), "round " + round + ": the next call started interrupted");
            try {
                await(racing);
            } catch (CancellationException expected) {
                // either outcome is right; only the next call matters here
            }
        }
    }

    @Test
    void toStringSaysWhereTheCallIs() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Future<String> running = pool.submit(new Named("readConfig", () -> {
            started.countDown();
            gate.await();
            return "config";
        }));
        Future<String> queued = pool.submit(() -> "x");
        awaitLatch(started, "the call started");

        assertTrue(running.toString().matches(
                "spawnBlocking\\(readConfig\\) running on " + PREFIX + "-blocking-1 for \\d+\\.\\d s"),
                running.toString());
        assertTrue(queued.toString().matches(
                "spawnBlocking\\(dev\\.pollen\\.rt\\.blocking\\.BlockingTaskTest\\$\\$Lambda.*\\) queued"),
                queued.toString());
        queued.cancel();
        assertTrue(queued.toString().endsWith(") completed (cancelled)"), queued.toString());
        gate.countDown();
        await(running);
        assertEquals("spawnBlocking(readConfig) completed", running.toString());
    }

    /** A call with a name of its own. */
    private static final class Named implements Callable<String> {
        private final String name;
        private final Callable<String> body;

        Named(String name, Callable<String> body) {
            this.name = name;
            this.body = body;
        }

        @Override
        public String call() throws Exception {
            return body.call();
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
