package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.Chain;
import dev.pollen.testkit.ManualFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * A task's state word ({@link TaskCell}) and its {@link JoinHandle} under Fray, driven by the
 * real executor ({@link Executor#blockOn} on the test's thread) with wakes, handle polls and
 * cancels from other threads. A lost wake-up leaves every thread parked: Fray reports the
 * deadlock.
 */
@ExtendWith(FrayTestExtension.class)
class TaskCellFrayTest {

    /**
     * Two threads each publish an event and wake a spawned task once its first poll has
     * begun, so while it is running, idle or queued again; the task is ready once it sees both events, and the root joins it. No
     * wake is lost (the run ends), none is doubled: the task is polled at most once per wake
     * plus its first poll, and never after it completed (a second queue entry of a completed
     * task would run it again).
     *
     * <p>Mutations caught (iteration of the first failure in one run): run()'s RUNNING -> IDLE
     * as a check then a plain write instead of a CAS, so a wake during the poll is lost
     * (deadlock, 90); wake() in RUNNING queueing the task as well as marking it notified (the
     * completed task run again from its second queue entry, a ClassCastException, 8; "polled
     * 4 times" in another run, 163); wake() in IDLE as a read then a plain write instead of a
     * CAS, so two wakers both queue it (ClassCastException, 7; 0 in 1000 before the wakers
     * waited for the first poll).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void wakesFromOtherThreadsAreNeitherLostNorDoubled() throws InterruptedException {
        EventFuture task = new EventFuture(2);
        Runnable publisher = () -> {
            task.awaitFirstPoll();
            task.publish();
        };
        Thread a = Threads.start(publisher);
        Thread b = Threads.start(publisher);
        int polls = Executor.blockOn(Chain.defer(() -> Executor.spawn(task)));
        a.join();
        b.join();
        assertTrue(polls <= 3, "polled " + polls + " times for 2 wakes");
    }

    /**
     * A thread that is not the executor's polls a task's handle while the executor completes
     * the task: the handle's waker (set, then the state re-checked) and the completion (state
     * written, then the waker taken) race. The poller always gets the value.
     *
     * <p>Mutations caught (iteration of the first failure in one run): JoinHandle.poll
     * without the re-check after setting its waker (deadlock, 51); complete() reading the join
     * waker before writing COMPLETE (deadlock, 6).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aHandlePolledFromAnotherThreadSeesTheCompletion() throws InterruptedException {
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        CountDownLatch spawned = new CountDownLatch(1);
        ManualFuture<Integer> joined = new ManualFuture<>();
        Thread joiner = Threads.start(() -> {
            Threads.await(spawned);
            joined.complete(ForeignPoller.await(handle.get()));
        });
        int value = Executor.blockOn(Chain.defer(() -> {
            handle.set(Executor.spawn(new EventFuture(0)));
            spawned.countDown();
            return joined;
        }));
        joiner.join();
        assertEquals(1, value);
    }

    /**
     * Another thread cancels a task through its handle while the executor polls it for the
     * first time: the request (a flag, then a wake) is never lost, the task's future gets
     * {@code cancel()} before a later poll and the handle completes with the cancellation.
     *
     * <p>Mutation caught: requestCancel() waking before setting its flag (deadlock, at the
     * first iteration).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aCancelFromAnotherThreadReachesTheTask() throws InterruptedException {
        ManualFuture<Integer> never = new ManualFuture<>();
        AtomicReference<JoinHandle<Integer>> handle = new AtomicReference<>();
        CountDownLatch spawned = new CountDownLatch(1);
        Thread canceller = Threads.start(() -> {
            Threads.await(spawned);
            handle.get().cancel();
        });
        assertThrows(CancellationException.class, () -> Executor.blockOn(Chain.defer(() -> {
            handle.set(Executor.spawn(never));
            spawned.countDown();
            return handle.get();
        })));
        canceller.join();
        assertTrue(never.isCancelled(), "the task's future did not get cancel()");
    }
}
