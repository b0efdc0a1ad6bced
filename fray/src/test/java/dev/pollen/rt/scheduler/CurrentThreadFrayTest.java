package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import dev.pollen.fray.EventFuture;
import dev.pollen.fray.Threads;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * The current-thread scheduler's hand-over of "the core" (the right to poll its tasks) under
 * Fray: two threads in {@code blockOn} of one runtime at once, their roots woken by a third
 * thread. One of them polls every task while the other waits for its root or for the core; a
 * wake that reaches nobody leaves every thread waiting: Fray reports the deadlock.
 */
@ExtendWith(FrayTestExtension.class)
class CurrentThreadFrayTest {

    /**
     * Both {@code blockOn} calls return their root's value, whoever held the core when its
     * root was woken, and each root was polled at most once per wake plus its first poll.
     *
     * <p>Mutation caught (iteration of the first failure in one run): waitForCore parking
     * without re-checking the core's owner after joining the waiters, so a release in between
     * wakes nobody (deadlock, 128).
     */
    @FrayTest(iterations = 500)
    void twoBlockOnCallsSharingTheCoreBothReturn() throws InterruptedException {
        AsyncRuntime rt = AsyncRuntime.currentThread();
        EventFuture first = new EventFuture(1);
        EventFuture second = new EventFuture(1);
        AtomicInteger secondPolls = new AtomicInteger();
        Thread other = Threads.start(() -> secondPolls.set(rt.blockOn(second)));
        Thread publisher = Threads.start(() -> {
            first.awaitFirstPoll();
            second.awaitFirstPoll();
            second.publish();
            first.publish();
        });
        int firstPolls = rt.blockOn(first);
        other.join();
        publisher.join();
        assertTrue(rt.shutdown(Duration.ofSeconds(10)), "shutdown did not end cleanly");
        assertEquals(first.polls(), firstPolls);
        assertEquals(second.polls(), secondPolls.get());
        assertTrue(firstPolls <= 2 && secondPolls.get() <= 2,
                "polled " + firstPolls + " and " + secondPolls.get() + " times for one wake each");
    }
}
