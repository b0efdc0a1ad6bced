package dev.pollen.sync;

import dev.pollen.Future;

/**
 * An async lock, FIFO-fair and not reentrant: a {@link Semaphore} of one permit, as tokio's
 * {@code Mutex}. Hold it across awaits; for a few plain statements a {@code synchronized} block
 * is cheaper.
 *
 * <pre>{@code
 * Mutex lock = new Mutex();
 * try (Mutex.Guard g = await(lock.lock())) {
 *     await(file.append(line));               // one writer at a time
 * }                                           // unlocked, also when cancelled
 * }</pre>
 *
 * <p>Not reentrant: a task that awaits {@code lock()} while it holds the guard waits for itself
 * forever (as with tokio's and kotlinx's mutexes); there is no owner to check cheaply. A
 * cancelled {@code lock()} leaves the queue; if the lock was already handed to it, it goes
 * to the next waiter. An uncontended lock and unlock is one CAS each; a {@code lock()} allocates
 * only its future, which is also the guard.
 */
public final class Mutex {

    private final BatchSemaphore permit = new BatchSemaphore(1);

    /** An unlocked mutex. */
    public Mutex() {}

    /** A future of the lock: at once when free and nobody waits, else in FIFO order. */
    public Future<Guard> lock() {
        return new Locking(permit);
    }

    /** The lock if it is free and nobody waits, else null. */
    public Guard tryLock() {
        return permit.tryTake(1) ? (Guard) new Locking(permit).held() : null;
    }

    /** Whether the lock is held now (or handed to a waiter that has not polled yet). */
    public boolean isLocked() {
        return permit.available() == 0;
    }

    /** Futures waiting for the lock now. */
    public int waiters() {
        return permit.waiters();
    }

    /** E.g. {@code Mutex(held, 2 waiting)}. */
    @Override
    public String toString() {
        return "Mutex(" + state(permit) + ")";
    }

    private static String state(BatchSemaphore permit) {
        int waiting = permit.waiters();
        return (permit.available() == 0 ? "held" : "free") + (waiting == 0 ? "" : ", " + waiting + " waiting");
    }

    /** The held lock; {@link #close()} unlocks it once (later calls do nothing). */
    public sealed interface Guard extends AutoCloseable permits Locking {
        /** Unlocks, once; idempotent. */
        @Override
        void close();
    }

    /** The lock future, which is also the guard it returns. */
    static final class Locking extends Acquire<Guard> implements Guard {
        Locking(BatchSemaphore permit) {
            super(permit, 1);
        }

        @Override
        Guard self() {
            return this;
        }

        @Override
        public void close() {
            releaseOnce();
        }

        @Override
        String name() {
            return "Mutex.lock";
        }

        @Override
        String describe() {
            return state(semaphore);
        }
    }
}
