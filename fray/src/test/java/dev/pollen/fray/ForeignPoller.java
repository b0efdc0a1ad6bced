package dev.pollen.fray;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.Semaphore;

/**
 * Polls a future from a thread that runs no executor, sleeping between polls until the
 * future's waker is woken (a permit of a semaphore, so a wake before the sleep is kept).
 */
public final class ForeignPoller {

    private ForeignPoller() {}

    /** The future's value, polled on this thread; its failure is thrown. */
    public static <T> T await(Future<T> future) {
        Semaphore woken = new Semaphore(0);
        Context cx = Context.from(woken::release);
        for (;;) {
            Poll<T> poll = future.poll(cx);
            if (poll.isReady()) {
                return poll.get();
            }
            try {
                woken.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted", e);  // see Threads.await
            }
        }
    }
}
