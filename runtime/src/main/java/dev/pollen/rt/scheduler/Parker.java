package dev.pollen.rt.scheduler;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts one thread to sleep until {@link #unpark()} is called. States:
 * <pre>
 *   EMPTY    --unpark (any thread)-->  NOTIFIED
 *   PARKED   --unpark (any thread)-->  NOTIFIED   (then LockSupport.unpark(owner))
 *   EMPTY    --park (owner)------->   PARKED
 *   NOTIFIED --park (owner)------->   EMPTY      (returns at once: the wake-up is consumed)
 *   PARKED   --timeout (owner)----->  EMPTY      (by CAS: an unpark that wins makes it NOTIFIED)
 * </pre>
 * Only the owner leaves NOTIFIED or enters PARKED; only {@code unpark} enters NOTIFIED. The owner
 * sleeps in a loop on its own state, so a spurious return of {@link LockSupport#park} or a
 * foreign {@code LockSupport.unpark(owner)} only makes it check the state and sleep again.
 */
final class Parker {

    private static final int EMPTY = 0;
    private static final int NOTIFIED = 1;
    private static final int PARKED = 2;

    private final AtomicInteger state = new AtomicInteger(EMPTY);
    private final Thread owner;

    Parker(Thread owner) {
        this.owner = owner;
    }

    /**
     * Owner only: returns once {@link #unpark()} has been called since the previous return.
     * Never returns because of an interrupt: the flag is cleared (else park would return at once
     * again and again) and reported.
     *
     * @return whether an interrupt was cleared while waiting
     */
    boolean park() {
        return parkNanos(Long.MAX_VALUE);
    }

    /** As {@link #park()}, returning after {@code nanos} at the latest ({@code Long.MAX_VALUE}: never). */
    boolean parkNanos(long nanos) {
        if (state.compareAndSet(NOTIFIED, EMPTY) || nanos <= 0) {
            return false;
        }
        if (!state.compareAndSet(EMPTY, PARKED)) {
            state.set(EMPTY);           // it was NOTIFIED: nobody else leaves NOTIFIED
            return false;
        }
        boolean interrupted = false;
        long deadline = nanos == Long.MAX_VALUE ? 0 : System.nanoTime() + nanos;
        while (state.get() == PARKED) {
            if (nanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    if (state.compareAndSet(PARKED, EMPTY)) {
                        return interrupted | Thread.interrupted();
                    }
                    break;              // an unpark won the race: consume it below
                }
                LockSupport.parkNanos(this, left);
            }
            interrupted |= Thread.interrupted();
        }
        state.set(EMPTY);               // NOTIFIED -> EMPTY
        return interrupted;
    }

    /** Any thread: makes the current or next {@link #park()} return. */
    void unpark() {
        int s = state.getAndSet(NOTIFIED);
        if (s == PARKED) {
            LockSupport.unpark(owner);
        }
    }
}
