package dev.pollen;

import java.util.Objects;

/**
 * What a future receives when it is polled: the {@link Waker} of its owner, and the poll's
 * cooperative budget.
 *
 * <p><b>Budget.</b> A task's poll may run a long way without ever being pending: every await it
 * meets may complete at once (a queue that always has items, tasks that are already done).
 * So that one such task cannot keep a worker from the others, a runtime polls each task with a
 * budget of 128 units; every await of an {@code @Async} method spends one. With the budget
 * spent, an await does not poll its future: it wakes the task and returns pending, and the
 * task goes to the back of its run queue (tokio's cooperative scheduling). A context made by
 * {@link #from} has no limit.
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
     * A context carrying {@code waker} whose budget allows {@code units} awaits that complete
     * at once; a runtime makes one per task poll.
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
}
