package dev.pollen;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts an executor thread to sleep until {@link #unpark()} is called. States:
 * <pre>
 *   EMPTY    --unpark (any thread)-->  NOTIFIED
 *   PARKED   --unpark (any thread)-->  NOTIFIED   (Activity.enter() first, then LockSupport.unpark)
 *   EMPTY    --park (owner)------->   PARKED     (then Activity.leave())
 *   NOTIFIED --park (owner)------->   EMPTY      (returns at once: the wake-up is consumed)
 * </pre>
 * Only the owner leaves NOTIFIED or enters PARKED; only {@code unpark} enters NOTIFIED. The owner
 * sleeps in a loop on its own state, so a spurious return of {@link LockSupport#park} or a
 * foreign {@code LockSupport.unpark(owner)} only makes it check the state and sleep again.
 */
final class Parker {

    private static final int EMPTY = 0;
    private static final int NOTIFIED = 1;
    private static final int PARKED = 2;

    private final Thread owner;
    private final AtomicInteger state = new AtomicInteger(EMPTY);

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
        if (state.compareAndSet(NOTIFIED, EMPTY)) {
            return false;
        }
        if (!state.compareAndSet(EMPTY, PARKED)) {
            state.set(EMPTY);           // it was NOTIFIED: nobody else leaves NOTIFIED
            return false;
        }
        Activity.leave();               // after PARKED is visible: see Activity's invariant
        boolean interrupted = false;
        while (state.get() == PARKED) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        state.set(EMPTY);               // NOTIFIED -> EMPTY; the waker did Activity.enter()
        return interrupted;
    }

    /** Any thread: makes the current or next {@link #park()} return. */
    void unpark() {
        for (;;) {
            int s = state.get();
            if (s == NOTIFIED) {
                return;
            }
            if (s == EMPTY) {
                if (state.compareAndSet(EMPTY, NOTIFIED)) {
                    return;
                }
            } else {
                Activity.enter();       // before the owner can run: see Activity's invariant
                if (state.compareAndSet(PARKED, NOTIFIED)) {
                    LockSupport.unpark(owner);
                    return;
                }
                Activity.leave();       // somebody else notified it first
            }
        }
    }
}
