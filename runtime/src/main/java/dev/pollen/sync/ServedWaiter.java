package dev.pollen.sync;

import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.rt.sync.Waiter;

/**
 * A waiter of this package: whoever makes progress serves it (hands it permits, a notification,
 * an arrival index) under the primitive's lock and unlinks it, marking it served in a volatile
 * field, so that a later poll sees {@link #served} without taking the lock. The phase machine is
 * {@link Waiter}'s; this class turns it into three questions: how to arrive ({@link #arrive}),
 * whether served ({@link #served}), and the value ({@link #value}); a subclass also says how it
 * leaves when cancelled while waiting ({@link #leave}).
 *
 * <p>The uncontended path (a free permit, a stored notification) is {@link #tryArrive} returning
 * true after a CAS: no lock, no volatile write here.
 *
 * @param <T> the value of the future
 */
abstract class ServedWaiter<T> extends Waiter<T> {

    /**
     * The first poll: completes at once (true), or links this node with {@code waker} under the
     * lock (false).
     */
    abstract boolean tryArrive(Waker waker);

    /** Whether whoever makes progress served this waiter (volatile read, no lock). */
    abstract boolean served();

    /** The value, once served. */
    abstract T value();

    /** The primitive's lock, which guards the wait list and the nodes' wakers. */
    abstract Object lock();

    @Override
    protected final Poll<T> arrive(Waker waker) {
        return tryArrive(waker) ? Poll.ready(value()) : Poll.pending();
    }

    @Override
    protected final Poll<T> pollWaiting(Waker waker) {
        return served() || !keepWaiting(waker) ? Poll.ready(value()) : Poll.pending();
    }

    /** Under the lock: false if served meanwhile; else keeps the latest waker. */
    private boolean keepWaiting(Waker w) {
        synchronized (lock()) {
            if (served()) {
                return false;
            }
            waker = w;
            return true;
        }
    }

    /** While waiting: {@code served} if it was served and not polled since. */
    @Override
    protected final String waitingStatus() {
        return served() ? "served" : "";
    }
}
