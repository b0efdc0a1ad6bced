package dev.pollen;

import java.util.function.Function;

/**
 * Not API: {@link Futures#join} and {@link Futures#joinAll}: every child's value, in order. The
 * first failure cancels the other children, which are polled until they complete (their
 * {@code finally} blocks run); then it is thrown, with the later failures other than those
 * cancellations suppressed on it. How children are polled: {@link ChildFutures}.
 *
 * @param <R> the result: a list, a pair or a triple of the values
 */
final class Join<R> extends ChildFutures<R> {

    private final String name;
    private final Object[] values;
    /** Makes the result of the values in child order (a static method: no allocation per join). */
    private final Function<Object[], R> result;

    Join(String name, Future<?>[] children, Function<Object[], R> result) {
        super(children);
        this.name = name;
        this.values = new Object[children.length];
        this.result = result;
    }

    @Override
    void childReady(int index, Object value) {
        values[index] = value;
    }

    @Override
    void childFailed(int index, Throwable failure) {
        fail(failure);
        cancelRest();
    }

    @Override
    R result() {
        return result.apply(values);
    }

    @Override
    String name() {
        return name;
    }

    /** What it waits for: {@code Futures.joinAll (3 of 5 done)}. */
    @Override
    public String toString() {
        return name + " (" + completedCount() + " of " + size() + " done"
                + (isDone() ? ", complete" : isCancelling() ? ", cancelling the rest" : "") + ")";
    }
}
