package dev.pollen.sync;

import dev.pollen.Future;
import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.Wakeups;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A count-down latch: {@link #opened()} completes once {@link #countDown()} was called
 * {@code count} times; then it stays open ({@code java.util.concurrent.CountDownLatch}, without
 * blocking a thread).
 *
 * <pre>{@code
 * Latch ready = new Latch(3);
 * for (int i = 0; i < 3; i++) { Executor.spawn(WorkerAsync.start(ready)); }  // each calls ready.countDown()
 * await(ready.opened());                                                       // all three started
 * }</pre>
 *
 * <p>A count-down is one CAS; the one that reaches 0 wakes every waiter. A cancelled
 * {@code opened()} leaves the queue; it takes nothing from the latch.
 */
public final class Latch {

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Latch.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int initial;
    private volatile int count;
    /** Guarded by itself. Once count is 0, nobody is added, and the opener empties it. */
    private final WaitList<Opened> waiters = new WaitList<>();

    /**
     * A latch that opens after {@code count} count-downs (at once if 0).
     *
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public Latch(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("negative latch count " + count);
        }
        this.initial = count;
        this.count = count;
    }

    /** Counts down once; the count-down that reaches 0 opens the latch. Ignored once open. */
    public void countDown() {
        for (;;) {
            int c = count;
            if (c == 0) {
                return;
            }
            if (COUNT.compareAndSet(this, c, c - 1)) {
                if (c == 1) {
                    open();
                }
                return;
            }
        }
    }

    /** Count-downs left before the latch opens. */
    public int count() {
        return count;
    }

    /** A future that completes once the latch is open. */
    public Future<Void> opened() {
        return new Opened(this);
    }

    /** E.g. {@code Latch(3 of 5 counts left, 2 waiting)}. */
    @Override
    public String toString() {
        return "Latch(" + describe() + ")";
    }

    private String describe() {
        int waiting;
        synchronized (waiters) {
            waiting = waiters.size();
        }
        return count + " of " + initial + " counts left" + (waiting == 0 ? "" : ", " + waiting + " waiting");
    }

    private void open() {
        Wakeups wakeups = new Wakeups();
        synchronized (waiters) {
            for (Opened o = waiters.pollFirst(); o != null; o = waiters.pollFirst()) {
                wakeups.add(o.waker);
                o.waker = null;
            }
        }
        wakeups.wakeAll();
    }

    /** The future of {@link #opened()}; also its wait-list node. */
    private static final class Opened extends Waiter<Void> {
        private final Latch latch;

        Opened(Latch latch) {
            this.latch = latch;
        }

        @Override
        boolean arrive(Waker waker) {
            if (latch.count == 0) {
                return true;
            }
            synchronized (latch.waiters) {
                // count reaches 0 before the opener locks: a node linked here is seen by it
                if (latch.count == 0) {
                    return true;
                }
                this.waker = waker;
                latch.waiters.addLast(this);
                return false;
            }
        }

        @Override
        boolean served() {
            return latch.count == 0;    // if still linked, the opener unlinks it
        }

        @Override
        Void value() {
            return null;
        }

        @Override
        void leave() {
            synchronized (latch.waiters) {
                latch.waiters.remove(this);
                waker = null;
            }
        }

        @Override
        Object lock() {
            return latch.waiters;
        }

        @Override
        String name() {
            return "Latch.opened";
        }

        /** E.g. {@code 3 of 5 counts left}. */
        @Override
        String describe() {
            return latch.count + " of " + latch.initial + " counts left";
        }
    }
}
