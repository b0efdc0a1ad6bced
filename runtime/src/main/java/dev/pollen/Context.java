package dev.pollen;

import java.util.Objects;

/** What a future receives when it is polled: for now, the {@link Waker} of its owner. */
public final class Context {

    private final Waker waker;

    private Context(Waker waker) {
        this.waker = waker;
    }

    /**
     * A context carrying {@code waker}.
     *
     * @throws NullPointerException if {@code waker} is null
     */
    public static Context from(Waker waker) {
        return new Context(Objects.requireNonNull(waker, "waker"));
    }

    /** The waker to wake when a pending future can make progress. */
    public Waker waker() {
        return waker;
    }
}
