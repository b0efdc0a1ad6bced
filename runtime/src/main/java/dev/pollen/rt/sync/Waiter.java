package dev.pollen.rt.sync;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.util.concurrent.CancellationException;

/**
 * The phase machine of every waiting future of the toolkit: a future that is its own
 * {@link WaitList} node (a semaphore's acquire, a channel's send or receive, a broadcast's
 * receive). Not API.
 *
 * <p>Phases: NEW, then (first poll) WAITING or completed; WAITING until a poll finds it served,
 * READY (or FAILED if that poll throws); NEW or WAITING, then {@link #cancel()}: CANCELLED, whose
 * next poll throws {@link CancellationException} (FAILED). Polling a completed future throws
 * {@code IllegalStateException("polled after completion")}; cancelling it is ignored. This class
 * owns those rules and the phase-based {@link #toString()}; a subclass says how to arrive
 * ({@link #arrive}), how a waiting poll looks again ({@link #pollWaiting}), how it leaves when
 * cancelled while waiting ({@link #leave}), and describes itself ({@link #name()},
 * {@link #describe()}, {@link #waitingStatus()}, {@link #completedStatus()}).
 *
 * <p>{@code phase} belongs to the owner of the future (poll and cancel, one at a time, as the
 * {@link Future} protocol says): it is a plain field, read and written without a lock, so the
 * machine adds no lock and no volatile to a subclass's fast path. What the primitive does to the
 * waiter (links it, serves it, closes it) lives in the subclass's fields, guarded by the
 * primitive's lock (or written under it and read through a volatile). A hook that throws
 * completes the future with that failure; it must leave the wait list first.
 *
 * <pre>{@code
 * final class Opened extends Waiter<Void> {           // a latch's wait, sketched
 *     protected Poll<Void> arrive(Waker w)      { return pollWaiting(w); }
 *     protected Poll<Void> pollWaiting(Waker w) {
 *         synchronized (latch.lock) {
 *             if (latch.count == 0) { return Poll.ready(null); }
 *             waker = w;
 *             if (!isLinked()) { latch.waiters.addLast(this); }
 *             return Poll.pending();
 *         }
 *     }
 *     protected void leave()        { synchronized (latch.lock) { latch.waiters.remove(this); } }
 *     protected String name()       { return "Latch.opened"; }
 *     protected String describe()   { return latch.count + " counts left"; }
 * }
 * }</pre>
 *
 * @param <T> the type of the value
 */
public abstract class Waiter<T> extends WaitList.Node implements Future<T> {

    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte CANCELLED = 2;
    private static final byte READY = 3;
    private static final byte FAILED = 4;

    private byte phase;

    /**
     * The first poll: the value at once, or pending after linking this node with {@code waker}
     * (under the primitive's lock). May throw: the future fails with it.
     */
    protected abstract Poll<T> arrive(Waker waker);

    /**
     * A later poll while waiting: the value if served (or the condition holds now), else pending
     * after keeping {@code waker} (under the lock). May throw: the future fails with it.
     */
    protected abstract Poll<T> pollWaiting(Waker waker);

    /**
     * Cancelled after {@link #arrive} returned pending: leave the wait list under the lock, giving
     * back whatever was handed to this waiter (a permit, a message, a slot), so nothing is lost.
     */
    protected abstract void leave();

    /** What the future is, e.g. {@code Semaphore.acquire(2)}. */
    protected abstract String name();

    /** What it waits on, e.g. {@code 0 of 20 permits free, 3 waiting}; takes the lock it needs. */
    protected abstract String describe();

    /** The message of the cancelled future's failure, e.g. {@code Channel.send cancelled: the message was not sent}. */
    protected String cancelledMessage() {
        return name() + " cancelled";
    }

    /** A waiting future's own state, e.g. {@code served}; empty when it simply waits. */
    protected String waitingStatus() {
        return "";
    }

    /** A completed future's own state, e.g. {@code held}. */
    protected String completedStatus() {
        return "done";
    }

    @Override
    public final Poll<T> poll(Context cx) {
        boolean first = phase == NEW;
        if (!first && phase != WAITING) {
            if (phase == CANCELLED) {
                phase = FAILED;
                throw new CancellationException(cancelledMessage());
            }
            throw new IllegalStateException("polled after completion");
        }
        Poll<T> result;
        try {
            result = first ? arrive(cx.waker()) : pollWaiting(cx.waker());
        } catch (RuntimeException | Error e) {
            phase = FAILED;
            throw e;
        }
        phase = result.isReady() ? READY : WAITING;
        return result;
    }

    /** Stops waiting: leaves the queue and gives back what was handed to it; ignored once completed. */
    @Override
    public final void cancel() {
        if (phase == NEW) {
            phase = CANCELLED;
        } else if (phase == WAITING) {
            phase = CANCELLED;
            leave();
        }
    }

    /** Marks a waiter served without polling (a {@code tryAcquire}) as completed with its value. */
    protected final void completedAtOnce() {
        phase = READY;
    }

    /** Whether the future completed with its value. */
    protected final boolean isReady() {
        return phase == READY;
    }

    /**
     * E.g. {@code Channel.receive [message ready] (bounded 4, empty, 1 handed to receivers)}; the
     * phase is read without a lock (a dump from another thread may see it a little late).
     */
    @Override
    public final String toString() {
        String status = switch (phase) {
            case NEW -> "not started";
            case WAITING -> waitingStatus();
            case READY -> completedStatus();
            case CANCELLED -> "cancelled";
            default -> "failed";
        };
        return name() + (status.isEmpty() ? "" : " [" + status + "]") + " (" + describe() + ")";
    }
}
