package dev.pollen;

/**
 * The result of one {@link Future#poll}: ready with a value, or pending.
 *
 * <p>{@link #pending()} and {@code ready(null)} return shared instances, so a pending poll
 * allocates nothing.
 *
 * @param <T> the type of the value
 */
public final class Poll<T> {

    private static final Poll<?> PENDING = new Poll<>(false, null);
    private static final Poll<?> READY_NULL = new Poll<>(true, null);

    private final boolean ready;
    private final T value;

    private Poll(boolean ready, T value) {
        this.ready = ready;
        this.value = value;
    }

    /** A ready result holding {@code value} (which may be {@code null}). */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) READY_NULL : new Poll<>(true, value);
    }

    /** The pending result: always the same instance. */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    public boolean isReady() {
        return ready;
    }

    public boolean isPending() {
        return !ready;
    }

    /**
     * The value of a ready result.
     *
     * @throws IllegalStateException if this result is pending
     */
    public T get() {
        if (!ready) {
            throw new IllegalStateException("Poll.get() on a pending result: check isReady() first");
        }
        return value;
    }

    @Override
    public String toString() {
        return ready ? "Ready(" + value + ")" : "Pending";
    }
}
