package dev.pollen;

import java.util.Objects;

/**
 * What a future receives when it is polled: the {@link Waker} of its owner, and the poll's
 * cooperative budget.
 *
 * <p><b>Budget.</b> A task's poll may run a long way without ever being pending: every await it
 * meets may complete at once (a queue that always has items, tasks that are already done).
 * So that one such task cannot keep a worker from the others, a runtime polls each task with a
 * budget of 1,024 units; every iteration of a loop that awaits, in an {@code @Async} method,
 * spends one (only loops let a poll run without bound). With the budget spent, the machine
 * yields at the loop's back-edge: it wakes its task and returns pending, and the task goes to
 * the back of its run queue (tokio's cooperative scheduling). A leaf future may spend units
 * too ({@link #consumeBudget()}). A context made by {@link #from} has no limit.
 */
public final class Context {

    /** {@link #budget} of a context without a limit. */
    private static final int UNLIMITED = -1;

    private final Waker waker;
    /** Units left, or {@link #UNLIMITED}. */
    private int budget;

    private Context(Waker waker, int budget) {
        this.waker = Objects.requireNonNull(waker, "waker");
        this.budget = budget;
    }

    /**
     * A context carrying {@code waker}, with no budget limit.
     *
     * @throws NullPointerException if {@code waker} is null
     */
    public static Context from(Waker waker) {
        return new Context(waker, UNLIMITED);
    }

    /**
     * A context carrying {@code waker} with a budget of {@code units}; a runtime makes one per
     * task poll.
     *
     * @throws NullPointerException if {@code waker} is null
     * @throws IllegalArgumentException if {@code units} is negative
     */
    public static Context withBudget(Waker waker, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("negative budget: " + units);
        }
        return new Context(waker, units);
    }

    /** The waker to wake when a pending future can make progress. */
    public Waker waker() {
        return waker;
    }

    /**
     * Spends one unit of the budget: true if there was one. When false, the caller should
     * yield: wake {@link #waker()} and return pending, without doing the work it would charge.
     * A context holds one poll's budget; it is polled by one owner at a time.
     */
    public boolean consumeBudget() {
        if (budget > 0) {
            budget--;
            return true;
        }
        return budget == UNLIMITED;
    }

    /**
     * Package-private, for combinators that give each child its own waker ({@code Futures.joinAll},
     * {@code select}): polls {@code f} with {@code child}, a context made once for that child, lending
     * it this poll's budget and taking back what is left, so that a child's loops spend the task's
     * budget as they would if awaited directly. No allocation.
     */
    <X> Poll<X> pollChild(Future<X> f, Context child) {
        child.budget = budget;
        try {
            return f.poll(child);
        } finally {
            budget = child.budget;
        }
    }
}
