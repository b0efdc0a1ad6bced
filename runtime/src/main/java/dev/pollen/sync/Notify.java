package dev.pollen.sync;

import dev.pollen.Future;
import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.Wakeups;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Wakes waiting futures, one or all (tokio's {@code Notify}): an event without data.
 *
 * <pre>{@code
 * Notify changed = new Notify();
 * // a consumer:                         // a producer:
 * await(changed.notified());             queue.add(job);
 * Job job = queue.poll();                changed.notifyOne();
 * }</pre>
 *
 * <ul>
 *   <li>{@link #notifyOne()} wakes the longest-waiting {@link #notified()} future; if none waits,
 *       it stores one permit (at most one), which the next {@code notified()} takes at its first
 *       poll, so a notification sent just before the consumer waits is not lost.</li>
 *   <li>{@link #notifyWaiters()} completes every {@code notified()} future created before the
 *       call (polled or not) and stores no permit.</li>
 *   <li>A cancelled {@code notified()} that {@code notifyOne} had already chosen passes the
 *       notification on (to the next waiter, or as the stored permit): cancelling loses nothing.</li>
 * </ul>
 *
 * <p>The stored permit and the "someone waits" flag share one state word with the count of
 * {@code notifyWaiters} calls: {@code notifyOne} with nobody waiting and a {@code notified()}
 * that finds the permit are one CAS each. Waiters queue under a lock.
 */
public final class Notify {

    private static final int PERMIT = 1;
    /** Set exactly while the wait list is non-empty; changed only under the lock. */
    private static final int WAITING = 2;
    /** The count of notifyWaiters calls, above the two flags; changed only under the lock. */
    private static final int CALL = 4;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Notify.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state;
    /** Guarded by itself. */
    private final WaitList<Notified> waiters = new WaitList<>();

    /** A notify with no stored permit. */
    public Notify() {}

    /**
     * A future that completes on the next {@code notifyOne} (or a stored permit), or on a
     * {@code notifyWaiters} made after this call.
     */
    public Future<Void> notified() {
        return new Notified(this, state & -CALL);
    }

    /** Wakes the longest waiter, or stores one permit if none waits (a second one is not kept). */
    public void notifyOne() {
        for (;;) {
            int s = state;
            if ((s & WAITING) != 0) {
                break;
            }
            if ((s & PERMIT) != 0 || STATE.compareAndSet(this, s, s | PERMIT)) {
                return;
            }
        }
        Waker w;
        synchronized (waiters) {
            w = notifyOneLocked();
        }
        if (w != null) {
            w.wake();
        }
    }

    /** Completes every {@code notified()} future created before this call; stores no permit. */
    public void notifyWaiters() {
        Wakeups wakeups = new Wakeups();
        synchronized (waiters) {
            for (;;) {
                int s = state;
                if (STATE.compareAndSet(this, s, (s + CALL) & ~WAITING)) {
                    break;
                }
            }
            for (Notified n = waiters.pollFirst(); n != null; n = waiters.pollFirst()) {
                wakeups.add(n.notifiedBy(Notified.BY_ALL));
            }
        }
        wakeups.wakeAll();
    }

    /** Futures waiting now. */
    public int waiters() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** Whether a permit is stored. */
    public boolean hasPermit() {
        return (state & PERMIT) != 0;
    }

    /** E.g. {@code Notify(permit stored)}, {@code Notify(2 waiting)}. */
    @Override
    public String toString() {
        return "Notify(" + describe() + ")";
    }

    private String describe() {
        int waiting = waiters();
        return waiting > 0 ? waiting + " waiting" : hasPermit() ? "permit stored" : "no permit";
    }

    /** Under the lock: notifies the head waiter (its waker returned) or stores the permit. */
    private Waker notifyOneLocked() {
        Notified head = waiters.pollFirst();
        if (head == null) {
            for (;;) {
                int s = state;
                if (STATE.compareAndSet(this, s, s | PERMIT)) {
                    return null;
                }
            }
        }
        if (waiters.isEmpty()) {
            clearWaiting();
        }
        return head.notifiedBy(Notified.BY_ONE);
    }

    private void clearWaiting() {
        for (;;) {
            int s = state;
            if (STATE.compareAndSet(this, s, s & ~WAITING)) {
                return;
            }
        }
    }

    /** The first poll: takes the permit or sees a notifyWaiters since creation, else queues. */
    private boolean takeOrEnqueue(Notified node, Waker waker) {
        for (;;) {      // lock-free: the stored permit, or a notifyWaiters since the future's creation
            int s = state;
            if ((s & -CALL) != node.calls) {
                return true;
            }
            if ((s & PERMIT) == 0) {
                break;
            }
            if (STATE.compareAndSet(this, s, s & ~PERMIT)) {
                return true;
            }
        }
        synchronized (waiters) {
            // the calls and WAITING change only under the lock; PERMIT may be set meanwhile (CAS)
            for (;;) {
                int s = state;
                if ((s & -CALL) != node.calls) {
                    return true;
                }
                boolean permit = (s & PERMIT) != 0;
                if (STATE.compareAndSet(this, s, permit ? s & ~PERMIT : s | WAITING)) {
                    if (permit) {
                        return true;
                    }
                    node.waker = waker;     // linked in the section that set WAITING: notifyOne finds it
                    waiters.addLast(node);
                    return false;
                }
            }
        }
    }

    /** The future of {@link #notified()}; also its wait-list node. */
    private static final class Notified extends Waiter<Void> {
        static final byte BY_ONE = 1;
        static final byte BY_ALL = 2;

        private final Notify notify;
        /** The notifyWaiters count at creation (state without the flags). */
        final int calls;
        /** 0 until notified; then who notified it. Written under the lock. */
        private volatile byte notifiedBy;

        Notified(Notify notify, int calls) {
            this.notify = notify;
            this.calls = calls;
        }

        /** Under the lock, as the node is unlinked: marks it notified; returns the waker to wake. */
        Waker notifiedBy(byte by) {
            Waker w = waker;
            waker = null;
            notifiedBy = by;
            return w;
        }

        @Override
        boolean arrive(Waker waker) {
            return notify.takeOrEnqueue(this, waker);
        }

        @Override
        boolean served() {
            return notifiedBy != 0;
        }

        @Override
        Void value() {
            return null;
        }

        /** Leaves the queue; a notifyOne it already took goes on to the next waiter or the permit. */
        @Override
        void leave() {
            Waker next = null;
            synchronized (notify.waiters) {
                if (notify.waiters.remove(this)) {
                    if (notify.waiters.isEmpty()) {
                        notify.clearWaiting();
                    }
                } else if (notifiedBy == BY_ONE) {
                    next = notify.notifyOneLocked();
                }
                waker = null;
            }
            if (next != null) {
                next.wake();
            }
        }

        @Override
        Object lock() {
            return notify.waiters;
        }

        @Override
        String name() {
            return "Notify.notified";
        }

        /** E.g. {@code 3 waiting}. */
        @Override
        String describe() {
            return notify.describe();
        }
    }
}
