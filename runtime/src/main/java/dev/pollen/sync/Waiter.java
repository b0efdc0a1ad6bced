package dev.pollen.sync;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;

import java.util.concurrent.CancellationException;

/**
 * What every waiting future of this package shares: it is its own wait-list node, and its owner
 * drives it through one phase machine (NEW, WAITING, then READY; or CANCELLED, then FAILED).
 * A subclass says how to arrive ({@link #arrive}), whether it was served ({@link #served}), what
 * it returns and how it leaves when cancelled while waiting ({@link #leave}).
 *
 * <p>{@code phase} belongs to the owner (poll and cancel, one at a time). The links and the
 * waker are guarded by the primitive's lock ({@link #lock}); what serves the waiter is written
 * under it and volatile, so {@link #served} is read without the lock.
 *
 * @param <T> the value of the future
 */
abstract class Waiter<T> extends WaitList.Node implements Future<T> {

    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte CANCELLED = 2;
    private static final byte READY = 3;
    private static final byte FAILED = 4;

    private byte phase;

    /**
     * The first poll: completes at once (true), or links this node with {@code waker} under the
     * lock (false).
     */
    abstract boolean arrive(Waker waker);

    /** Whether whoever makes progress served this waiter (volatile read, no lock). */
    abstract boolean served();

    /** The value, once served. */
    abstract T value();

    /** Cancelled while waiting: leave the queue, giving back whatever was handed to it. */
    abstract void leave();

    /** The primitive's lock, which guards the wait list and the nodes' wakers. */
    abstract Object lock();

    /** What the future is, e.g. {@code Semaphore.acquire(2)}. */
    abstract String name();

    /** The primitive's state as the future waits, e.g. {@code 0 of 20 permits free, 3 waiting}. */
    abstract String describe();

    /** How a completed future describes itself (after {@link #name()}). */
    String completed() {
        return "done";
    }

    @Override
    public final Poll<T> poll(Context cx) {
        switch (phase) {
            case NEW:
                if (!arrive(cx.waker())) {
                    phase = WAITING;
                    return Poll.pending();
                }
                break;
            case WAITING:
                if (!served() && keepWaiting(cx.waker())) {
                    return Poll.pending();
                }
                break;
            case CANCELLED:
                phase = FAILED;
                throw new CancellationException(name() + " cancelled");
            default:
                throw new IllegalStateException("polled after completion");
        }
        phase = READY;
        return Poll.ready(value());
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

    /** Leaves the queue, giving back what it was handed; ignored once completed. */
    @Override
    public final void cancel() {
        if (phase == NEW) {
            phase = CANCELLED;
        } else if (phase == WAITING) {
            phase = CANCELLED;
            leave();
        }
    }

    /** Marks a waiter that was served without waiting (a {@code tryAcquire}) as completed. */
    final void completedAtOnce() {
        phase = READY;
    }

    /** Whether the future completed with its value. */
    final boolean isReady() {
        return phase == READY;
    }

    @Override
    public final String toString() {
        switch (phase) {
            case NEW:
                return name() + " (not polled, " + describe() + ")";
            case WAITING:
                return name() + " (" + (served() ? "served" : describe()) + ")";
            case READY:
                return name() + " (" + completed() + ")";
            default:
                return name() + " (cancelled)";
        }
    }
}
