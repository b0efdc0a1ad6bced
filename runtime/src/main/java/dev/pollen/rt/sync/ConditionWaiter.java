package dev.pollen.rt.sync;

import dev.pollen.Poll;
import dev.pollen.Waker;

/**
 * A {@link Waiter} that, under its primitive's lock, completes once a condition holds, and
 * otherwise waits in the primitive's {@link WaitList} to be woken (a broadcast's receive, a
 * watch's {@code changed()}). Not API.
 *
 * <p>For primitives whose waiters take nothing when woken (the wake-up only says "look again"),
 * so that a cancelled waiter has nothing to give back: it unlinks itself, and its next poll throws
 * {@link java.util.concurrent.CancellationException}. The primitive wakes waiters by unlinking
 * them (for example {@link WaitList#removeAllInto}); a poll that is still not ready links the node
 * again. The first poll and every later one are the same check, made under the lock.
 *
 * @param <T> the type of the value
 */
public abstract class ConditionWaiter<T> extends Waiter<T> {

    /** The primitive's lock. */
    protected abstract Object lock();

    /** The primitive's list of waiters, guarded by {@link #lock()}. */
    protected abstract WaitList<ConditionWaiter<T>> waiters();

    /**
     * Under the lock: ready with the value if the condition holds (taking what it takes), else
     * pending. May throw: the future then completes with that failure.
     */
    protected abstract Poll<T> tryCompleteLocked();

    /** Under the lock: what it waits for, e.g. {@code 2 behind; capacity 16, 40 sent}. */
    protected abstract String describeLocked();

    @Override
    protected final Poll<T> arrive(Waker waker) {
        return check(waker);
    }

    @Override
    protected final Poll<T> pollWaiting(Waker waker) {
        return check(waker);
    }

    private Poll<T> check(Waker w) {
        synchronized (lock()) {
            Poll<T> result;
            try {
                result = tryCompleteLocked();
            } catch (RuntimeException | Error e) {
                waiters().remove(this);
                throw e;
            }
            if (result.isReady()) {
                waiters().remove(this);
                return result;
            }
            waker = w;
            if (!isLinked()) {
                waiters().addLast(this);    // first poll, or woken (unlinked) and not ready yet
            }
            return result;
        }
    }

    /** Stops waiting; nothing was taken. */
    @Override
    protected final void leave() {
        synchronized (lock()) {
            waiters().remove(this);
        }
    }

    @Override
    protected final String cancelledMessage() {
        return name() + " cancelled: nothing was taken";
    }

    @Override
    protected final String describe() {
        synchronized (lock()) {
            return describeLocked();
        }
    }
}
