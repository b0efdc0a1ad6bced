package dev.pollen;

/**
 * A value that becomes available later, computed step by step each time it is polled
 * (Rust's {@code std::future::Future}).
 *
 * <h2>Polling protocol</h2>
 * <ul>
 *   <li>{@link #poll} returns {@linkplain Poll#isReady() ready} at most once. Polling again after
 *       it returned ready or threw throws {@link IllegalStateException}
 *       ("polled after completion").</li>
 *   <li>A {@linkplain Poll#pending() pending} result promises that the {@link Waker} of the
 *       latest {@link Context} passed to {@code poll} is woken when progress is possible. The
 *       owner polls again only after that wake-up (a poll without a wake-up is allowed and
 *       must be harmless).</li>
 *   <li>A failure is an exception thrown from {@code poll}. Checked exceptions are thrown
 *       unchanged (sneakily), so callers see the very same object.</li>
 *   <li>A future is polled by one owner at a time: {@code poll} and {@code cancel} are never
 *       called concurrently with each other.</li>
 * </ul>
 *
 * <h2>Cancellation protocol</h2>
 * {@link #cancel()} is a request, made by the owner. The owner may keep polling a cancelled
 * future until it completes: a cancelled leaf future releases what it holds (a timer, say) and
 * completes by throwing {@link java.util.concurrent.CancellationException} on its next poll; a
 * generated state machine first cancels the future it awaits and runs its cleanup, then throws
 * {@code CancellationException}. {@code cancel()} on a completed future is ignored. A
 * cancelled future is not required to wake its waker: the owner that cancels it polls it
 * again.
 *
 * @param <T> the type of the value
 */
public interface Future<T> {

    /**
     * Makes as much progress as possible without blocking.
     *
     * @param cx the context whose waker is woken when a pending future can make progress
     * @return ready with the value, or pending
     */
    Poll<T> poll(Context cx);

    /** Requests cancellation; see the class documentation. The default does nothing. */
    default void cancel() {}
}
