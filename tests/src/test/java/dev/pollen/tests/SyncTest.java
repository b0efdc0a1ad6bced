package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.sync.Barrier;
import dev.pollen.sync.Latch;
import dev.pollen.sync.Mutex;
import dev.pollen.sync.Notify;
import dev.pollen.sync.Semaphore;
import dev.pollen.time.Time;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code dev.pollen.sync} used from {@code @Async} code: cancelled at every await, nothing stays
 * held or queued; contended by many tasks on a multi-threaded runtime, the invariants hold.
 *
 * <p>{@code "try"}: javac's lint warns about a resource the block never names, which is how a
 * permit or a guard is held.
 */
@SuppressWarnings("try")
class SyncTest {

    @Async
    static void hold(Semaphore sem, int permits, Duration d) {
        try (Semaphore.Permit p = await(sem.acquire(permits))) {
            await(Time.sleep(d));
        }
    }

    /** Waits for permits another task holds, then holds them across a sleep. */
    @Async
    static String holdAfterAnother(Semaphore sem) {
        JoinHandle<Void> first = Executor.spawn(SyncTestAsync.hold(sem, 2, Duration.ofMillis(5)));
        await(Executor.yieldNow());     // the other task takes both permits
        try (Semaphore.Permit p = await(sem.acquire(2))) {
            await(Time.sleep(Duration.ofMillis(10)));
        }
        await(first);
        return "done";
    }

    /**
     * Mutation: Acquire.leave not calling BatchSemaphore.cancel (the cancelled waiter stays
     * queued, and is served permits nobody takes) fails here: "0 of 2 permits free" after the run
     * cancelled at the acquire.
     */
    @Test
    void permitsComeBackWhenTheHolderOrTheWaiterIsCancelledAtAnyAwait() {
        Semaphore sem = new Semaphore(2);
        List<Integer> points = new ArrayList<>();
        int cancelled = CancelAtEveryPending.run(() -> SyncTestAsync.holdAfterAnother(sem), run -> {
            assertEquals("Semaphore(2 of 2 permits free, 0 waiting)", sem.toString(),
                    "after the run cancelled at " + run.cancelledAt());
            points.add(run.cancelledAt());
        });
        assertEquals(3, cancelled, "yield, acquire, sleep");
        assertEquals(List.of(1, 2, 3, 0), points);
    }

    /**
     * Hands its permits to a spawned waiter as its block ends, then waits: cancelled there, the
     * runtime's close cancels the waiter, served but not yet run, which must give them back.
     */
    @Async
    static String handOver(Semaphore sem) {
        JoinHandle<Void> waiter;
        try (Semaphore.Permit p = await(sem.acquire(2))) {
            waiter = Executor.spawn(SyncTestAsync.hold(sem, 2, Duration.ofMillis(5)));
            await(Executor.yieldNow());     // the spawned task queues for the permits
        }
        await(Time.sleep(Duration.ofMillis(1)));
        await(waiter);
        return "done";
    }

    /**
     * Mutation: BatchSemaphore.cancel giving nothing back for a waiter that was served but not
     * polled fails here: "0 of 2 permits free" after the run cancelled at the sleep.
     */
    @Test
    void permitsHandedToAWaiterCancelledBeforeItRanComeBack() {
        Semaphore sem = new Semaphore(2);
        int cancelled = CancelAtEveryPending.run(() -> SyncTestAsync.handOver(sem), run ->
                assertEquals("Semaphore(2 of 2 permits free, 0 waiting)", sem.toString(),
                        "after the run cancelled at " + run.cancelledAt()));
        assertEquals(3, cancelled, "yield, sleep, join");
    }

    @Async
    static int lockedIncrement(Mutex mutex, int[] counter) {
        try (Mutex.Guard g = await(mutex.lock())) {
            int before = counter[0];
            await(Time.sleep(Duration.ofMillis(1)));
            counter[0] = before + 1;
            return before;
        }
    }

    @Async
    static int twoLockers(Mutex mutex, int[] counter) {
        JoinHandle<Integer> other = Executor.spawn(SyncTestAsync.lockedIncrement(mutex, counter));
        await(Executor.yieldNow());
        int mine = await(SyncTestAsync.lockedIncrement(mutex, counter));
        return mine + await(other);
    }

    @Test
    void theMutexIsUnlockedWhenTheHolderOrTheWaiterIsCancelledAtAnyAwait() {
        Mutex mutex = new Mutex();
        int[] counter = {0};
        int cancelled = CancelAtEveryPending.run(() -> {
            counter[0] = 0;
            return SyncTestAsync.twoLockers(mutex, counter);
        }, run -> {
            assertEquals("Mutex(free)", mutex.toString(), "after the run cancelled at " + run.cancelledAt());
            if (!run.cancelled()) {
                assertEquals(1, run.value(), "0 + 1: one after the other");
            }
        });
        assertTrue(cancelled >= 3, "yield, the lock, the sleeps: " + cancelled);
    }

    @Async
    static void countDownLater(Latch latch) {
        await(Time.sleep(Duration.ofMillis(1)));
        latch.countDown();
    }

    @Async
    static void notifyLater(Notify notify) {
        await(Time.sleep(Duration.ofMillis(1)));
        notify.notifyOne();
    }

    /** A latch, a barrier with a spawned peer and a notify, one after another. */
    @Async
    static int meetAll(Latch latch, Barrier barrier, Notify notify) {
        Executor.spawn(SyncTestAsync.countDownLater(latch));
        await(latch.opened());
        JoinHandle<Integer> peer = Executor.spawn(barrier.arrive());
        int mine = await(barrier.arrive());
        Executor.spawn(SyncTestAsync.notifyLater(notify));
        await(notify.notified());
        return mine + await(peer);
    }

    @Test
    void latchBarrierAndNotifyWaitersLeaveNothingQueuedWhenCancelledAtAnyAwait() {
        Barrier barrier = new Barrier(2);
        Notify notify = new Notify();
        Latch[] latch = new Latch[1];
        int cancelled = CancelAtEveryPending.run(() -> {
            latch[0] = new Latch(1);
            return SyncTestAsync.meetAll(latch[0], barrier, notify);
        }, run -> {
            String at = "after the run cancelled at " + run.cancelledAt();
            assertEquals(0, barrier.arrived(), at);
            assertEquals(0, notify.waiters(), at);
            assertTrue(latch[0].toString().endsWith("counts left)"), latch[0] + " " + at);
            if (!run.cancelled()) {
                assertEquals(1, run.value(), "indices 0 and 1");
            }
        });
        assertTrue(cancelled >= 3, "latch, barrier, notify: " + cancelled);
    }

    @Async
    static void limited(Semaphore sem, int permits, AtomicInteger inside, AtomicInteger most, int rounds) {
        for (int i = 0; i < rounds; i++) {
            try (Semaphore.Permit p = await(sem.acquire(permits))) {
                int now = inside.addAndGet(permits);
                most.accumulateAndGet(now, Math::max);
                try {
                    await(Executor.yieldNow());
                } finally {
                    inside.addAndGet(-permits);     // before the permit returns, also when cancelled here
                }
            }
        }
    }

    /**
     * 24 tasks on 4 workers take 1, 2 or 3 of 5 permits, 200 times each; then 24 more that are
     * cancelled midway: never more permits held than the semaphore has; all back, nobody queued.
     */
    @Test
    void manyTasksOnSeveralWorkersNeverHoldMorePermitsThanThereAre() {
        Semaphore sem = new Semaphore(5);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(4).build()) {
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                tasks.add(rt.spawn(SyncTestAsync.limited(sem, 1 + i % 3, inside, most, 200)));
            }
            for (JoinHandle<Void> t : tasks) {
                rt.blockOn(t);
            }
            List<JoinHandle<Void>> cancelled = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                cancelled.add(rt.spawn(SyncTestAsync.limited(sem, 1 + i % 3, inside, most, 1_000_000)));
            }
            rt.blockOn(Time.sleep(Duration.ofMillis(20)));
            for (JoinHandle<Void> t : cancelled) {
                t.cancel();
            }
            for (JoinHandle<Void> t : cancelled) {
                try {
                    rt.blockOn(t);
                } catch (CancellationException expected) {
                    // the task ended at an await
                }
            }
        }
        assertTrue(most.get() <= 5, "at most 5 permits held at once, saw " + most.get());
        assertTrue(most.get() >= 2, "the tasks did run together: " + most.get());
        assertEquals(0, inside.get());
        assertEquals("Semaphore(5 of 5 permits free, 0 waiting)", sem.toString());
    }

    @Async
    static void incrementMany(Mutex mutex, int[] counter, int rounds) {
        for (int i = 0; i < rounds; i++) {
            try (Mutex.Guard g = await(mutex.lock())) {
                int before = counter[0];
                await(Executor.yieldNow());     // another task may run here, but not in this block
                counter[0] = before + 1;
            }
        }
    }

    @Test
    void aMutexGuardsAReadModifyWriteAcrossAnAwaitOnSeveralWorkers() {
        Mutex mutex = new Mutex();
        int[] counter = {0};
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(4).build()) {
            List<JoinHandle<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(rt.spawn(SyncTestAsync.incrementMany(mutex, counter, 300)));
            }
            for (JoinHandle<Void> t : tasks) {
                rt.blockOn(t);
            }
        }
        assertEquals(8 * 300, counter[0]);
        assertEquals("Mutex(free)", mutex.toString());
    }
}
