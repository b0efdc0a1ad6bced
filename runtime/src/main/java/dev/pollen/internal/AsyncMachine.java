package dev.pollen.internal;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.debug.AsyncTraces;
import dev.pollen.rt.task.SpawnSites;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.util.concurrent.CancellationException;

/**
 * Not API: the base class of the state machines generated for {@code @Async} methods.
 *
 * <p>The generated {@link #resume} runs the method body from the point given by {@link #state}.
 * At each {@code await(f)} it polls {@code f} at once: ready → it takes the value and goes on;
 * thrown → the exception propagates through the body's own try/catch as in plain Java; pending
 * → it calls {@link #awaitOn awaitOn(f)}, sets {@code state} to the await's resume point and
 * returns {@link Poll#pending()}. The next poll enters the resume point, which sees
 * {@link #isSuspended()} and polls {@code f} again through {@link #pollAwaited}.
 *
 * <p>This class owns completion and cancellation (see {@link Future} and the README's
 * "Semantics users rely on": cancelling behaves as if a {@code return} ran at the await where the machine is
 * suspended):
 * <ul>
 *   <li>completed: {@code cancel()} is ignored, {@code poll} throws
 *       {@code IllegalStateException("polled after completion")};</li>
 *   <li>not started (never polled): the next poll throws {@code CancellationException};</li>
 *   <li>suspended at an await: {@link #cleanupOnCancel()} says where the enclosing
 *       {@code finally} blocks start (or that there are none), then the awaited future is
 *       cancelled. Later polls poll the awaited future until it completes, ignoring its value (a
 *       failure other than {@code CancellationException} is kept as suppressed). Then, without
 *       cleanup, the poll throws {@code CancellationException}; with cleanup, {@code resume} runs
 *       the {@code finally} blocks (they may await) and ends with {@link #cancelled()}, after
 *       which the poll throws {@code CancellationException}. {@code catch} blocks never run;</li>
 *   <li>cancelled re-entrantly while {@code resume} runs: applied when {@code resume} returns
 *       pending (as just above, in the same poll); ignored if it completes.</li>
 * </ul>
 * Like every future, a machine is polled and cancelled by one owner, never concurrently.
 *
 * @param <T> the type of the method's (boxed) result
 */
public abstract class AsyncMachine<T> implements Future<T> {
    /** How a {@code try} with a lowered {@code finally} is being left (a field per try). */
    protected static final int LEAVE_NORMALLY = -1;
    protected static final int LEAVE_THROWING = -2;
    protected static final int LEAVE_RETURNING = -3;
    protected static final int LEAVE_CANCELLED = -4;
    /** {@link #cleanupOnCancel()}: no {@code finally} block encloses the current await. */
    protected static final int NO_CLEANUP = -1;
    private static final int CLEANUP_RUNNING = -2;

    /** In {@code awaited} while the machine yielded at a loop's back-edge: ready at once, cancel ignored. */
    private static final Future<Object> YIELDED = new Future<>() {
        @Override
        public Poll<Object> poll(Context cx) {
            return Poll.ready(null);
        }

        @Override
        public String toString() {
            return "a yield (the task's budget was spent)";
        }
    };

    /** The resume point; 0 = not started. Owned by the generated {@link #resume}. */
    protected int state;

    /** The future of the await where the machine is suspended; null when not suspended. */
    Future<?> awaited;
    boolean started;
    private boolean resuming;
    boolean done;
    /**
     * Null until {@link #cancel()} is called. Kept apart because most machines are never
     * cancelled: every suspended machine is 16 bytes smaller for it.
     */
    Cancellation cancellation;

    /** The state of a requested cancellation. */
    private static final class Cancellation {
        /** Where cleanup starts, {@link #NO_CLEANUP}, or {@link #CLEANUP_RUNNING}. */
        int cleanupState = NO_CLEANUP;
        /** Set by {@link #cancelled()}: the cleanup has finished. */
        boolean cleanupFinished;
        Throwable suppressed;
    }

    protected AsyncMachine() {}

    /**
     * Generated: runs the body until an await is pending (returns {@link Poll#pending()}) or
     * the body completes (returns {@link Poll#ready}), or throws the body's failure.
     */
    protected abstract Poll<T> resume(Context cx) throws Throwable;

    /**
     * Generated where {@code finally} blocks contain or follow awaits: called once when the
     * machine is cancelled while suspended at the await {@link #state} names. Returns the state
     * of the innermost enclosing {@code finally} block, having recorded in that try's leave
     * field that it is left by cancellation ({@link #LEAVE_CANCELLED}); or {@link #NO_CLEANUP}.
     */
    protected int cleanupOnCancel() {
        return NO_CLEANUP;
    }

    /** Generated: the {@code finally} blocks run for a cancellation have finished. */
    protected final Poll<T> cancelled() {
        cancellation.cleanupFinished = true;
        return Poll.pending();
    }

    @Override
    public final Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after completion");
        }
        Cancellation c = cancellation;
        if (c != null && c.cleanupState != CLEANUP_RUNNING) {
            if (!drainAwaited(cx)) {
                return Poll.pending();
            }
            if (c.cleanupState == NO_CLEANUP) {
                throw finishCancelled();
            }
            state = c.cleanupState;
            c.cleanupState = CLEANUP_RUNNING;
        }
        if (awaited == YIELDED) {
            awaited = null;             // resumes at a loop's step, not at an await
        }
        started = true;
        resuming = true;
        Poll<T> result;
        try {
            result = resume(cx);
        } catch (Throwable t) {
            complete();
            AsyncTraces.machineFailed(this, t);
            throw Sneaky.rethrow(t);
        } finally {
            resuming = false;
        }
        c = cancellation;
        if (c != null && c.cleanupFinished) {
            throw finishCancelled();
        }
        if (result.isReady()) {
            complete();
            return result;
        }
        if (c != null && c.cleanupState == NO_CLEANUP && awaited != null) {
            // cancel() was called during resume: apply it now that the machine is suspended.
            deliverCancel();
            return poll(cx);
        }
        return result;
    }

    @Override
    public final void cancel() {
        if (done || cancellation != null) {
            return;
        }
        cancellation = new Cancellation();
        if (started && !resuming) {
            deliverCancel();
        }
    }

    /**
     * Generated code: {@code value} as a supertype {@code X} chosen by the caller
     * ({@code super.f} becomes {@code AsyncMachine.<Base>upcast(self).f}), without a cast that
     * javac would call redundant.
     */
    protected static <X> X upcast(X value) {
        return value;
    }

    /**
     * Generated code: the result of a handle's signature-polymorphic {@code get} or {@code invoke}
     * as the generic type {@code X} it has: a cast to a type variable or a parameterized type
     * there is one javac 21 and later flag as unchecked.
     */
    @SuppressWarnings("unchecked")
    protected static <X> X uncheckedCast(Object value) {
        return (X) value;
    }

    /**
     * Generated code: a handle on the enclosing instance ({@code Outer.this}) of the inner class
     * that {@code lookup} has private access to. Java names no way for another class to reach it;
     * javac keeps it in a synthetic field {@code this$N} of the enclosing class's type whenever the
     * inner class uses it, as a body that says {@code Outer.this} does.
     *
     * @throws IllegalAccessException if {@code lookup} cannot read the field
     * @throws NoSuchFieldException if the class has no such field (it was not compiled by javac)
     */
    protected static VarHandle enclosingInstance(MethodHandles.Lookup lookup)
            throws IllegalAccessException, NoSuchFieldException {
        Class<?> inner = lookup.lookupClass();
        for (Field field : inner.getDeclaredFields()) {
            if (field.isSynthetic() && field.getName().startsWith("this$")
                    && field.getType() == inner.getEnclosingClass()) {
                return lookup.unreflectVarHandle(field);
            }
        }
        throw new NoSuchFieldException(inner.getName() + " keeps no reference to its enclosing instance, which"
                + " its @Async method uses: Pollen supports classes compiled by javac, which keeps one");
    }

    /**
     * Generated code, around the future argument of a spawn call in an {@code @Async} body
     * ({@code Executor.spawn(spawnedAt(f, CAsync$m.class, 40))}): returns {@code f} unchanged and
     * tells the runtime where the next spawn of exactly {@code f} on this thread is made, for task
     * dumps, reports and async stack traces.
     */
    protected static <X> Future<X> spawnedAt(Future<X> f, Class<?> machine, int line) {
        SpawnSites.mark(f, machine, line);
        return f;
    }

    /**
     * Generated code, at an await: the future to poll.
     *
     * @throws NullPointerException if {@code f} is null
     */
    protected static <X> Future<X> awaitable(Future<X> f) {
        if (f == null) {
            throw new NullPointerException("await(null): the awaited future is null");
        }
        return f;
    }

    /**
     * Generated code, at a loop's back-edge when the task's {@linkplain Context#consumeBudget()
     * budget} is spent: the machine yields there ({@code state} names the loop's next step). It
     * is woken, and its next poll resumes at that state; cancelled meanwhile, it is cancelled as
     * if it were suspended at an await there ({@link #cleanupOnCancel()} covers every state).
     */
    protected final <X> Poll<X> budgetSpent(Context cx) {
        awaited = YIELDED;
        cx.waker().wake();
        return Poll.pending();
    }

    /**
     * Generated code, at an await whose first poll was pending: remembers the future, which the
     * next poll resumes with ({@link #pollAwaited}) and a cancel cancels.
     */
    protected final void awaitOn(Future<?> f) {
        awaited = f;
    }

    /**
     * Generated code, where the body continues after an await: whether it continues in a later
     * {@code poll} (the await was pending), rather than right after a ready first poll.
     */
    protected final boolean isSuspended() {
        return awaited != null;
    }

    /**
     * Generated code, at a resume point: polls the stored future. When it is ready or throws,
     * the reference is cleared first (a machine retains nothing it no longer awaits), then the
     * value is returned or the failure rethrown unchanged.
     */
    protected final <X> Poll<X> pollAwaited(Context cx) {
        @SuppressWarnings("unchecked")
        Future<X> f = (Future<X>) awaited;
        if (f == null) {
            throw new IllegalStateException("pollAwaited without awaitOn (state " + state + ")");
        }
        Poll<X> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            awaited = null;
            throw Sneaky.rethrow(t);
        }
        if (p.isReady()) {
            awaited = null;
        }
        return p;
    }

    private void deliverCancel() {
        if (awaited != null) {
            cancellation.cleanupState = cleanupOnCancel();
            awaited.cancel();
        }
    }

    /** Polls the cancelled awaited future until it completes; true once it has. */
    private boolean drainAwaited(Context cx) {
        if (awaited == null) {
            return true;
        }
        try {
            if (awaited.poll(cx).isPending()) {
                return false;
            }
        } catch (CancellationException expected) {
            // the awaited future obeyed the cancel
        } catch (Throwable t) {
            cancellation.suppressed = t;
        }
        awaited = null;
        return true;
    }

    private CancellationException finishCancelled() {
        complete();
        CancellationException cancelled = new CancellationException(getClass().getName() + " cancelled");
        if (cancellation.suppressed != null) {
            cancelled.addSuppressed(cancellation.suppressed);
        }
        return cancelled;
    }

    private void complete() {
        done = true;
        awaited = null;
    }

    /**
     * What the machine is, where, and what it waits for, for task dumps and the descriptions of the
     * futures that await it: {@code HttpCrawl.fetch (HttpCrawl.java:41) (awaiting Semaphore.acquire(1) (0 of 4 permits free, 3 waiting))},
     * {@code Demo.report (Demo.java:30) (not started)}, {@code ... (running)}, {@code ... (cancelled, awaiting ...)},
     * {@code ... (complete)}. Any thread:
     * the fields are read without synchronization, so a description made while another thread
     * polls the machine may be a moment old.
     */
    @Override
    public String toString() {
        String method = MachineView.where(this);
        Future<?> f = awaited;
        String what = done ? "complete" : !started ? "not started" : f == null ? "running" : "awaiting " + f;
        return method + " (" + (cancellation != null && !done ? "cancelled, " : "") + what + ")";
    }

    /** {@code CAsync$m} or {@code CAsync$m$2} (an overload), the generated names: {@code C.m}. */
    static String methodName(String machineClass) {
        int dollar = machineClass.indexOf('$');
        if (dollar < 0) {
            return machineClass;
        }
        String facades = machineClass.substring(0, dollar);
        String type = facades.endsWith("Async") ? facades.substring(0, facades.length() - "Async".length()) : facades;
        int overload = machineClass.indexOf('$', dollar + 1);
        return type + "." + (overload < 0 ? machineClass.substring(dollar + 1) : machineClass.substring(dollar + 1, overload));
    }
}
