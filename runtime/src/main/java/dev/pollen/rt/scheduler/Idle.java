package dev.pollen.rt.scheduler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which workers of a multi-threaded runtime are parked or searching, and who gets woken (tokio's
 * {@code idle.rs}, Go's technique). One atomic packs the number of unparked workers (high 16
 * bits) and of searching workers (low 16 bits); the parked workers are a stack under this
 * object's lock, woken most recently parked first (its caches are warmest).
 *
 * <ul>
 *   <li>New work wakes a parked worker only if no worker is searching: a searcher will find the
 *       work, and when it stops searching with work in hand it wakes the next one ("the last
 *       searcher wakes one more"), so a burst ramps workers up one by one, without a herd.</li>
 *   <li>At most half the workers search at once: beyond that, stealing only adds contention.</li>
 *   <li>A woken worker is counted unparked and searching by the waker, before it runs, so the
 *       counts never say "nobody will look" while a wake is in flight.</li>
 *   <li>{@link #unparked()} is 0 exactly when every worker is parked with no wake in flight:
 *       the runtime is idle (virtual time may jump).</li>
 * </ul>
 */
final class Idle {

    private static final int UNPARKED_ONE = 1 << 16;
    private static final int SEARCHING_MASK = UNPARKED_ONE - 1;

    private final int workers;
    private final AtomicInteger state;
    /** Guarded by this: the parked workers, most recent last. */
    private final Worker[] sleepers;
    private int sleeping;

    Idle(int workers) {
        this.workers = workers;
        this.state = new AtomicInteger(workers * UNPARKED_ONE);
        this.sleepers = new Worker[workers];
    }

    int unparked() {
        return state.get() >>> 16;
    }

    /** A worker that found no work: may it search others' queues? Counted searching if so. */
    boolean transitionToSearching() {
        int s = state.get();
        if (2 * (s & SEARCHING_MASK) >= workers) {
            return false;
        }
        state.incrementAndGet();        // sloppy on purpose: an optimization, not a bound
        return true;
    }

    /** A searcher that stops searching; true if it was the last one (it must then wake one). */
    boolean transitionFromSearching() {
        return (state.getAndDecrement() & SEARCHING_MASK) == 1;
    }

    /** New work exists: wakes one parked worker, as a searcher, unless someone searches already. */
    void notifyOne() {
        if (!shouldNotify()) {
            return;
        }
        Worker woken;
        synchronized (this) {
            if (!shouldNotify() || sleeping == 0) {
                return;
            }
            woken = sleepers[--sleeping];
            sleepers[sleeping] = null;
            woken.sleeping = false;
            state.addAndGet(UNPARKED_ONE + 1);
        }
        woken.unpark();
    }

    private boolean shouldNotify() {
        int s = state.get();
        return (s & SEARCHING_MASK) == 0 && (s >>> 16) < workers;
    }

    /**
     * A worker about to park (it may still be searching): counted parked and pushed on the
     * stack. Returns true if it was the last searcher: it must check every queue once more
     * before it sleeps, since nobody else is looking.
     */
    boolean transitionToParked(Worker worker, boolean searching) {
        synchronized (this) {
            int prev = state.getAndAdd(-(UNPARKED_ONE + (searching ? 1 : 0)));
            sleepers[sleeping++] = worker;
            worker.sleeping = true;
            return searching && (prev & SEARCHING_MASK) == 1;
        }
    }

    /**
     * A worker whose park ended by itself (a timeout, or the timer driver's own unpark): counts it
     * unparked again, not searching. Returns false if a notifier had woken it meanwhile: it is
     * then counted unparked and searching already.
     */
    boolean unparkSelf(Worker worker) {
        synchronized (this) {
            if (!worker.sleeping) {
                return false;
            }
            for (int i = 0; i < sleeping; i++) {
                if (sleepers[i] == worker) {
                    System.arraycopy(sleepers, i + 1, sleepers, i, sleeping - i - 1);
                    sleepers[--sleeping] = null;
                    break;
                }
            }
            worker.sleeping = false;
            state.addAndGet(UNPARKED_ONE);
            return true;
        }
    }

    /**
     * A parked worker that saw the runtime idle, on a paused clock: true if it still is idle and
     * this worker is parked, in which case it is counted unparked (so no other worker also moves
     * time) and moves the clock to the next timer.
     */
    synchronized boolean claimIdle(Worker worker) {
        return unparked() == 0 && unparkSelf(worker);
    }

    /** Shutdown: wakes every parked worker (not as searchers) so they see the runtime stop. */
    void wakeAll() {
        Worker[] all;
        synchronized (this) {
            all = new Worker[sleeping];
            for (int i = 0; i < sleeping; i++) {
                all[i] = sleepers[i];
            }
        }
        for (Worker w : all) {
            w.unpark();
        }
    }
}
