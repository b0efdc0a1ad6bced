package dev.pollen;

import dev.pollen.rt.time.IdleSource;
import dev.pollen.rt.time.PausedClock;
import dev.pollen.rt.time.Sleep;
import dev.pollen.rt.time.TimeDriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Completes timer futures: one thread, named {@code pollen-reactor-N} (not a daemon), serves all
 * the timers of this reactor, kept in a timing wheel (1 ms resolution, deadlines rounded up);
 * never a thread per timer. The thread starts with the reactor and stops at {@link #close()}.
 *
 * <p>A timer starts when its future is first polled (deadline = {@code clock.nanoTime()} +
 * duration). When the deadline passes the reactor wakes the waker of the latest poll, and the
 * next poll is ready. Timers with equal deadlines fire in the order they started.
 *
 * <p>With {@link Clock#virtual()} the thread never waits for real time: it jumps the clock to
 * the earliest deadline and fires that timer when every runtime that polled one of its timers
 * is idle (all workers parked, nothing to run).
 */
public final class Reactor implements AutoCloseable {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final Clock clock;
    private final TimeDriver driver;
    private final Thread thread;
    /** Guards closed, signals and sources; the thread waits on it. */
    private final Object monitor = new Object();
    private boolean closed;
    /** Counts signals, so that one arriving between a check and the wait is not lost. */
    private long signals;
    /** Virtual clock only: the runtimes whose idleness lets the clock jump. */
    private final List<IdleSource> sources = new ArrayList<>();
    private final Runnable signal = this::signal;

    /** A reactor on {@link Clock#system()}. */
    public Reactor() {
        this(Clock.system());
    }

    /** A reactor on {@code clock}; with {@link Clock#virtual()} its timers take no real time. */
    public Reactor(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.driver = new TimeDriver(clock, signal);
        this.thread = new Thread(this::loop, "pollen-reactor-" + THREAD_NUMBER.incrementAndGet());
        thread.setDaemon(false);
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
        return new ReactorSleep(Sleep.of(d));
    }

    /**
     * Stops the reactor and joins its thread. Timers still pending fail: their wakers are woken
     * and their next poll throws {@link java.util.concurrent.CancellationException}. Idempotent.
     * Waits for the thread even if interrupted (the interrupt flag is kept).
     */
    @Override
    public void close() {
        List<IdleSource> attached;
        synchronized (monitor) {
            closed = true;
            monitor.notifyAll();
            attached = new ArrayList<>(sources);
            sources.clear();
        }
        driver.close();
        for (IdleSource s : attached) {
            s.removeIdleListener(signal);
        }
        joinThread();
    }

    @Override
    public String toString() {
        return "Reactor(" + thread.getName() + ", " + driver.pending() + " pending, " + clock + ")";
    }

    /** Virtual clock: the first poll of a sleep attaches the runtime polling it. */
    private void attach(IdleSource source) {
        synchronized (monitor) {
            if (closed || source.isClosed() || sources.contains(source)) {
                return;
            }
            sources.add(source);
        }
        source.addIdleListener(signal);
    }

    private void signal() {
        synchronized (monitor) {
            signals++;
            monitor.notifyAll();
        }
    }

    private void loop() {
        boolean paused = clock instanceof PausedClock;
        for (;;) {
            long seen;
            synchronized (monitor) {
                if (closed) {
                    return;
                }
                seen = signals;
            }
            if (!paused) {
                driver.fireDue();
            }
            long next = driver.nextDeadline();    // from now on, an earlier new timer signals
            if (paused && next != Long.MAX_VALUE && allIdle()) {
                driver.advanceToNextAndFire();
                continue;
            }
            synchronized (monitor) {
                if (closed || signals != seen) {
                    continue;
                }
                try {
                    long wait = next - clock.nanoTime();
                    if (next == Long.MAX_VALUE || paused) {
                        monitor.wait();
                    } else if (wait > 0) {
                        TimeUnit.NANOSECONDS.timedWait(monitor, wait);
                    }
                } catch (InterruptedException e) {
                    // nobody should interrupt this thread; close() is the way to stop it
                }
            }
        }
    }

    /**
     * Whether every attached runtime is idle; forgets the closed ones. Asked outside the monitor:
     * a runtime may hold its own lock while it signals.
     */
    private boolean allIdle() {
        List<IdleSource> attached;
        synchronized (monitor) {
            attached = new ArrayList<>(sources);
        }
        boolean idle = true;
        for (IdleSource s : attached) {
            if (s.isClosed()) {
                synchronized (monitor) {
                    sources.remove(s);
                }
                s.removeIdleListener(signal);
            } else if (!s.isIdle()) {
                idle = false;
            }
        }
        return idle;
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

    /**
     * A sleep on this reactor's driver; on a virtual clock its first poll first attaches the
     * runtime polling it.
     */
    private final class ReactorSleep implements Future<Void> {

        private final Sleep sleep;
        private boolean attached = !(clock instanceof PausedClock);

        ReactorSleep(Sleep sleep) {
            this.sleep = sleep;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (!attached) {
                attached = true;
                IdleSource source = IdleSource.current();
                if (source != null) {
                    attach(source);     // before the timer exists: the clock cannot jump past this runtime
                }
            }
            return sleep.pollOn(driver, cx);
        }

        @Override
        public void cancel() {
            sleep.cancel();
        }

        @Override
        public String toString() {
            return sleep.toString();
        }
    }
}
