package dev.pollen;

import dev.pollen.internal.Sneaky;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * Not API: what {@link Futures#joinAll}, {@link Futures#join} and {@link Futures#select} share: a
 * future that polls its children in its owner's task (concurrently, not in parallel, as tokio's
 * {@code join!} and {@code select!}), cancels the pending ones, and completes only once every child
 * has completed. A subclass decides what a child's outcome means ({@link #childReady},
 * {@link #childFailed}) and what the result is ({@link #result()}).
 *
 * <h2>Which children a poll polls</h2>
 * A child that completed is never polled again (its slot in {@link #children} is cleared).
 * <ul>
 *   <li>Up to {@link #POLL_ALL_UP_TO} children: every poll polls every pending child, in index
 *       order, with the owner's own context (what tokio's {@code join!} does, and futures-rs's
 *       {@code join_all} up to 30 futures): no object per child, and polling a pending child is
 *       cheap.</li>
 *   <li>More: each child has its own {@link ChildWaker} (and a context for it, made once). Its
 *       wake sets the child's bit in {@link #due} and wakes the owner's waker; a poll takes the
 *       set bits and polls those children only, in index order. So a large join costs, per wake,
 *       the poll of the children that were woken plus a scan of one word per 64 children.</li>
 *   <li>The first poll, and the first poll after a cancel, poll every pending child (a cancelled
 *       future need not wake: its owner polls it again).</li>
 * </ul>
 *
 * <h2>Who touches what</h2>
 * Everything but {@link #due} and {@link #ownerWaker} belongs to the owner (the one that polls and
 * cancels this future, never concurrently).
 * <ol>
 *   <li>{@code due} words are set by child wakers on any thread (a CAS that adds the bit) and taken
 *       by the owner (a CAS to 0) before it polls the children they name. Every pass takes every
 *       word, so a set bit always has a poll of the owner coming.</li>
 *   <li>A wake whose bit is already set does not wake the owner: the wake that set it woke the
 *       owner after setting it, and the owner has not taken it yet, so the owner's poll that
 *       follows that wake-up polls the child after this wake's change.</li>
 *   <li>{@code ownerWaker} is written by the owner at each poll before it takes any bit, and read
 *       by a child waker after it set its bit: a wake whose bit the owner took later was seen by
 *       that poll; one that set its bit after the take reads this poll's waker (or a later one).
 *       No wake-up is lost, and none is doubled for one bit.</li>
 * </ol>
 *
 * <h2>Failures and cancellation</h2>
 * The first failure that decides the outcome is kept; failures that follow, other than the
 * {@code CancellationException}s of children this future cancelled, are added to it as suppressed
 * ({@link #fail}). {@link #cancel()} cancels every pending child, polls them until they completed
 * (their {@code finally} blocks run, and may await), then completes with a
 * {@code CancellationException}, with the children's other failures suppressed on it, as a
 * cancelled {@code @Async} method does.
 *
 * @param <R> the type of the result
 */
abstract class ChildFutures<R> implements Future<R> {

    /** Up to this many children, every poll polls every pending child (futures-rs's threshold). */
    static final int POLL_ALL_UP_TO = 30;

    private static final VarHandle DUE = MethodHandles.arrayElementVarHandle(long[].class);

    /** The children; a slot is cleared when its child completes. */
    private final Future<?>[] children;
    /** Children not completed yet. */
    private int pending;
    /** The next pass polls every pending child: the first poll, and after a cancel. */
    private boolean pollAll = true;
    /** The pending children were cancelled (by {@link #cancelRest}). */
    private boolean cancelling;
    /** The owner called {@link #cancel()}. */
    private boolean cancelled;
    /** The poll returned ready or threw. */
    private boolean done;
    /** The failure that decides the outcome, with later ones suppressed on it; or null. */
    private Throwable failure;

    /** More than {@link #POLL_ALL_UP_TO} children: a bit per child woken since the owner took it. */
    private final long[] due;
    /** More than {@link #POLL_ALL_UP_TO} children: the waker (and context) of each child. */
    private final ChildWaker[] wakers;
    /** The waker of the owner's latest poll, for the child wakers. */
    private volatile Waker ownerWaker;

    ChildFutures(Future<?>[] children) {
        this.children = children;
        this.pending = children.length;
        if (children.length > POLL_ALL_UP_TO) {
            due = new long[(children.length + 63) >>> 6];
            wakers = new ChildWaker[children.length];
            for (int i = 0; i < children.length; i++) {
                wakers[i] = new ChildWaker(this, i);
            }
        } else {
            due = null;
            wakers = null;
        }
    }

    /** Child {@code index} completed with {@code value}. */
    abstract void childReady(int index, Object value);

    /** Child {@code index} completed by throwing {@code failure}. */
    abstract void childFailed(int index, Throwable failure);

    /** The value, once every child completed without a failure that decided the outcome. */
    abstract R result();

    @Override
    public final Poll<R> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("polled after completion");
        }
        pollChildren(cx);
        if (pending > 0) {
            return Poll.pending();
        }
        done = true;
        if (cancelled) {
            CancellationException e = new CancellationException(name() + " cancelled");
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
        if (failure != null) {
            throw Sneaky.rethrow(failure);
        }
        return Poll.ready(result());
    }

    /**
     * Cancels every pending child; the next polls drive them to completion, then this future
     * throws {@code CancellationException}. Ignored once completed.
     */
    @Override
    public final void cancel() {
        if (done || cancelled) {
            return;
        }
        cancelled = true;
        cancelRest();
    }

    /**
     * Records {@code t}: the first failure decides the outcome, later ones are suppressed on it,
     * except the cancellations that {@link #cancelRest} caused.
     */
    final void fail(Throwable t) {
        if (cancelling && t instanceof CancellationException) {
            return;
        }
        if (failure == null) {
            failure = t;
        } else if (t != failure) {
            failure.addSuppressed(t);
        }
    }

    /** Cancels every pending child; this poll and the next poll them until they complete. */
    final void cancelRest() {
        if (cancelling) {
            return;
        }
        cancelling = true;
        pollAll = true;
        for (Future<?> child : children) {
            if (child != null) {
                child.cancel();
            }
        }
    }

    /** The name in messages, e.g. {@code Futures.joinAll}. */
    abstract String name();

    final int size() {
        return children.length;
    }

    final int completedCount() {
        return children.length - pending;
    }

    final boolean isCancelling() {
        return cancelling;
    }

    final boolean isDone() {
        return done;
    }

    private void pollChildren(Context cx) {
        if (due != null && ownerWaker != cx.waker()) {
            ownerWaker = cx.waker();
        }
        do {
            boolean all = pollAll || due == null;
            pollAll = false;
            if (due == null) {
                for (int i = 0; i < children.length; i++) {
                    pollChild(i, cx);
                }
            } else {
                for (int word = 0; word < due.length; word++) {
                    long bits = takeDue(word);
                    if (all) {
                        bits = -1L;
                    }
                    for (; bits != 0; bits &= bits - 1) {
                        int i = (word << 6) + Long.numberOfTrailingZeros(bits);
                        if (i >= children.length) {
                            break;
                        }
                        pollChild(i, cx);
                    }
                }
            }
        } while (pollAll && pending > 0);   // cancelled during the pass: poll the cancelled ones now
    }

    private void pollChild(int i, Context cx) {
        Future<?> child = children[i];
        if (child == null) {
            return;
        }
        Poll<?> p;
        try {
            p = due == null ? child.poll(cx) : cx.pollChild(child, wakers[i].context);
        } catch (Throwable t) {
            children[i] = null;
            pending--;
            childFailed(i, t);
            return;
        }
        if (p.isReady()) {
            children[i] = null;
            pending--;
            childReady(i, p.get());
        }
    }

    /** Owner: takes the bits of {@code word} (children woken since the last take). */
    private long takeDue(int word) {
        for (;;) {
            long bits = (long) DUE.getVolatile(due, word);
            if (bits == 0 || DUE.compareAndSet(due, word, bits, 0L)) {
                return bits;
            }
        }
    }

    /** Any thread, from child {@code i}'s waker: marks it due and wakes the owner (rules 1-3). */
    private void markDue(int i) {
        int word = i >>> 6;
        long bit = 1L << i;
        for (;;) {
            long bits = (long) DUE.getVolatile(due, word);
            if ((bits & bit) != 0) {
                return;
            }
            if (DUE.compareAndSet(due, word, bits, bits | bit)) {
                break;
            }
        }
        Waker owner = ownerWaker;
        if (owner != null) {
            owner.wake();
        }
    }

    /** The waker of one child: marks it due. Holds the child's context, made once. */
    private static final class ChildWaker implements Waker {
        private final ChildFutures<?> parent;
        private final int index;
        final Context context;

        ChildWaker(ChildFutures<?> parent, int index) {
            this.parent = parent;
            this.index = index;
            this.context = Context.from(this);
        }

        @Override
        public void wake() {
            parent.markDue(index);
        }
    }
}
