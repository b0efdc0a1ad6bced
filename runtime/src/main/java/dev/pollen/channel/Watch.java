package dev.pollen.channel;

import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.WaitingFuture;
import dev.pollen.rt.sync.Wakeups;
import java.util.Objects;

/**
 * The latest value, and a wake-up for everyone watching when it changes: configuration, a status,
 * a shutdown signal. A version counter counts the {@link #set}s; each {@link Receiver} remembers
 * the version it saw last, so a receiver never misses that a change happened (only the values
 * between two of its reads).
 *
 * <pre>{@code
 * Watch<Config> config = Watch.create(initial);
 * Watch.Receiver<Config> mine = config.subscribe();
 * Config c;
 * while ((c = await(mine.changed())) != null) {   // null once the watch is closed
 *     apply(c);
 * }
 * }</pre>
 *
 * <p>A receiver's seen version moves only in its {@code changed()} poll, so a cancelled
 * {@code changed()} takes nothing: the next one reports the same change. One lock guards the
 * value, the version and the waiting futures; wakers are woken after it is released.
 *
 * @param <T> the type of the value
 */
public final class Watch<T> {

    private final Object lock = new Object();
    /** Guarded by {@code lock}. */
    private T value;
    /** Guarded by {@code lock}: the number of sets. */
    private long version;
    /** Guarded by {@code lock}. */
    private final WaitList<WaitingFuture<T>> waiting = new WaitList<>();
    /** Guarded by {@code lock}. */
    private boolean closed;

    private Watch(T initial) {
        this.value = initial;
    }

    /**
     * A watch holding {@code initial}.
     *
     * @throws NullPointerException if {@code initial} is null
     */
    public static <T> Watch<T> create(T initial) {
        return new Watch<>(Objects.requireNonNull(initial, "initial (a watch holds no null: null means closed)"));
    }

    /**
     * Replaces the value and wakes every waiting {@code changed()}.
     *
     * @throws ChannelClosedException if the watch is closed
     * @throws NullPointerException if {@code value} is null
     */
    public void set(T value) {
        Objects.requireNonNull(value, "value (a watch holds no null: null means closed)");
        Wakeups wakeups = null;
        synchronized (lock) {
            if (closed) {
                throw new ChannelClosedException("set on a closed Watch: the value was not changed");
            }
            this.value = value;
            version++;
            if (!waiting.isEmpty()) {
                wakeups = new Wakeups();
                waiting.removeAllInto(wakeups);
            }
        }
        if (wakeups != null) {
            wakeups.wakeAll();
        }
    }

    /** The current value. */
    public T get() {
        synchronized (lock) {
            return value;
        }
    }

    /** A receiver that has seen the current value: its {@code changed()} waits for the next set. */
    public Receiver<T> subscribe() {
        synchronized (lock) {
            return new Receiver<>(this, version);
        }
    }

    /** No more sets: a {@code changed()} with nothing unseen completes with {@code null}. Idempotent. */
    public void close() {
        Wakeups wakeups = new Wakeups();
        synchronized (lock) {
            closed = true;
            waiting.removeAllInto(wakeups);
        }
        wakeups.wakeAll();
    }

    @Override
    public String toString() {
        synchronized (lock) {
            return "Watch (" + describeLocked() + ")";
        }
    }

    private String describeLocked() {
        StringBuilder sb = new StringBuilder("version ").append(version);
        if (!waiting.isEmpty()) {
            sb.append(", ").append(waiting.size()).append(" waiting");
        }
        return sb.append(closed ? ", closed" : "").toString();
    }

    /**
     * One watcher: remembers the version it saw last.
     *
     * @param <T> the type of the value
     */
    public static final class Receiver<T> {
        private final Watch<T> watch;
        /** Guarded by the watch's lock. */
        private long seen;

        private Receiver(Watch<T> watch, long seen) {
            this.watch = watch;
            this.seen = seen;
        }

        /**
         * A future that completes with the current value once it changed since this receiver last
         * saw it (at once if it already has), marking it seen; or with {@code null} once the watch
         * is closed with nothing unseen. Cancelled, it marks nothing.
         */
        public Future<T> changed() {
            return new Changed();
        }

        /** The current value, without marking it seen. */
        public T get() {
            return watch.get();
        }

        @Override
        public String toString() {
            synchronized (watch.lock) {
                return "Watch.Receiver (saw version " + seen + "; " + watch.describeLocked() + ")";
            }
        }

        /** A {@code changed()}: its own waiting node. Fields guarded by the watch's lock. */
        private final class Changed extends WaitingFuture<T> {
            @Override
            protected Object lock() {
                return watch.lock;
            }

            @Override
            protected WaitList<WaitingFuture<T>> waiters() {
                return watch.waiting;
            }

            /** Marks the current version seen if it is new; the end once closed with nothing unseen. */
            @Override
            protected Poll<T> tryCompleteLocked() {
                Watch<T> w = watch;
                if (seen != w.version) {
                    seen = w.version;
                    return Poll.ready(w.value);
                }
                return w.closed ? Poll.ready(null) : Poll.pending();
            }

            @Override
            protected String name() {
                return "Watch.changed";
            }

            @Override
            protected String describeLocked() {
                return "saw version " + seen + "; " + watch.describeLocked();
            }
        }
    }
}
