package dev.pollen;

/**
 * The result of a spawned task ({@link Executor#spawn}, {@link AsyncRuntime#spawn}): ready
 * with the task's value, or throws the task's failure (the same object). Its waker is woken
 * when the task completes. It may be polled from any thread, by one poller at a time; the
 * result is taken once ("polled after completion" after that).
 *
 * <p>Dropping a handle does not cancel the task: it runs on, detached. A failure that nobody
 * takes through the handle is reported when the runtime shuts down.
 *
 * @param <T> the type of the task's value
 */
public interface JoinHandle<T> extends Future<T> {

    /**
     * Cancels the task: its runtime calls the task future's {@code cancel()} before its next
     * poll and polls it until it completes (for a generated machine: as if a {@code return} ran
     * at its current await, {@code finally} blocks included). This handle then completes with
     * whatever the task completed with ({@link java.util.concurrent.CancellationException}
     * normally). Callable from any thread, any number of times; ignored once the task completed.
     */
    @Override
    void cancel();

    /** Whether the task has completed (its result may still be untaken). */
    boolean isDone();

    /**
     * The task as a {@link java.util.concurrent.CompletableFuture}, for code outside Pollen:
     * it completes with the task's value or failure (the same object). Cancelling it (or
     * completing it by other means, such as {@code orTimeout}) cancels the task, which runs its
     * cleanup. The handle then belongs to the returned future: do not poll it elsewhere. A
     * dependent stage that is not {@code *Async} runs on the thread that completes the task.
     *
     * <pre>{@code
     * CompletableFuture<String> page = rt.spawn(FetchAsync.page(uri)).toCompletableFuture();
     * page.thenAccept(System.out::println);
     * }</pre>
     */
    default java.util.concurrent.CompletableFuture<T> toCompletableFuture() {
        return JoinHandleFuture.of(this);
    }
}
