package dev.pollen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes timer futures: one thread, named {@code pollen-reactor-N} (not a daemon), serves all
 * the timers of this reactor, kept in one min-heap; never a thread per timer. The thread starts
 * with the reactor and stops at {@link #close()}.
 *
 * <p>A timer starts when its future is first polled (deadline = {@code clock.nanoTime()} +
 * duration). When the deadline passes the reactor wakes the waker of the latest poll, and the
 * next poll is ready. Timers with equal deadlines fire in the order they started.
 *
 * <p>With {@link Clock#virtual()} the thread never waits for real time: when every executor is
 * parked it jumps the clock to the earliest deadline and fires that timer.
 */
public final class Reactor implements AutoCloseable {

    /** Durations are capped so that deadline arithmetic never overflows (about 146 years). */
    private static final long MAX_SLEEP_NANOS = Long.MAX_VALUE / 2;
    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    final Object lock = new Object();
    /** Guarded by lock. */
    final TimerHeap heap = new TimerHeap();
    /** Guarded by lock. */
    private long nextSequence;
    /** Guarded by lock. */
    private boolean closed;

    private final Clock clock;
    private final Thread thread;
    /** For a virtual clock: wakes the thread when every executor has parked. */
    private final Runnable idleListener = this::signal;

    /** A reactor on {@link Clock#system()}. */
    public Reactor() {
        this(Clock.system());
    }

    /** A reactor on {@code clock}; with {@link Clock#virtual()} its timers take no real time. */
    public Reactor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thread = new Thread(this::loop, "pollen-reactor-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(false);
        if (clock instanceof VirtualClock) {
            Activity.addIdleListener(idleListener);
        }
        thread.start();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * A future that is ready with {@code null} once {@code d} has passed since its first poll.
     * Its {@code cancel()} removes the timer (the next poll throws
     * {@link java.util.concurrent.CancellationException}). Polled first after {@link #close()},
     * it throws {@code CancellationException}.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public Future<Void> sleep(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative sleep duration: " + d);
        }
        long nanos;
        try {
            nanos = Math.min(d.toNanos(), MAX_SLEEP_NANOS);
        } catch (ArithmeticException tooLong) {
            nanos = MAX_SLEEP_NANOS;
        }
        return new Sleep(this, nanos);
    }

    /**
     * Stops the reactor and joins its thread. Timers still pending fail: their wakers are woken
     * and their next poll throws {@link java.util.concurrent.CancellationException}. Idempotent.
     * Waits for the thread even if interrupted (the interrupt flag is kept).
     */
    @Override
    public void close() {
        List<Waker> pendingWakers = new ArrayList<>();
        synchronized (lock) {
            if (!closed) {
                closed = true;
                for (Sleep s : heap.drain()) {
                    pendingWakers.add(s.waker);
                    s.finish(Sleep.CANCELLED);
                }
                lock.notifyAll();
            }
        }
        Activity.removeIdleListener(idleListener);
        for (Waker w : pendingWakers) {
            wake(w);
        }
        joinThread();
    }

    /**
     * Guarded by lock: starts the timer of a NEW sleep (whose deadline field holds the duration
     * until now); false if the reactor is closed.
     */
    boolean start(Sleep s) {
        if (closed) {
            return false;
        }
        s.deadline = clock.nanoTime() + s.deadline;
        s.sequence = nextSequence++;
        heap.add(s);
        if (heap.peek() == s) {
            lock.notifyAll();   // a new earliest deadline
        }
        return true;
    }

    private void signal() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void loop() {
        List<Waker> due = new ArrayList<>();
        while (awaitDue(due)) {
            for (Waker w : due) {
                wake(w);
            }
            due.clear();
        }
    }

    /**
     * Waits until some timers are due, marks them FIRED and collects their wakers (woken by the
     * caller outside the lock). Returns false once the reactor is closed.
     */
    private boolean awaitDue(List<Waker> due) {
        synchronized (lock) {
            while (!closed) {
                Sleep first = heap.peek();
                long now = clock.nanoTime();
                if (first != null && first.deadline - now <= 0) {
                    do {
                        Sleep s = heap.poll();
                        due.add(s.waker);
                        s.finish(Sleep.FIRED);
                        first = heap.peek();
                    } while (first != null && first.deadline - now <= 0);
                    return true;
                }
                try {
                    if (first == null) {
                        lock.wait();
                    } else if (clock instanceof VirtualClock) {
                        if (Activity.isIdle()) {
                            ((VirtualClock) clock).advanceTo(first.deadline);
                        } else {
                            lock.wait();    // signalled by the idle listener or a new timer
                        }
                    } else {
                        TimeUnit.NANOSECONDS.timedWait(lock, first.deadline - now);
                    }
                } catch (InterruptedException e) {
                    // nobody should interrupt this thread; close() is the way to stop it
                }
            }
            return false;
        }
    }

    /** A waker that throws must not kill the reactor thread: report it and go on. */
    private static void wake(Waker w) {
        try {
            w.wake();
        } catch (Throwable t) {
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, t);
        }
    }

    private void joinThread() {
        if (Thread.currentThread() == thread) {
            return;     // close() called by a waker on the reactor thread: it ends by itself
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
