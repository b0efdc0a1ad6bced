package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.fray.EventFuture;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import dev.pollen.testkit.Chain;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * {@link Executor#blockOn} and {@link Executor#spawn} (the thread's own current-thread runtime)
 * under Fray, with wakes from other threads: the queue of the thread in {@code blockOn} and
 * the inject queue with its unpark.
 */
@ExtendWith(FrayTestExtension.class)
class ExecutorFrayTest {

    /**
     * Two threads publish an event each and wake a spawned task once its first poll has begun;
     * the root joins the task. No wake is lost (the call returns), none is doubled (at most one
     * poll per wake plus the first; a second queue entry of the completed task would poll it
     * again, which the future refuses).
     *
     * <p>Mutation caught (iteration of the first failure in one run): the current-thread
     * scheduler queueing a foreign wake without unparking the thread that polls (deadlock, 6).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void wakesFromOtherThreadsOfASpawnedTaskAreNeitherLostNorDoubled() throws InterruptedException {
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
}
