package dev.pollen;

/**
 * Not API: {@link Futures#select} and {@link Futures#race}: the first child to complete wins,
 * with its value or its failure; when several complete in one poll, the lowest index wins. The
 * others are cancelled then and polled until they complete (their {@code finally} blocks run)
 * before this future completes. A loser that fails while it is cancelled, other than by the
 * cancellation, is not lost: a failed winner's failure gets it as suppressed; after a winner's
 * value, the select fails with it instead, as a {@code finally} block that throws would. A loser
 * that completes with a value anyway loses it: select among futures that lose nothing when
 * cancelled (a channel's {@code receive()}, a timer), as with tokio's {@code select!}.
 *
 * @param <T> the type of the children's values
 * @param <R> {@link Futures.Selected} for select, {@code T} for race
 */
final class Select<T, R> extends ChildFutures<R> {

    private final boolean race;
    private int winner = -1;
    private Object value;

    Select(Future<?>[] children, boolean race) {
        super(children);
        this.race = race;
    }

    @Override
    void childReady(int index, Object v) {
        if (winner < 0) {
            winner = index;
            value = v;
            cancelRest();
        }
    }

    @Override
    void childFailed(int index, Throwable failure) {
        fail(failure);
        if (winner < 0) {
            winner = index;
            cancelRest();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    R result() {
        return race ? (R) value : (R) new Futures.Selected<>(winner, (T) value);
    }

    @Override
    String name() {
        return race ? "Futures.race" : "Futures.select";
    }

    /** What it waits for: {@code Futures.select (2 futures)}. */
    @Override
    public String toString() {
        return name() + " (" + size() + " futures"
                + (winner >= 0 && !isDone() ? ", " + winner + " won, cancelling the rest" : "")
                + (isDone() ? ", complete" : "") + ")";
    }
}
