package dev.pollen.sync;

import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The fair semaphore under {@link Semaphore} and {@link Mutex} (tokio's {@code batch_semaphore}):
 * a state word of free permits and a FIFO of {@link Acquire} waiters. The rules are in the
 * package documentation; in short:
 *
 * <ul>
 *   <li>{@code state} = free permits {@code << 1} | {@code QUEUED}. {@code QUEUED} is set exactly
 *       while the wait list is non-empty, and then no permit is free: a release hands its permits
 *       to the head waiter first. So a newcomer never overtakes a waiter (FIFO, and a large
 *       request at the head holds later small ones back).</li>
 *   <li>Without {@code QUEUED}, acquire and release are one CAS each, no lock. With it, only the
 *       holder of the lock (the wait list) writes {@code state}.</li>
 *   <li>A waiter's {@link Acquire#remaining} counts the permits still owed to it; the lock holder
 *       hands permits by lowering it, and unlinks the waiter (then wakes it, unlocked) when it
 *       reaches 0. A cancelled waiter gives back what it was handed ({@link #cancel}).</li>
 * </ul>
 */
final class BatchSemaphore {

    /** At most this many permits, so that {@code permits << 1} fits an int. */
    static final int MAX_PERMITS = Integer.MAX_VALUE >>> 1;

    private static final int QUEUED = 1;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(BatchSemaphore.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** Every permit the semaphore has, free or held: the bound of one request. */
    private volatile int total;
    /** Guarded by itself (the semaphore's lock). */
    private final WaitList<Acquire<?>> waiters = new WaitList<>();

    BatchSemaphore(int permits) {
        if (permits < 0 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("permits must be in 0.." + MAX_PERMITS + ", got " + permits);
        }
        state = permits << 1;
        total = permits;
    }

    int available() {
        return state >>> 1;
    }

    int total() {
        return total;
    }

    /** The lock: guards the wait list, and the waiters' links, wakers and {@code remaining}. */
    Object lock() {
        return waiters;
    }

    int waiters() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** Checks a request at the call, so that a request that can never be served is not a hang. */
    void checkRequest(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException(what + ": negative number of permits " + n);
        }
        if (n > total) {
            throw new IllegalArgumentException(what + "(" + n + ") can never succeed: the semaphore has only "
                    + total + " permits (add some first with addPermits)");
        }
    }

    /** The lock-free path: takes {@code n} free permits if nobody waits. */
    boolean tryTake(int n) {
        for (;;) {
            int s = state;
            if ((s & QUEUED) != 0 || (s >>> 1) < n) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s - (n << 1))) {
                return true;
            }
        }
    }

    /**
     * A new waiter's first poll, after {@link #tryTake} failed: takes what is free and queues
     * {@code node} for the rest. Returns true if it got every permit after all (not queued).
     */
    boolean enqueue(Acquire<?> node, Waker waker) {
        int n = node.permits;
        synchronized (waiters) {
            for (;;) {
                int s = state;
                int free = s >>> 1;
                if ((s & QUEUED) == 0 && free >= n) {
                    if (STATE.compareAndSet(this, s, s - (n << 1))) {
                        return true;
                    }
                    continue;
                }
                // QUEUED means free == 0; otherwise take what is free, so later releases serve the head
                if (STATE.compareAndSet(this, s, QUEUED)) {
                    node.remaining = n - free;
                    break;
                }
            }
            node.waker = waker;
            waiters.addLast(node);
            return false;
        }
    }

    /**
     * A queued waiter is cancelled: it leaves the queue and gives back what it was handed (all of
     * its permits if it was served and has not taken them with a poll yet).
     */
    void cancel(Acquire<?> node) {
        int handed;
        synchronized (waiters) {
            if (waiters.remove(node)) {
                handed = node.permits - node.remaining;
                if (waiters.isEmpty()) {
                    state = 0;      // QUEUED with nothing free: only the lock holder writes it
                }
            } else {
                handed = node.permits;
            }
            node.waker = null;
        }
        release(handed);
    }

    /**
     * Returns {@code n} permits: to the count if nobody waits (one CAS), else to the waiters from
     * the head, one lock section and one wake per waiter served (no allocation).
     */
    void release(int n) {
        if (n == 0) {
            return;
        }
        for (;;) {
            int s = state;
            if ((s & QUEUED) != 0) {
                break;
            }
            if (STATE.compareAndSet(this, s, s + (n << 1))) {
                return;
            }
        }
        while (n > 0) {
            Waker served = null;
            synchronized (waiters) {
                Acquire<?> head = waiters.peekFirst();
                if (head == null) {
                    addFree(n);     // the queue emptied (a cancel) since the check above
                    return;
                }
                int given = Math.min(n, head.remaining);
                n -= given;
                if (given == head.remaining) {
                    waiters.remove(head);
                    served = head.waker;
                    head.waker = null;
                    if (waiters.isEmpty()) {
                        state = n << 1;     // clears QUEUED: only the lock holder writes while it is set
                        n = 0;
                    }
                }
                head.remaining -= given;    // volatile: a 0 here tells the owner's poll it was served
            }
            if (served != null) {
                try {
                    served.wake();
                } catch (RuntimeException | Error e) {
                    release(n);     // a throwing waker costs its caller, not the permits still in hand
                    throw e;
                }
            }
        }
    }

    /** Adds {@code n} permits to the semaphore (more than it was created with). */
    void addPermits(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("addPermits: negative number of permits " + n);
        }
        synchronized (waiters) {    // serializes writers of total
            if (n > MAX_PERMITS - total) {
                throw new IllegalArgumentException("addPermits(" + n + "): more than " + MAX_PERMITS + " permits");
            }
            total += n;
        }
        release(n);
    }

    private void addFree(int n) {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s + (n << 1))) {
                return;
            }
        }
    }

    /** E.g. {@code 0 of 20 permits free, 3 waiting}. */
    String describe() {
        return available() + " of " + total + " permits free, " + waiters() + " waiting";
    }
}
