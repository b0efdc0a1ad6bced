package dev.pollen.sync;

import dev.pollen.Future;

/**
 * An async counting semaphore, FIFO-fair: permits go to waiters in the order they first polled,
 * and a request at the head for more permits than are free holds back later, smaller ones
 * (tokio's {@code Semaphore}). Usable from any runtime and any thread.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(20);
 * try (Semaphore.Permit p = await(connections.acquire())) {
 *     return await(client.get(url));          // at most 20 requests at once
 * }                                           // the permit returns, also when cancelled
 * }</pre>
 *
 * <p>{@link #acquire} returns a future that takes nothing until it is polled; it completes with a
 * {@link Permit} to close (try-with-resources). Cancellation loses nothing: a cancelled
 * {@code acquire} leaves the queue, and permits already handed to it go to the next waiter or
 * back to the count; a holder cancelled inside its {@code try} closes its permit as the block ends.
 *
 * <p>Costs: an uncontended acquire and release is one CAS each, and an acquire allocates only its
 * future (which is also the permit). Waiters queue under a lock.
 */
public final class Semaphore {

    private final BatchSemaphore permits;

    /**
     * A semaphore with {@code permits} permits, all free.
     *
     * @throws IllegalArgumentException if {@code permits} is negative or above {@code 2^30 - 1}
     */
    public Semaphore(int permits) {
        this.permits = new BatchSemaphore(permits);
    }

    /** One permit, as {@link #acquire(int) acquire(1)}. */
    public Future<Permit> acquire() {
        return acquire(1);
    }

    /**
     * A future of {@code n} permits, taken at once when free and nobody waits, else in FIFO order.
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than the semaphore has
     *     (it could never complete)
     */
    public Future<Permit> acquire(int n) {
        permits.checkRequest(n, "Semaphore.acquire");
        return new Acquired(permits, n);
    }

    /** One permit if one is free and nobody waits, else null. */
    public Permit tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * {@code n} permits if they are free and nobody waits (a waiter is never overtaken), else null.
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than the semaphore has
     */
    public Permit tryAcquire(int n) {
        permits.checkRequest(n, "Semaphore.tryAcquire");
        return permits.tryTake(n) ? (Permit) new Acquired(permits, n).held() : null;
    }

    /**
     * Adds {@code n} permits for good (they go to waiters first).
     *
     * @throws IllegalArgumentException if {@code n} is negative or the total would pass {@code 2^30 - 1}
     */
    public void addPermits(int n) {
        permits.addPermits(n);
    }

    /** Permits free now. */
    public int availablePermits() {
        return permits.available();
    }

    /** Permits the semaphore has, free or held. */
    public int permits() {
        return permits.total();
    }

    /** Futures waiting in the queue now. */
    public int waiters() {
        return permits.waiters();
    }

    /** E.g. {@code Semaphore(0 of 20 permits free, 3 waiting)}. */
    @Override
    public String toString() {
        return "Semaphore(" + permits.describe() + ")";
    }

    /**
     * Permits held, returned by {@link #close()} once (later calls do nothing). Whoever holds it
     * closes it: the task that acquired it, or one it was handed to (through a channel, a join);
     * two threads closing the same permit at once is a race like any unsynchronized write.
     */
    public sealed interface Permit extends AutoCloseable permits Acquired {
        /** How many permits this holds. */
        int permits();

        /** Returns the permits to the semaphore, once; idempotent. */
        @Override
        void close();
    }

    /** The acquire future, which is also the permit it returns. */
    static final class Acquired extends Acquire<Permit> implements Permit {
        Acquired(BatchSemaphore semaphore, int n) {
            super(semaphore, n);
        }

        @Override
        Permit self() {
            return this;
        }

        @Override
        public int permits() {
            return permits;
        }

        @Override
        public void close() {
            releaseOnce();
        }

        @Override
        String name() {
            return "Semaphore.acquire(" + permits + ")";
        }

        @Override
        String describe() {
            return semaphore.describe();
        }
    }
}
