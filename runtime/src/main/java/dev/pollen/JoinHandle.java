package dev.pollen;

/**
 * The result of a {@linkplain Executor#spawn spawned} task: ready with the task's value, or
 * throws the task's failure (the same object). Its waker is woken when the task completes. It
 * may be polled from any thread.
 *
 * @param <T> the type of the task's value
 */
public final class JoinHandle<T> implements Future<T> {

    /** The only field (16 bytes a handle): "taken" lives in the cell, see TaskCell.isTaken. */
    private final TaskCell<T> task;

    JoinHandle(TaskCell<T> task) {
        this.task = task;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (task.isTaken()) {
            throw new IllegalStateException("polled after completion");
        }
        if (!task.isComplete()) {
            task.setJoinWaker(cx.waker());
            if (!task.isComplete()) {   // re-check: the task may have completed before the set
                return Poll.pending();
            }
        }
        return Poll.ready(task.takeResult());      // marks it taken, even when it throws
    }

    /**
     * Cancels the task: its executor calls the task future's {@code cancel()} and polls it
     * until it completes. This handle then completes with whatever the task completed with
     * ({@link java.util.concurrent.CancellationException} normally). Ignored once the task has
     * completed.
     */
    @Override
    public void cancel() {
        if (!task.isComplete()) {
            task.requestCancel();
        }
    }
}
