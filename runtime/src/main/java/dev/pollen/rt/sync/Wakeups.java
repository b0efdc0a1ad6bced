package dev.pollen.rt.sync;

import dev.pollen.Waker;

import java.util.Arrays;

/**
 * Wakers collected under a primitive's lock, woken after it is released ({@link WaitList}). Not
 * API. Local to one operation; not thread-safe.
 */
public final class Wakeups {
    private Waker[] wakers = new Waker[4];
    private int count;

    /** Adds {@code waker} (null is ignored: a waiter that was never polled). */
    public void add(Waker waker) {
        if (waker == null) {
            return;
        }
        if (count == wakers.length) {
            wakers = Arrays.copyOf(wakers, count * 2);
        }
        wakers[count++] = waker;
    }

    /** Wakes every collected waker, in order; call with no lock held. */
    public void wakeAll() {
        for (int i = 0; i < count; i++) {
            Waker waker = wakers[i];
            wakers[i] = null;
            waker.wake();
        }
        count = 0;
    }
}
