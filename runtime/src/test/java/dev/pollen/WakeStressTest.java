package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.ManualFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A bounded stress test of the multi-threaded runtime (about 3 seconds): tasks that wake each
 * other from the workers while foreign threads wake them too. No wake is lost (every task
 * completes), none is doubled (a task is polled at most once per message plus its first poll),
 * no task is polled by two threads at once, and shutdown cancels what is still live. The
 * interleavings are left to chance here: the Fray tests (fray/) explore them.
 *
 * <p>Mutations caught: TaskState.transitionToIdle as a volatile read then a write instead of
 * one read-modify-write (a wake during a poll lost: the hang guard fires, 2 runs of 2);
 * transitionToNotified having a RUNNING task queued (hang guard, 1 run of 1). Each test run
 * without a mutation takes about 3 s.
 */
class WakeStressTest {

    /** Rounds of all three runtimes are repeated for this long (at least once). */
    private static final Duration STRESS = Duration.ofSeconds(3);
    private static final Duration HANG_GUARD = Duration.ofSeconds(30);
    private static final int TASKS = 1_000;
    /** Messages each task gets from the foreign threads, and from the task before it. */
    private static final int FOREIGN = 100;
    private static final int CHAINED = 100;
    private static final int FOREIGN_THREADS = 3;

    @Test
    void tasksWokenByEachOtherAndByForeignThreadsAreNeitherLostNorDoubledNorPolledConcurrently() {
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            long end = System.nanoTime() + STRESS.toNanos();
            do {
                for (int workers = 1; workers <= 4; workers *= 2) {
                    round(workers);
                }
            } while (System.nanoTime() - end < 0);
        }, "a wake-up was lost: some task never completed (or shutdown hung)");
    }

    private static void round(int workers) throws InterruptedException {
        AtomicInteger overlaps = new AtomicInteger();
        List<Mailbox> boxes = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            boxes.add(new Mailbox(overlaps));
        }
        for (int i = 0; i < TASKS; i++) {
            boxes.get(i).next = boxes.get((i + 1) % TASKS);
        }
        ManualFuture<Integer> never = new ManualFuture<>();
        AsyncRuntime rt = AsyncRuntime.builder().workers(workers).build();
        JoinHandle<Integer> stuck = rt.spawn(never);
        List<Future<Integer>> handles = new ArrayList<>();
        for (Mailbox box : boxes) {
            handles.add(rt.spawn(box));
        }
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < FOREIGN_THREADS; t++) {
            int first = t;
            Thread sender = new Thread(() -> {
                for (int n = first; n < FOREIGN * TASKS; n += FOREIGN_THREADS) {
                    boxes.get(n % TASKS).send();
                }
            });
            sender.start();
            senders.add(sender);
        }
        List<Integer> polls = rt.blockOn(AsyncRuntimeTest.joinAll(handles));
        for (Thread sender : senders) {
            sender.join();
        }
        assertTrue(rt.shutdown(Duration.ofSeconds(10)), "shutdown did not end cleanly");
        assertThrows(CancellationException.class, () -> rt.blockOn(stuck));
        assertTrue(never.isCancelled(), "a live task was not cancelled at shutdown");
        assertEquals(0, overlaps.get(), "a task was polled by two threads at once");
        for (int p : polls) {
            assertTrue(p <= 1 + FOREIGN + CHAINED, "polled " + p + " times for "
                    + (FOREIGN + CHAINED) + " messages: a wake was doubled");
        }
    }

    /**
     * A task that completes (with its number of polls) once it has received
     * {@code FOREIGN + CHAINED} messages, and sends one to the next task for each of its first
     * {@code CHAINED} ones: from a worker, at its poll.
     */
    private static final class Mailbox implements Future<Integer> {
        final AtomicInteger inbox = new AtomicInteger();
        final AtomicReference<Waker> waker = new AtomicReference<>();
        final AtomicInteger polling = new AtomicInteger();
        final AtomicInteger overlaps;
        Mailbox next;
        int received;
        int forwarded;
        int polls;

        Mailbox(AtomicInteger overlaps) {
            this.overlaps = overlaps;
        }

        /** Any thread: one message, then a wake of the latest poll's waker. */
        void send() {
            inbox.incrementAndGet();
            Waker w = waker.get();
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            if (polling.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            try {
                polls++;
                waker.set(cx.waker());
                received += inbox.getAndSet(0);
                while (forwarded < Math.min(received, CHAINED)) {
                    forwarded++;
                    next.send();
                }
                return received == FOREIGN + CHAINED ? Poll.ready(polls) : Poll.pending();
            } finally {
                polling.decrementAndGet();
            }
        }
    }
}
