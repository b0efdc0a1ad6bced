package dev.pollen.rt.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.fray.EventFuture;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.QueueScheduler;
import dev.pollen.fray.Threads;
import dev.pollen.testkit.ManualFuture;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * The task state word and its named transitions ({@link TaskState}, driven by {@link TaskCell})
 * under Fray: worker threads run a task as a runtime does ({@link QueueScheduler}), while other
 * threads wake it, cancel it and poll its handle. The test's thread joins the task through its
 * handle. A lost wake-up leaves every thread blocked: Fray reports the deadlock.
 */
@ExtendWith(FrayTestExtension.class)
class TaskCellFrayTest {

    /**
     * Two threads publish an event each and wake the task once its first poll has begun, while
     * two workers may run it: the task is never polled by two workers at once (a guard in the
     * future), is queued at most once at a time however many wakes arrive (the scheduler's
     * check), is polled at most once per wake plus its first poll, and no wake is lost.
     *
     * <p>Mutations caught (iteration of the first failure in one run): transitionToIdle as a
     * volatile read then a volatile write instead of one read-modify-write (deadlock, 96);
     * transitionToNotified telling the waker to queue a RUNNING task ("polled by two threads at
     * once", 0); transitionToRunning keeping NOTIFIED, so that the task is queued again after
     * every poll ("polled 9 times for 2 wakes", 7).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void concurrentWakesWhileWorkersPollAreNeitherLostNorDoubled() throws InterruptedException {
        QueueScheduler scheduler = new QueueScheduler();
        EventFuture future = new EventFuture(2);
        TaskCell<Integer> task = new TaskCell<>(scheduler, future, false);
        Thread w1 = scheduler.startWorker();
        Thread w2 = scheduler.startWorker();
        scheduler.schedule(task);       // a new task is NOTIFIED: its spawner queues it
        Runnable publisher = () -> {
            future.awaitFirstPoll();
            future.publish();
        };
        Thread a = Threads.start(publisher);
        Thread b = Threads.start(publisher);
        int polls = ForeignPoller.await(task);
        a.join();
        b.join();
        scheduler.stop(2);
        w1.join();
        w2.join();
        assertEquals(future.polls(), polls);
        assertTrue(polls <= 3, "polled " + polls + " times for 2 wakes");
    }

    /**
     * A thread polls the task's handle while a worker completes the task: the handle's waker
     * (written, then the state re-read) and the completion (COMPLETE set, then the waker read)
     * race; the joiner always gets the value.
     *
     * <p>Mutations caught (iteration of the first failure in one run): the handle's poll
     * without the re-read of the state (deadlock, 24); complete() reading the join waker before
     * setting COMPLETE (deadlock, 4).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aJoinRacingTheCompletionSeesIt() throws InterruptedException {
        QueueScheduler scheduler = new QueueScheduler();
        TaskCell<Integer> task = new TaskCell<>(scheduler, new EventFuture(0), false);
        Thread worker = scheduler.startWorker();
        scheduler.schedule(task);
        assertEquals(1, ForeignPoller.await(task));
        scheduler.stop(1);
        worker.join();
    }

    /**
     * One thread cancels the task through its handle and another wakes it, while a worker runs
     * it: the cancel is delivered (the future's {@code cancel()}, then a poll that ends it) and
     * the joiner gets the CancellationException; no wake is lost.
     *
     * <p>Mutation caught: transitionToCancelled setting CANCELLED without NOTIFIED, so an idle
     * task is never run again to receive it (deadlock, 3).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aCancelRacingAWakeAndAPollEndsTheTask() throws InterruptedException {
        QueueScheduler scheduler = new QueueScheduler();
        ManualFuture<Integer> never = new ManualFuture<>();
        TaskCell<Integer> task = new TaskCell<>(scheduler, never, false);
        Thread worker = scheduler.startWorker();
        scheduler.schedule(task);
        Thread canceller = Threads.start(task::cancel);
        Thread waker = Threads.start(task::wake);
        assertThrows(CancellationException.class, () -> ForeignPoller.await(task));
        canceller.join();
        waker.join();
        scheduler.stop(1);
        worker.join();
        assertTrue(never.isCancelled());
    }
}
