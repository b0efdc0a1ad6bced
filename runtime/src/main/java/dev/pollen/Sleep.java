package dev.pollen;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * {@link Reactor#sleep}: a leaf future that is its own timer entry. 40 bytes per pending sleep
 * (plus its slot in the heap array): the duration waits in {@code deadline} until the timer
 * starts, and the state shares one int with the heap index.
 *
 * <p>{@code heapIndex} is the state: {@code >= 0} waiting in the heap at that index, or one of
 * the negative constants below. All fields are guarded by the reactor's lock, with one
 * exception: the poller may read {@code heapIndex} without the lock ({@link #SLOT} acquire), and
 * acts on it unlocked only when it reads FIRED or CANCELLED. Why that is safe: the reactor
 * never touches a sleep again once it left the heap (FIRED, or CANCELLED by close), and the other
 * transitions out of those states (to DONE, or to CANCELLED by {@link #cancel}) are the owner's,
 * whose poll and cancel never run concurrently. The writes of FIRED and CANCELLED are release
 * writes made after the waker was cleared.
 */
final class Sleep implements Future<Void> {

    static final int NEW = -1;          // not polled yet: the timer has not started
    static final int FIRED = -2;        // deadline passed, waker woken; next poll is ready
    static final int CANCELLED = -3;    // cancelled or reactor closed; next poll throws
    static final int DONE = -4;         // poll returned ready or threw

    private static final VarHandle SLOT;

    static {
        try {
            SLOT = MethodHandles.lookup().findVarHandle(Sleep.class, "heapIndex", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Reactor reactor;
    /** NEW: the duration in nanoseconds. Started: the deadline (clock.nanoTime() + duration). */
    long deadline;
    long sequence;
    /** The heap index while waiting (>= 0), else the state; see the class comment. */
    int heapIndex = NEW;
    Waker waker;

    Sleep(Reactor reactor, long durationNanos) {
        this.reactor = reactor;
        this.deadline = durationNanos;
    }

    /** Reactor, under its lock: the sleep has left the heap and must not be touched again. */
    void finish(int state) {
        waker = null;
        SLOT.setRelease(this, state);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        int s = (int) SLOT.getAcquire(this);
        if (s == FIRED) {
            heapIndex = DONE;               // the reactor is done with it: see the class comment
            return Poll.ready(null);
        }
        if (s == CANCELLED) {
            heapIndex = DONE;
            throw new CancellationException("sleep cancelled, or its reactor was closed");
        }
        Waker w = cx.waker();
        synchronized (reactor.lock) {
            switch (heapIndex) {
                case NEW:
                    if (!reactor.start(this)) {
                        heapIndex = DONE;
                        throw new CancellationException("sleep polled after its reactor was closed");
                    }
                    waker = w;
                    return Poll.pending();
                case FIRED:
                    heapIndex = DONE;
                    return Poll.ready(null);
                case CANCELLED:
                    heapIndex = DONE;
                    throw new CancellationException("sleep cancelled, or its reactor was closed");
                case DONE:
                    throw new IllegalStateException("polled after completion");
                default:                    // waiting in the heap
                    waker = w;
                    return Poll.pending();
            }
        }
    }

    /** Removes the timer; the next poll throws CancellationException. Ignored once completed. */
    @Override
    public void cancel() {
        int s = (int) SLOT.getAcquire(this);
        if (s == DONE || s == CANCELLED) {
            return;
        }
        synchronized (reactor.lock) {
            s = heapIndex;
            if (s >= 0) {
                reactor.heap.remove(this);
            }
            if (s != DONE) {
                waker = null;
                heapIndex = CANCELLED;
            }
        }
    }
}
