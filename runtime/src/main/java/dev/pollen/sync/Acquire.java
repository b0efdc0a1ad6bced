package dev.pollen.sync;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.sync.WaitList;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A request for permits of a {@link BatchSemaphore} that is at once the future, its wait-list
 * node and, once ready, what it returns: the held permits ({@link Semaphore.Permit},
 * {@link Mutex.Guard}). So an acquire allocates this one object and nothing else.
 *
 * <p>{@code phase} belongs to the owner (poll, cancel). {@link #remaining} is written under the
 * semaphore's lock and read by the owner's poll without it. {@code released} is set once, by CAS,
 * by whoever closes the held permits.
 *
 * @param <P> what the future returns: this object, as the held permits
 */
abstract class Acquire<P> extends WaitList.Node implements Future<P> {

    private static final byte NEW = 0;
    private static final byte WAITING = 1;
    private static final byte CANCELLED = 2;
    private static final byte HELD = 3;
    private static final byte DONE = 4;     // completed by CancellationException

    private static final VarHandle RELEASED;

    static {
        try {
            RELEASED = MethodHandles.lookup().findVarHandle(Acquire.class, "released", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final BatchSemaphore semaphore;
    final int permits;
    /** Permits still owed to this waiter; 0 once served. Guarded by the semaphore's lock for writes. */
    volatile int remaining;
    private byte phase;
    private int released;

    Acquire(BatchSemaphore semaphore, int permits) {
        this.semaphore = semaphore;
        this.permits = permits;
        this.remaining = permits;
    }

    /** Marks permits taken without waiting ({@code tryAcquire}) as held; returns this. */
    final Acquire<P> held() {
        phase = HELD;
        return this;
    }

    /** This object as what the future returns. */
    abstract P self();

    @Override
    public final Poll<P> poll(Context cx) {
        switch (phase) {
            case NEW:
                if (permits == 0 || semaphore.tryTake(permits) || semaphore.enqueue(this, cx.waker())) {
                    return acquired();
                }
                phase = WAITING;
                return Poll.pending();
            case WAITING:
                if (remaining == 0 || semaphore.repoll(this, cx.waker())) {
                    return acquired();
                }
                return Poll.pending();
            case CANCELLED:
                phase = DONE;
                throw new CancellationException(name() + " cancelled");
            default:
                throw new IllegalStateException("polled after completion");
        }
    }

    private Poll<P> acquired() {
        phase = HELD;
        return Poll.ready(self());
    }

    /** Leaves the queue, giving back any permit handed to it; ignored once completed. */
    @Override
    public final void cancel() {
        if (phase == NEW) {
            phase = CANCELLED;
        } else if (phase == WAITING) {
            phase = CANCELLED;
            semaphore.cancel(this);
        }
    }

    /** Releases the permits once; later calls, and calls before the permits were acquired, do nothing. */
    final void releaseOnce() {
        if (phase == HELD && RELEASED.compareAndSet(this, 0, 1)) {
            semaphore.release(permits);
        }
    }

    /** Whether the permits are held now (acquired and not released). */
    final boolean isHeld() {
        return phase == HELD && (int) RELEASED.getVolatile(this) == 0;
    }

    /** What the future is, e.g. {@code Semaphore.acquire(2)}. */
    abstract String name();

    /** The primitive's state as the future waits, e.g. {@code 0 of 20 permits free, 3 waiting}. */
    abstract String waitingFor();

    @Override
    public final String toString() {
        switch (phase) {
            case NEW:
                return name() + " (not polled, " + waitingFor() + ")";
            case WAITING:
                return name() + " (" + waitingFor() + ")";
            case CANCELLED:
            case DONE:
                return name() + " (cancelled)";
            default:
                return name() + ((int) RELEASED.getVolatile(this) == 0 ? " (held)" : " (released)");
        }
    }
}
