package dev.pollen.sync;

import dev.pollen.Waker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A request for permits of a {@link BatchSemaphore} that is at once the future, its wait-list
 * node and, once ready, what it returns: the held permits ({@link Semaphore.Permit},
 * {@link Mutex.Guard}). So an acquire allocates this one object and nothing else.
 *
 * <p>{@link #remaining} is written under the semaphore's lock and read by the owner's poll
 * without it. {@code released} is set once, by CAS, by whoever closes the held permits.
 *
 * @param <P> what the future returns: this object, as the held permits
 */
abstract class Acquire<P> extends Waiter<P> {

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
    /** Permits still owed to this waiter; 0 once served. Written under the semaphore's lock. */
    volatile int remaining;
    private int released;

    Acquire(BatchSemaphore semaphore, int permits) {
        this.semaphore = semaphore;
        this.permits = permits;
        this.remaining = permits;
    }

    /** Marks permits taken without waiting ({@code tryAcquire}) as held; returns this. */
    final Acquire<P> held() {
        completedAtOnce();
        return this;
    }

    /** This object as what the future returns. */
    abstract P self();

    @Override
    final boolean arrive(Waker waker) {
        return permits == 0 || semaphore.tryTake(permits) || semaphore.enqueue(this, waker);
    }

    @Override
    final boolean served() {
        return remaining == 0;
    }

    @Override
    final P value() {
        return self();
    }

    @Override
    final void leave() {
        semaphore.cancel(this);
    }

    @Override
    final Object lock() {
        return semaphore.lock();
    }

    /** Releases the permits once; later calls, and calls before the permits were acquired, do nothing. */
    final void releaseOnce() {
        if (isReady() && RELEASED.compareAndSet(this, 0, 1)) {
            semaphore.release(permits);
        }
    }

    @Override
    final String completed() {
        return (int) RELEASED.getVolatile(this) == 0 ? "held" : "released";
    }
}
