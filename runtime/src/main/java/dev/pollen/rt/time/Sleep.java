package dev.pollen.rt.time;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * A leaf future that is ready once its deadline passed, and is its own timer entry: no node,
 * no extra object per pending timer (40 bytes with compressed oops, the wheel's links
 * included). Created unstarted by {@code Time.sleep}, {@code Time.sleepUntil} or a
 * {@code Reactor}; its first poll binds it to a {@link TimeDriver} (the reactor's, or
 * {@link TimeDriver#current()}) and starts the timer. The states, and who may change which
 * field when, are in the package documentation. Not API.
 */
public final class Sleep extends TimerEntry implements Future<Void> {

    /** Not started; {@code deadline} holds the duration in clock nanos. */
    static final int NEW_DURATION = 0;
    /** Not started; {@code deadline} holds the absolute deadline in clock nanos. */
    static final int NEW_UNTIL = 1;
    /** In the driver's wheel; {@code deadline} holds its tick. */
    static final int WAITING = 2;
    /** Deadline passed; the next poll is ready. */
    static final int FIRED = 3;
    /** Cancelled, or its driver closed; the next poll throws CancellationException. */
    static final int CANCELLED = 4;
    /** A poll returned ready or threw. */
    static final int DONE = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Sleep.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Durations are capped so that deadline arithmetic never overflows (about 73 years). */
    static final long MAX_NANOS = Long.MAX_VALUE / 4;

    private int state;
    /** Null until the first poll, unless created by a reactor. */
    private TimeDriver driver;
    /** Guarded by the driver's lock while WAITING. */
    private Waker waker;

    private Sleep(TimeDriver driver, int state, long nanos) {
        this.driver = driver;
        this.state = state;
        this.deadline = nanos;
    }

    /**
     * A sleep of {@code d} (capped to about 73 years) from its first poll, on the driver of the
     * thread that first polls it, or on {@code driver} if not null.
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public static Sleep of(TimeDriver driver, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative sleep duration: " + d);
        }
        return new Sleep(driver, NEW_DURATION, cappedNanos(d));
    }

    /** {@code d} in nanoseconds, capped to about 73 years so that deadline arithmetic never overflows. */
    public static long cappedNanos(Duration d) {
        try {
            return Math.min(d.toNanos(), MAX_NANOS);
        } catch (ArithmeticException tooLong) {
            return MAX_NANOS;
        }
    }

    /**
     * A sleep until clock nanos {@code deadlineNanos}, on the driver of the thread that first
     * polls it, or on {@code driver} if not null.
     */
    public static Sleep until(TimeDriver driver, long deadlineNanos) {
        return new Sleep(driver, NEW_UNTIL, deadlineNanos);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        switch ((int) STATE.getAcquire(this)) {
            case NEW_DURATION:
            case NEW_UNTIL:
                return start(cx.waker());
            case WAITING:
                if (driver.repoll(this, cx.waker())) {
                    return Poll.pending();
                }
                return poll(cx);            // it fired or was cancelled meanwhile
            case FIRED:
                state = DONE;
                return Poll.ready(null);
            case CANCELLED:
                state = DONE;
                throw new CancellationException("sleep cancelled, or its runtime's timers were shut down");
            default:
                throw new IllegalStateException("polled after completion");
        }
    }

    /** Takes the timer out; the next poll throws CancellationException. Ignored once completed. */
    @Override
    public void cancel() {
        int s = (int) STATE.getAcquire(this);
        if (s == WAITING || s == FIRED) {
            driver.cancel(this);            // FIRED too: the driver may still be waking it
        } else if (s == NEW_DURATION || s == NEW_UNTIL) {
            state = CANCELLED;
        }
    }

    private Poll<Void> start(Waker w) {
        TimeDriver d = driver != null ? driver : TimeDriver.current();
        if (d == null) {
            throw new IllegalStateException("Time.sleep polled outside a Pollen runtime: await it in a task run"
                    + " by AsyncRuntime or Executor.blockOn");
        }
        driver = d;
        long now = d.clock().nanoTime();
        long deadlineNanos = state == NEW_DURATION ? now + deadline : deadline;
        if (deadlineNanos - now <= 0) {
            state = DONE;
            return Poll.ready(null);
        }
        switch (d.start(this, deadlineNanos, w)) {
            case TimeDriver.STARTED:
                return Poll.pending();
            case TimeDriver.ALREADY_DUE:
                state = DONE;
                return Poll.ready(null);
            default:
                state = DONE;
                throw new CancellationException("sleep polled after its runtime's timers were shut down");
        }
    }

    // ---- the driver's side, under its lock ----

    /** Driver, under its lock: the sleep was filed in the wheel. */
    void enterWheel(Waker w) {
        waker = w;
        STATE.setRelease(this, WAITING);
    }

    boolean isWaiting() {
        return state == WAITING;
    }

    /** Driver, under its lock: keeps the latest waker while waiting; false if it left the wheel. */
    boolean replaceWaker(Waker w) {
        if (state != WAITING) {
            return false;
        }
        waker = w;
        return true;
    }

    /**
     * Driver, under its lock: the sleep left the wheel, FIRED or CANCELLED (close). Its waker
     * stays for {@link #takeWaker}, outside the lock.
     */
    void leaveWheel(int newState) {
        STATE.setRelease(this, newState);
    }

    /** Driver, under its lock, for the owner's cancel(): no wake-up needed. */
    void cancelled() {
        if (state == WAITING) {
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

    @Override
    public String toString() {
        switch (state) {
            case NEW_DURATION:
                return "Sleep(" + seconds(deadline) + ", not started)";
            case NEW_UNTIL:
                return "Sleep(until " + seconds(deadline) + ", not started)";
            case WAITING:
                return "Sleep(" + seconds(Math.max(0, driver.nanosOf(deadline) - driver.clock().nanoTime()))
                        + " left)";
            case FIRED:
                return "Sleep(fired)";
            case CANCELLED:
                return "Sleep(cancelled)";
            default:
                return "Sleep(done)";
        }
    }

    /** Nanos as seconds with up to 3 decimals, e.g. "2 s", "1.25 s". */
    static String seconds(long nanos) {
        return java.math.BigDecimal.valueOf(nanos / 1_000_000, 3).stripTrailingZeros().toPlainString() + " s";
    }
}
