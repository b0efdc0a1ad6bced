package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.fray.EventFuture;
import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.QueueScheduler;
import dev.pollen.fray.Threads;
import dev.pollen.rt.task.TaskCell;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * The toolkit's bridges and combinators under Fray: a {@code CompletableFuture} completed while
 * {@code Futures.fromStage} registers and re-registers its waker, a {@code CompletableFuture} of a
 * task cancelled while the task completes, and a large {@code joinAll} whose children are woken
 * from two threads. A lost wake-up leaves every thread blocked: Fray reports the deadlock.
 */
@ExtendWith(FrayTestExtension.class)
class FuturesFrayTest {

    /**
     * Another thread completes the stage while this one polls: the first poll (which registers
     * the callback) and the next, made at once with a new waker (a poll without a wake is
     * allowed), race the callback. Only the latest waker releases this thread, so a wake of a
     * replaced waker leaves it asleep.
     *
     * <p>Mutation caught (iteration of the first failure in one run): the re-poll writing its
     * waker with a plain volatile write instead of a CAS, overwriting COMPLETED (deadlock, 220).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aCompletionRacingTheRegisteringPollIsNotLost() throws InterruptedException {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.fromStage(cf.thenApply(s -> s));
        String value = "v";
        Thread completer = Threads.start(() -> cf.complete(value));
        Poll<String> p;
        for (;;) {
            p = f.poll(Context.from(() -> { }));    // this waker is replaced at once: a wake of it is lost
            if (p.isReady()) {
                break;
            }
            Semaphore woken = new Semaphore(0);
            p = f.poll(Context.from(woken::release)); // a re-poll without a wake (allowed), a new waker
            if (p.isReady()) {
                break;
            }
            woken.acquire();
        }
        assertSame(value, p.get());
        completer.join();
    }

    /**
     * A worker completes a task while this thread cancels the task's {@code CompletableFuture}:
     * the future ends cancelled or with the value, never pending, and the task completes.
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void cancellingTheCompletableFutureRacesTheTasksCompletion() throws InterruptedException {
        QueueScheduler scheduler = new QueueScheduler();
        EventFuture future = new EventFuture(1);
        CountDownLatch completed = new CountDownLatch(1);
        Future<Integer> observed = cx -> {
            Poll<Integer> p = future.poll(cx);
            if (p.isReady()) {
                completed.countDown();
            }
            return p;
        };
        TaskCell<Integer> task = new TaskCell<>(scheduler, observed, false);
        Thread worker = scheduler.startWorker();
        scheduler.schedule(task);
        CompletableFuture<Integer> cf = task.toCompletableFuture();
        Thread publisher = Threads.start(() -> {
            future.awaitFirstPoll();
            future.publish();
        });
        boolean cancelled = cf.cancel(false);
        publisher.join();
        Integer value = null;
        try {
            value = cf.get();
        } catch (CancellationException e) {
            assertTrue(cancelled);
        } catch (ExecutionException e) {
            throw new AssertionError(e);
        }
        assertTrue(cancelled || value >= 1, "neither cancelled nor completed");
        Threads.await(completed);           // the task completes (its cancel is delivered, the event ends it)
        scheduler.stop(1);
        worker.join();
        assertTrue(task.isDone());
    }

    /**
     * A task that is not cancelled: its {@code CompletableFuture}, polled by whichever thread wakes
     * it, completes with the value although the completion races the bridge's first poll.
     *
     * <p>Mutation caught: the poller leaving POLLING by a check then a write instead of a CAS, so
     * that a wake arriving between them (REPOLL) is overwritten (deadlock, 252).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void theCompletableFutureOfATaskCompletesWhateverTheInterleaving() throws Exception {
        QueueScheduler scheduler = new QueueScheduler();
        EventFuture future = new EventFuture(1);
        TaskCell<Integer> task = new TaskCell<>(scheduler, future, false);
        Thread worker = scheduler.startWorker();
        scheduler.schedule(task);
        Thread publisher = Threads.start(() -> {
            future.awaitFirstPoll();
            future.publish();
        });
        CompletableFuture<Integer> cf = task.toCompletableFuture();
        assertTrue(cf.get() >= 1);
        publisher.join();
        scheduler.stop(1);
        worker.join();
    }

    /**
     * A joinAll large enough to give each child its own waker (31 ready children, then two that
     * complete on events): two threads publish to the two children (same word of due bits) while
     * this thread polls. Both values arrive, each child is polled at most once per wake.
     *
     * <p>Mutation caught: the owner's take of a word of due bits as a read then a write of 0,
     * not a CAS, losing a bit set between them (deadlock, 147).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void childWakesFromTwoThreadsInALargeJoinAreNotLost() throws InterruptedException {
        List<Future<Integer>> children = new ArrayList<>();
        for (int i = 0; i <= ChildFutures.POLL_ALL_UP_TO; i++) {
            children.add(Futures.ready(i));
        }
        EventFuture a = new EventFuture(1);
        EventFuture b = new EventFuture(2);
        children.add(a);
        children.add(b);
        Future<List<Integer>> all = Futures.joinAll(children);
        Thread ta = Threads.start(() -> {
            a.awaitFirstPoll();
            a.publish();
        });
        Thread tb = Threads.start(() -> {
            b.awaitFirstPoll();
            b.publish();
            b.publish();
        });
        List<Integer> values = ForeignPoller.await(all);
        ta.join();
        tb.join();
        assertEquals(children.size(), values.size());
        assertTrue(a.polls() <= 2 && b.polls() <= 3, "polls: " + a.polls() + ", " + b.polls());
        assertEquals(a.polls(), values.get(children.size() - 2));
    }
}
