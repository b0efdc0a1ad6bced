package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import dev.pollen.JoinHandle;
import dev.pollen.fray.EventFuture;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.Threads;
import java.time.Duration;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * The idle protocol of a multi-threaded runtime's workers ({@link Idle}, {@code Worker.park})
 * under Fray: two workers go idle and park while a thread outside the runtime wakes a task.
 * A worker that parks while the task is queued, with nobody left to wake it, leaves every
 * thread waiting: Fray reports the deadlock. Whole runtimes make long interleavings, hence
 * fewer iterations than the protocol tests.
 */
@ExtendWith(FrayTestExtension.class)
class IdleFrayTest {

    /**
     * A task spawned from outside waits for an event published by another outside thread,
     * while the two workers search and park; the event's wake reaches a worker, the task
     * completes, and the joiner gets its value.
     *
     * <p>Mutation caught (iteration of the first failure in one run): Worker.park without its
     * re-check of the queues after being counted parked (deadlock, 5).
     */
    @FrayTest(iterations = 300)
    void aWakeFromOutsideReachesAParkingWorker() throws InterruptedException {
        AsyncRuntime rt = AsyncRuntime.builder().workers(2).build();
        EventFuture future = new EventFuture(1);
        JoinHandle<Integer> handle = rt.spawn(future);
        Thread publisher = Threads.start(() -> {
            future.awaitFirstPoll();
            future.publish();
        });
        int polls = ForeignPoller.await(handle);
        publisher.join();
        assertTrue(rt.shutdown(Duration.ofSeconds(10)), "shutdown did not end cleanly");
        assertEquals(future.polls(), polls);
        assertTrue(polls <= 2, "polled " + polls + " times for 1 wake");
    }
}
