package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * "Await {@code first}, then run {@code next} on its value and await the future it returns": a
 * hand-written stand-in for a two-step {@code @Async} body, for tests that cannot use the
 * processor. A failure of either step is thrown unchanged; {@code cancel()} cancels the step
 * being awaited.
 */
public final class Chain<A, B> implements Future<B> {

    private Future<A> first;
    private final Function<? super A, ? extends Future<B>> next;
    private Future<B> second;

    private Chain(Future<A> first, Function<? super A, ? extends Future<B>> next) {
        this.first = first;
        this.next = next;
    }

    public static <A, B> Chain<A, B> of(Future<A> first, Function<? super A, ? extends Future<B>> next) {
        return new Chain<>(first, next);
    }

    /** A future that calls {@code body} at its first poll (inside the executor) and awaits its result. */
    public static <B> Chain<Void, B> defer(Supplier<? extends Future<B>> body) {
        return new Chain<>(new ReadyFuture<>(null), ignored -> body.get());
    }

    @Override
    public Poll<B> poll(Context cx) {
        if (second == null) {
            Poll<A> a = first.poll(cx);
            if (a.isPending()) {
                return Poll.pending();
            }
            first = null;
            second = next.apply(a.get());
        }
        return second.poll(cx);
    }

    @Override
    public void cancel() {
        (second != null ? second : first).cancel();
    }
}
