package dev.pollen.sync;

import dev.pollen.Waker;

/**
 * A request for permits of a {@link BatchSemaphore} that is at once the future, its wait-list
 * node and, once ready, what it returns: the held permits ({@link Semaphore.Permit},
 * {@link Mutex.Guard}). So an acquire allocates this one object and nothing else.
 *
 * <p>{@link #remaining} is written under the semaphore's lock and read by the owner's poll
 * without it. {@code released} belongs to the holder of the permits, as the permits do: a plain
 * field, so that an uncontended acquire and release cost one CAS each on the semaphore and
 * nothing more (a permit handed to another thread is handed with a happens-before, as any object).
 *
 * @param <P> what the future returns: this object, as the held permits
 */
abstract class Acquire<P> extends Waiter<P> {

    final BatchSemaphore semaphore;
    final int permits;
    /** Permits still owed to this waiter; 0 once served. Written under the semaphore's lock. */
    volatile int remaining;
    private boolean released;

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
        if (isReady() && !released) {
            released = true;
            semaphore.release(permits);
        }
    }

    @Override
    final String completed() {
        return released ? "released" : "held";
    }
}
