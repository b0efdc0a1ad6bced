package dev.pollen.rt.time;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * A leaf future that is ready once its deadline passed, and is its own timer entry: no node,
 * no extra object per pending timer. 40 bytes with compressed oops: the wheel's links, the
 * deadline, the waker and the driver that started it; the state is a mark in {@code prev} while
 * out of the wheel. Created unstarted by {@code Time.sleep},
 * {@code Time.sleepUntil}, an {@code Interval} or a {@code Reactor}; its first poll starts the
 * timer on a {@link TimeDriver}. The states, and who may change which field when, are in the
 * package documentation. Not API.
 *
 * <p>The first poll starts the timer on the driver bound to the polling thread
 * ({@link TimeDriver#current()}: the runtime running the task) or on the one its holder passes
 * (a reactor, an interval: {@link #pollOn}); later polls and {@link #cancel} use that driver,
 * wherever they run. So a started sleep handed to a task of another runtime (through a
 * channel, say) still fires on its own wheel and wakes the new owner there.
 */
public final class Sleep extends TimerEntry implements Future<Void> {

    /** A state of a sleep out of the wheel, kept in {@code prev}. */
    private static final class Mark extends TimerEntry {
        private final String name;

        Mark(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Not started; {@code deadline} holds the duration in clock nanos. */
    static final TimerEntry NEW_DURATION = new Mark("not started");
    /** Not started; {@code deadline} holds the absolute deadline in clock nanos. */
    static final TimerEntry NEW_UNTIL = new Mark("not started");
    /** Deadline passed; the next poll is ready. */
    static final TimerEntry FIRED = new Mark("fired");
    /** Cancelled, or its driver closed; the next poll throws CancellationException. */
    static final TimerEntry CANCELLED = new Mark("cancelled");
    /** A poll returned ready or threw. */
    static final TimerEntry DONE = new Mark("done");
    // WAITING, in the wheel: prev is null or another entry, deadline holds the tick.

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(TimerEntry.class, "prev", TimerEntry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Durations are capped so that deadline arithmetic never overflows (about 73 years). */
    static final long MAX_NANOS = Long.MAX_VALUE / 4;

    /** Guarded by the driver's lock while WAITING; then taken once by the thread that wakes it. */
    private Waker waker;
    /**
     * The driver that started the timer; null before. Written by the owner's first poll before
     * the sleep enters the wheel, read by the owner (poll, cancel) and by toString.
     */
    private TimeDriver driver;

    private Sleep(TimerEntry state, long nanos) {
        this.prev = state;
        this.deadline = nanos;
    }

    /**
     * A sleep of {@code d} (capped to about 73 years) from its first poll.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static Sleep of(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative sleep duration: " + d);
        }
        return new Sleep(NEW_DURATION, cappedNanos(d));
    }

    /** {@code d} in nanoseconds, capped to about 73 years so that deadline arithmetic never overflows. */
    public static long cappedNanos(Duration d) {
        try {
            return Math.min(d.toNanos(), MAX_NANOS);
        } catch (ArithmeticException tooLong) {
            return MAX_NANOS;
        }
    }

    /** A sleep until clock nanos {@code deadlineNanos} of the driver it starts on. */
    public static Sleep until(long deadlineNanos) {
        return new Sleep(NEW_UNTIL, deadlineNanos);
    }

    /** Polls on the driver of this thread's runtime. */
    @Override
    public Poll<Void> poll(Context cx) {
        return pollOn(null, cx);
    }

    /** Polls; the first poll starts the timer on {@code driver}, or on {@link TimeDriver#current()} if null. */
    public Poll<Void> pollOn(TimeDriver driver, Context cx) {
        TimerEntry state = (TimerEntry) STATE.getAcquire(this);
        if (state == FIRED) {
            prev = DONE;
            return Poll.ready(null);
        }
        if (state == CANCELLED) {
            prev = DONE;
            throw new CancellationException("sleep cancelled, or its runtime's timers were shut down");
        }
        if (state == DONE) {
            throw new IllegalStateException("polled after completion");
        }
        if (state == NEW_DURATION || state == NEW_UNTIL) {
            TimeDriver d = driver != null ? driver : TimeDriver.current();
            if (d == null) {
                throw new IllegalStateException("Time.sleep polled outside a Pollen runtime: await it in a task run"
                        + " by AsyncRuntime or Executor.blockOn");
            }
            return start(d, cx.waker());
        }
        if (this.driver.repoll(this, cx.waker())) {
            return Poll.pending();
        }
        return pollOn(null, cx);            // it fired or was cancelled meanwhile
    }

    /** Takes the timer out; the next poll throws CancellationException. Ignored once completed. */
    @Override
    public void cancel() {
        TimerEntry state = (TimerEntry) STATE.getAcquire(this);
        if (state == DONE || state == CANCELLED) {
            return;
        }
        if (state instanceof Mark) {
            // not started, or fired: out of the wheel, and the driver never writes prev again
            prev = CANCELLED;
            return;
        }
        driver.cancel(this);
    }

    private Poll<Void> start(TimeDriver d, Waker w) {
        long now = d.clock().nanoTime();
        long deadlineNanos = prev == NEW_DURATION ? now + deadline : deadline;
        if (deadlineNanos - now <= 0) {
            prev = DONE;
            return Poll.ready(null);
        }
        driver = d;                         // before the sleep is shared through the wheel
        switch (d.start(this, deadlineNanos, w)) {
            case TimeDriver.STARTED:
                return Poll.pending();
            case TimeDriver.ALREADY_DUE:
                prev = DONE;
                return Poll.ready(null);
            default:
                prev = DONE;
                throw new CancellationException("sleep polled after its runtime's timers were shut down");
        }
    }

    // ---- the driver's side, under its lock ----

    /**
     * Driver, under its lock, as the wheel filed the sleep (which set prev, ending the NEW state):
     * keeps the waker to wake.
     */
    void enterWheel(Waker w) {
        waker = w;
    }

    boolean isWaiting() {
        return !(prev instanceof Mark);
    }

    /** Driver, under its lock: keeps the latest waker while waiting; false if it left the wheel. */
    boolean replaceWaker(Waker w) {
        if (!isWaiting()) {
            return false;
        }
        waker = w;
        return true;
    }

    /**
     * Driver, under its lock: the sleep left the wheel, FIRED or CANCELLED (close). Its waker
     * stays for {@link #takeWaker}, outside the lock.
     */
    void leaveWheel(TimerEntry newState) {
        STATE.setRelease(this, newState);
    }

    /** Driver, under its lock, for the owner's cancel(): no wake-up needed. */
    void cancelled() {
        if (isWaiting()) {
            waker = null;
        }
        STATE.setRelease(this, CANCELLED);
    }

    /** Driver, outside its lock, once the sleep left the wheel: the waker to wake, at most once. */
    Waker takeWaker() {
        Waker w = waker;
        waker = null;
        return w;
    }

    /**
     * What it waits for, e.g. {@code Sleep(2 s, not started)}, {@code Sleep(1.2 s left)}.
     */
    @Override
    public String toString() {
        TimerEntry state = prev;
        if (state == NEW_DURATION) {
            return "Sleep(" + seconds(deadline) + ", not started)";
        }
        if (state == NEW_UNTIL) {
            return "Sleep(until " + seconds(deadline) + ", not started)";
        }
        if (state instanceof Mark) {
            return "Sleep(" + state + ")";
        }
        long left = nanosLeft();
        return left < 0 ? "Sleep(waiting)" : "Sleep(" + seconds(left) + " left)";
    }

    /** Clock nanos until the deadline while in the wheel (0 once it passed); -1 otherwise. For reports. */
    long nanosLeft() {
        TimeDriver d = driver;
        if (prev instanceof Mark || d == null) {
            return -1;
        }
        return Math.max(0, d.nanosOf(deadline) - d.clock().nanoTime());
    }

    /** Nanos as seconds with up to 3 decimals, e.g. "2 s", "1.25 s". */
    static String seconds(long nanos) {
        return BigDecimal.valueOf(nanos / 1_000_000, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
