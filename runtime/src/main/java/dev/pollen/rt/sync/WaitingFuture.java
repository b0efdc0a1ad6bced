package dev.pollen.rt.sync;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.CancellationException;

/**
 * A future that, under its primitive's lock, completes once a condition holds, and otherwise waits
 * in the primitive's {@link WaitList} to be woken (a broadcast's receive, a watch's
 * {@code changed()}). Not API.
 *
 * <p>For primitives whose waiters take nothing when woken (the wake-up only says "look again"),
 * so that a cancelled waiter has nothing to give back: it unlinks itself, and its next poll throws
 * {@link CancellationException}. The primitive wakes waiters by unlinking them (for example
 * {@link WaitList#removeAllInto}); a poll that is still not ready links the node again. States:
 * NEW, WAITING (linked or woken), CANCELLED, DONE; all fields guarded by the primitive's lock.
 *
 * @param <T> the type of the value
 */
public abstract class WaitingFuture<T> extends WaitList.Node implements Future<T> {

    private static final int NEW = 0;
    private static final int WAITING = 1;
    private static final int CANCELLED = 2;
    private static final int DONE = 3;

    private int state = NEW;

    /** The primitive's lock. */
    protected abstract Object lock();

    /** The primitive's list of waiters, guarded by {@link #lock()}. */
    protected abstract WaitList<WaitingFuture<T>> waiters();

    /**
     * Under the lock: ready with the value if the condition holds (taking what it takes), else
     * pending. May throw: the future then completes with that failure.
     */
    protected abstract Poll<T> tryCompleteLocked();

    /** What it is, e.g. {@code Broadcast.receive}. */
    protected abstract String name();

    /** Under the lock: what it waits for, e.g. {@code 2 behind; capacity 16, 40 sent}. */
    protected abstract String describeLocked();

    @Override
    public final Poll<T> poll(Context cx) {
        synchronized (lock()) {
            if (state == DONE) {
                throw new IllegalStateException("polled after completion");
            }
            if (state == CANCELLED) {
                state = DONE;
                throw new CancellationException(name() + " cancelled: nothing was taken");
            }
            Poll<T> result;
            try {
                result = tryCompleteLocked();
            } catch (RuntimeException | Error e) {
                leaveLocked();
                throw e;
            }
            if (result.isReady()) {
                leaveLocked();
                return result;
            }
            waker = cx.waker();
            state = WAITING;
            if (!isLinked()) {
                waiters().addLast(this);    // first poll, or woken (unlinked) and not ready yet
            }
            return result;
        }
    }

    private void leaveLocked() {
        waiters().remove(this);
        state = DONE;
    }

    /** Stops waiting; nothing was taken. Ignored once completed. */
    @Override
    public final void cancel() {
        synchronized (lock()) {
            if (state == NEW || state == WAITING) {
                waiters().remove(this);
                state = CANCELLED;
            }
        }
    }

    @Override
    public final String toString() {
        synchronized (lock()) {
            String own = switch (state) {
                case NEW -> " [not started]";
                case CANCELLED -> " [cancelled]";
                case DONE -> " [done]";
                default -> "";
            };
            return name() + own + " (" + describeLocked() + ")";
        }
    }
}
