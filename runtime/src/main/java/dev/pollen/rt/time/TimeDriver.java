package dev.pollen.rt.time;

import dev.pollen.Clock;
import dev.pollen.Waker;
import java.util.Objects;

/**
 * The timers of one runtime (or one {@code Reactor}): a {@link TimerWheel} of {@link Sleep}s
 * on the runtime's clock, serviced by whichever thread calls {@link #fireDue}. No global state:
 * a task finds its runtime's driver through {@link #current()}, bound on each worker thread.
 * The locking protocol is in the package documentation. Not API.
 */
public final class TimeDriver {

    static final long NANOS_PER_TICK = 1_000_000;
    private static final ThreadLocal<TimeDriver> CURRENT = new ThreadLocal<>();

    private final Clock clock;
    private final Runnable onEarlierDeadline;
    /** Clock nanos of tick 0. */
    private final long origin;

    /** Guards the wheel, and every field of a Sleep while it is in the wheel. */
    final Object lock = new Object();
    /** Guarded by lock. */
    private final TimerWheel wheel = new TimerWheel();
    /** Guarded by lock: the tick last reported by nextDeadline (what the runtime waits for). */
    private long watched = Long.MAX_VALUE;
    /** Guarded by lock. */
    private boolean closed;

    /**
     * A driver on {@code clock}. {@code onEarlierDeadline} runs, with no lock held, on the thread
     * that adds a timer due before the deadline {@link #nextDeadline()} last reported: the runtime
     * then unparks a worker so that it waits for the new deadline instead.
     */
    public TimeDriver(Clock clock, Runnable onEarlierDeadline) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onEarlierDeadline = Objects.requireNonNull(onEarlierDeadline, "onEarlierDeadline");
        this.origin = clock.nanoTime();
    }

    /** The driver bound to this thread by {@link #bind}, or null. */
    public static TimeDriver current() {
        return CURRENT.get();
    }

    /** Binds {@code driver} to this thread (a scheduler does it on each worker); null unbinds. */
    public static void bind(TimeDriver driver) {
        if (driver == null) {
            CURRENT.set(null);     // not remove(): a thread binds and unbinds often, and a
            // removed entry is re-created by the next get()
        } else {
            CURRENT.set(driver);
        }
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Clock nanos at which {@link #fireDue} next has work: at or before the earliest pending
     * deadline (it may be a cascade point of the wheel, after which the earliest deadline is
     * asked again); {@code Long.MAX_VALUE} if no timer is pending.
     */
    public long nextDeadline() {
        long tick;
        synchronized (lock) {
            tick = wheel.nextExpiration();
            watched = tick;
        }
        return tick == Long.MAX_VALUE ? Long.MAX_VALUE : nanosOf(tick);
    }

    /**
     * Fires every timer due at {@code clock.nanoTime()}: each is marked fired under the lock,
     * then its waker is woken outside it. Returns how many fired.
     */
    public int fireDue() {
        long now = ticksAtOrBefore(clock.nanoTime());
        TimerEntry due;
        synchronized (lock) {
            due = wheel.advance(now);
            for (TimerEntry e = due; e != null; e = e.next) {
                ((Sleep) e).leaveWheel(Sleep.FIRED);
            }
        }
        return wakeAll(due);
    }

    /**
     * For a paused clock ({@code Clock.virtual()}): moves it to the next pending deadline and
     * fires what is due then. Returns false, leaving the clock alone, if no timer is pending.
     *
     * @throws IllegalStateException if the clock is not a virtual one
     */
    public boolean advanceToNextAndFire() {
        if (!(clock instanceof PausedClock)) {
            throw new IllegalStateException("advanceToNextAndFire needs a paused clock (Clock.virtual()), not "
                    + clock);
        }
        for (;;) {
            long tick;
            synchronized (lock) {
                tick = wheel.nextExpiration();
            }
            if (tick == Long.MAX_VALUE) {
                return false;
            }
            ((PausedClock) clock).advanceTo(nanosOf(tick));
            if (fireDue() > 0) {
                return true;
            }   // a cascade point, or a timer cancelled meanwhile: on to the next
        }
    }

    /** The number of pending timers. */
    public int pending() {
        synchronized (lock) {
            return wheel.size();
        }
    }

    /**
     * Cancels every pending timer: its waker is woken and its next poll throws
     * {@link java.util.concurrent.CancellationException}; so does the first poll of a sleep
     * started later. Idempotent.
     */
    public void close() {
        TimerEntry all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = wheel.drain();
            for (TimerEntry e = all; e != null; e = e.next) {
                ((Sleep) e).leaveWheel(Sleep.CANCELLED);
            }
        }
        wakeAll(all);
    }

    @Override
    public String toString() {
        return "TimeDriver(" + pending() + " pending, " + clock + ")";
    }

    /** Outcome of {@link #start}. */
    static final int STARTED = 0;
    static final int ALREADY_DUE = 1;
    static final int CLOSED = 2;

    /**
     * Owner of {@code s}, at its first poll: files it to fire at {@code deadlineNanos} with
     * {@code waker}. ALREADY_DUE if that tick has passed, CLOSED after {@link #close}.
     */
    int start(Sleep s, long deadlineNanos, Waker waker) {
        long tick = ticksAtOrAfter(deadlineNanos);
        boolean earlier;
        synchronized (lock) {
            if (closed) {
                return CLOSED;
            }
            if (!wheel.insert(s, tick)) {
                return ALREADY_DUE;
            }
            s.enterWheel(waker);
            earlier = tick < watched;
            if (earlier) {
                watched = tick;
            }
        }
        if (earlier) {
            onEarlierDeadline.run();
        }
        return STARTED;
    }

    /** Owner of {@code s}, polling it again: keeps the latest waker; false if it left the wheel. */
    boolean repoll(Sleep s, Waker waker) {
        synchronized (lock) {
            return s.replaceWaker(waker);
        }
    }

    /** Owner of {@code s}: takes it out of the wheel if it is still there, and marks it cancelled. */
    void cancel(Sleep s) {
        synchronized (lock) {
            if (s.isWaiting()) {
                wheel.remove(s);
            }
            s.cancelled();
        }
    }

    /** Clock nanos at which tick {@code tick} begins. */
    long nanosOf(long tick) {
        return origin + tick * NANOS_PER_TICK;
    }

    /** The first tick that begins at or after {@code nanos}: a timer never fires early. */
    private long ticksAtOrAfter(long nanos) {
        return -Math.floorDiv(origin - nanos, NANOS_PER_TICK);
    }

    /** The last tick that begins at or before {@code nanos}. */
    private long ticksAtOrBefore(long nanos) {
        return Math.floorDiv(nanos - origin, NANOS_PER_TICK);
    }

    /** Outside the lock: wakes each entry of a chain that left the wheel, and unchains it. */
    private static int wakeAll(TimerEntry chain) {
        int n = 0;
        while (chain != null) {
            Sleep s = (Sleep) chain;
            chain = s.next;
            s.next = null;
            wake(s.takeWaker());
            n++;
        }
        return n;
    }

    /** A waker that throws must not break the driver: report it and go on. */
    private static void wake(Waker w) {
        if (w == null) {
            return;
        }
        try {
            w.wake();
        } catch (Throwable t) {
            Thread current = Thread.currentThread();
            current.getUncaughtExceptionHandler().uncaughtException(current, t);
        }
    }
}
