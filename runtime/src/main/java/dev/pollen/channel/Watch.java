package dev.pollen.channel;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.Wakeups;
import java.util.Objects;
import java.util.concurrent.CancellationException;

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
    private final WaitList<Receiver<T>.Changed> waiting = new WaitList<>();
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
        final class Changed extends WaitList.Node implements Future<T> {
            private static final int NEW = 0;
            private static final int WAITING = 1;
            private static final int CANCELLED = 2;
            private static final int DONE = 3;

            private int state = NEW;

            @Override
            public Poll<T> poll(Context cx) {
                Watch<T> w = watch;
                synchronized (w.lock) {
                    if (state == DONE) {
                        throw new IllegalStateException("polled after completion");
                    }
                    if (state == CANCELLED) {
                        state = DONE;
                        throw new CancellationException("Watch.changed cancelled: the change was not marked seen");
                    }
                    if (seen != w.version) {
                        seen = w.version;
                        leaveLocked();
                        return Poll.ready(w.value);
                    }
                    if (w.closed) {
                        leaveLocked();
                        return Poll.ready(null);
                    }
                    waker = cx.waker();
                    state = WAITING;
                    if (!isLinked()) {
                        w.waiting.addLast(this);
                    }
                    return Poll.pending();
                }
            }

            private void leaveLocked() {
                watch.waiting.remove(this);
                state = DONE;
            }

            /** Stops waiting; marks nothing seen. */
            @Override
            public void cancel() {
                synchronized (watch.lock) {
                    if (state == NEW || state == WAITING) {
                        watch.waiting.remove(this);
                        state = CANCELLED;
                    }
                }
            }

            @Override
            public String toString() {
                synchronized (watch.lock) {
                    String own = state == NEW ? " [not started]" : state == WAITING ? "" : " [done]";
                    return "Watch.changed" + own + " (saw version " + seen + "; " + watch.describeLocked() + ")";
                }
            }
        }
    }
}
