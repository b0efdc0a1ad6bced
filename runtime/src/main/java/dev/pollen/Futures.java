package dev.pollen;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * Combinators: futures made of other futures, and bridges from {@link CompletionStage}.
 *
 * <p>{@code join}, {@code joinAll}, {@code select} and {@code race} poll their futures in the task
 * that polls them: concurrently, not in parallel (tokio's {@code join!} and {@code select!}); spawn
 * a future ({@link Executor#spawn}) and combine its {@link JoinHandle} to run it in parallel. A
 * future that completed is not polled again; beyond 30 futures each has its own waker, so a wake
 * polls only the futures that were woken.
 *
 * <p>None of them completes while a future it owns is still running: whatever they cancel (the
 * others after a failure, the losers of a select, everything when they are cancelled themselves)
 * is polled until it completed, so its {@code finally} blocks have run. Cancelled, they complete
 * with {@link java.util.concurrent.CancellationException}, with the failures of their futures
 * (other than cancellations) suppressed on it. Values and failures pass through unchanged (the
 * same object).
 *
 * <pre>{@code
 * Futures.Pair<User, List<Order>> both = await(Futures.join(users.find(id), orders.of(id)));
 * List<Page> pages = await(Futures.joinAll(uris.stream().map(Fetch::page).toList()));
 * String reply = await(Futures.fromStage(http.sendAsync(request, ofString()))).body();
 * }</pre>
 */
public final class Futures {

    private Futures() {}

    /** The values of {@link #join(Future, Future)}. */
    public record Pair<A, B>(A first, B second) {}

    /** The values of {@link #join(Future, Future, Future)}. */
    public record Triple<A, B, C>(A first, B second, C third) {}

    /** The winner of a {@link #select}: its index among the futures, and its value. */
    public record Selected<T>(int index, T value) {}

    /**
     * Both values, once both futures completed. The first failure cancels the other future, which
     * is polled until it completed; then the failure is thrown, with the other's failure (unless
     * it is the cancellation) suppressed on it.
     *
     * @throws NullPointerException if a future is null
     */
    public static <A, B> Future<Pair<A, B>> join(Future<A> first, Future<B> second) {
        return new Join<>("Futures.join", children(first, second), Futures::pair);
    }

    /** {@link #join(Future, Future)} of three futures. */
    public static <A, B, C> Future<Triple<A, B, C>> join(Future<A> first, Future<B> second, Future<C> third) {
        return new Join<>("Futures.join", children(first, second, third), Futures::triple);
    }

    /**
     * All values, in the order of {@code futures}, once all completed (an empty list: ready with
     * an empty list). The first failure cancels the others and polls them until they completed
     * (their {@code finally} blocks run, and may await); then it is thrown, with the later
     * failures other than those cancellations suppressed on it. The list is unmodifiable and may
     * hold nulls.
     *
     * <pre>{@code
     * List<String> bodies = await(Futures.joinAll(List.of(fetch(a), fetch(b), fetch(c))));
     * }</pre>
     *
     * @throws NullPointerException if the list or one of its futures is null
     */
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        return new Join<>("Futures.joinAll", children(futures.toArray(new Future<?>[0])), Futures::list);
    }

    /**
     * The first of {@code futures} to complete, with its value or its failure, and its index.
     * When several complete in the same poll, the lowest index wins. The others are cancelled
     * and polled until they completed (their {@code finally} blocks have run) before the select
     * completes; a value one of them still produces then is lost, so select among futures that
     * lose nothing when cancelled (a channel's receive, a timer, a task's handle).
     *
     * <pre>{@code
     * Futures.Selected<String> first = await(Futures.select(primary.get(key), replica.get(key)));
     * }</pre>
     *
     * @throws IllegalArgumentException if there are no futures (the select would never complete)
     * @throws NullPointerException if a future is null
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only copied, into a Future<?>[] read as such
    public static <T> Future<Selected<T>> select(Future<? extends T>... futures) {
        return new Select<T, Selected<T>>(nonEmpty("select", futures.clone()), false);
    }

    /** {@link #select(Future[])} of a list. */
    public static <T> Future<Selected<T>> select(List<? extends Future<? extends T>> futures) {
        return new Select<T, Selected<T>>(nonEmpty("select", futures.toArray(new Future<?>[0])), false);
    }

    /** The value (or failure) of the {@link #select(Future[])} winner, without its index. */
    @SafeVarargs
    @SuppressWarnings("varargs") // as select's
    public static <T> Future<T> race(Future<? extends T>... futures) {
        return new Select<T, T>(nonEmpty("race", futures.clone()), true);
    }

    /** {@link #race(Future[])} of a list. */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        return new Select<T, T>(nonEmpty("race", futures.toArray(new Future<?>[0])), true);
    }

    /** A future ready with {@code value} at its first poll. */
    public static <T> Future<T> ready(T value) {
        return new Completed<>(value, null);
    }

    /**
     * A future that throws {@code failure} (the same object, checked or not) at its first poll.
     *
     * @throws NullPointerException if {@code failure} is null
     */
    public static <T> Future<T> failed(Throwable failure) {
        return new Completed<>(null, Objects.requireNonNull(failure, "failure"));
    }

    /**
     * {@code stage} as a future, awaited without blocking any thread: for example
     * {@code HttpClient.sendAsync}. It completes with the stage's value, or throws its failure
     * unwrapped from {@link java.util.concurrent.CompletionException} and
     * {@link java.util.concurrent.ExecutionException}; a cancelled {@code CompletableFuture} gives
     * its {@code CancellationException}. Cancelling the returned future cancels the stage's
     * {@code CompletableFuture} ({@code toCompletableFuture().cancel(false)}, when it has one) and
     * completes it with {@code CancellationException}. The first poll registers one callback.
     *
     * <pre>{@code
     * HttpResponse<String> r = await(Futures.fromStage(client.sendAsync(request, BodyHandlers.ofString())));
     * }</pre>
     *
     * @throws NullPointerException if {@code stage} is null
     */
    public static <T> Future<T> fromStage(CompletionStage<T> stage) {
        return new StageFuture<>(Objects.requireNonNull(stage, "stage"));
    }

    private static Future<?>[] children(Future<?>... futures) {
        for (int i = 0; i < futures.length; i++) {
            if (futures[i] == null) {
                throw new NullPointerException("future " + i + " is null");
            }
        }
        return futures;
    }

    private static Future<?>[] nonEmpty(String what, Future<?>[] futures) {
        if (futures.length == 0) {
            throw new IllegalArgumentException("Futures." + what + " of no futures would never complete");
        }
        return children(futures);
    }

    @SuppressWarnings("unchecked")
    private static <A, B> Pair<A, B> pair(Object[] values) {
        return new Pair<>((A) values[0], (B) values[1]);
    }

    @SuppressWarnings("unchecked")
    private static <A, B, C> Triple<A, B, C> triple(Object[] values) {
        return new Triple<>((A) values[0], (B) values[1], (C) values[2]);
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> list(Object[] values) {
        return (List<T>) Collections.unmodifiableList(Arrays.asList(values));
    }
}
