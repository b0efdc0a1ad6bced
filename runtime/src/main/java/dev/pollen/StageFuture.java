package dev.pollen;

import dev.pollen.internal.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Not API: {@link Futures#fromStage}: a {@link CompletionStage} awaited without blocking a thread.
 *
 * <h2>Protocol</h2>
 * The first poll registers this object once as the stage's {@code whenComplete} callback (a
 * completed {@code CompletableFuture} is read at once instead, with no callback). {@link #state}:
 * <pre>
 *   null (not registered) --first poll (owner)--> a Waker (registered; the latest poll's waker)
 *   Waker --re-poll with another waker (owner, CAS)--> that Waker
 *   null or Waker --callback (any thread, CAS)--> COMPLETED, then the Waker it replaced is woken
 *   null or Waker --cancel (owner, CAS)--> CANCELLED (the callback then wakes nobody)
 * </pre>
 * The callback writes {@link #value} and {@link #failure} before its CAS to COMPLETED; the owner
 * reads them after it read COMPLETED. The owner writes its waker before registering, and after
 * registering reads the state again (the callback may have run inside {@code whenComplete}, on
 * this thread or another); a re-poll replaces the waker by CAS, which fails only if the callback
 * completed meanwhile. So either the callback sees the latest waker and wakes it, or the poll sees
 * COMPLETED: no lost wake-up. Everything else (done, cancelled) belongs to the owner.
 *
 * @param <T> the type of the stage's value
 */
final class StageFuture<T> implements Future<T>, BiConsumer<T, Throwable> {

    private static final Object COMPLETED = new Object();
    private static final Object CANCELLED = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(StageFuture.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CompletionStage<T> stage;
    /** null, the latest waker, COMPLETED or CANCELLED: see the class documentation. */
    private volatile Object state;
    /** Written by the callback before COMPLETED. */
    private T value;
    private Throwable failure;
    /** Owner only. */
    private boolean cancelled;
    private boolean done;

    StageFuture(CompletionStage<T> stage) {
        this.stage = stage;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after completion");
        }
        if (cancelled) {
            done = true;
            throw new CancellationException("Futures.fromStage cancelled");
        }
        Object s = state;
        if (s == null) {
            if (stage.getClass() == CompletableFuture.class && ((CompletableFuture<T>) stage).isDone()) {
                done = true;
                return Poll.ready(valueOf((CompletableFuture<T>) stage));
            }
            state = cx.waker();             // before registering: the callback may run at once
            stage.whenComplete(this);
            s = state;
        } else if (s != COMPLETED && s != cx.waker() && !STATE.compareAndSet(this, s, cx.waker())) {
            s = state;                      // only the callback changes it meanwhile
        }
        if (s != COMPLETED) {
            return Poll.pending();
        }
        done = true;
        if (failure != null) {
            throw Sneaky.rethrow(unwrap(failure));
        }
        return Poll.ready(value);
    }

    /**
     * Cancels the stage's {@code CompletableFuture} if it is one ({@code cancel(false)}); the next
     * poll throws {@code CancellationException}. Ignored once completed.
     */
    @Override
    public void cancel() {
        if (done || cancelled) {
            return;
        }
        cancelled = true;
        for (;;) {
            Object s = state;
            if (s == COMPLETED || STATE.compareAndSet(this, s, CANCELLED)) {
                break;                      // the callback will wake nobody, and keeps no waker
            }
        }
        try {
            stage.toCompletableFuture().cancel(false);
        } catch (UnsupportedOperationException notAFuture) {
            // a CompletionStage with no CompletableFuture behind it: nothing to cancel there
        }
    }

    /** The stage's callback, on the thread that completes it (or the registering one). */
    @Override
    public void accept(T v, Throwable t) {
        value = v;
        failure = t;
        for (;;) {
            Object s = state;
            if (s == CANCELLED || STATE.compareAndSet(this, s, COMPLETED)) {
                if (s instanceof Waker) {
                    ((Waker) s).wake();
                }
                return;
            }
        }
    }

    /** The value of a completed CompletableFuture, or its failure thrown unwrapped. */
    private static <T> T valueOf(CompletableFuture<T> done) {
        try {
            return done.getNow(null);
        } catch (CompletionException e) {   // CancellationException comes as it is
            throw Sneaky.rethrow(unwrap(e));
        }
    }

    /** The failure inside CompletionException and ExecutionException wrappers. */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** What it waits for: {@code CompletionStage (pending)}. */
    @Override
    public String toString() {
        Object s = state;
        String what = done ? "complete" : cancelled ? "cancelled" : s == null ? "not polled"
                : s == COMPLETED ? "completed, not taken" : "pending";
        return "CompletionStage (" + what + ")";
    }
}
