package dev.pollen.rt.task;

import dev.pollen.Future;

/**
 * Not API: the root task of a {@code blockOn}: a task whose result the thread that called
 * {@code blockOn} takes, and which remembers that thread for task dumps ("blockOn root, thread
 * main"). It lives as long as the call.
 *
 * @param <T> the type of the root's value
 */
public final class RootCell<T> extends TaskCell<T> {

    private final Thread thread;

    /** The root of a blockOn called on the current thread. */
    public RootCell(Scheduler scheduler, Future<T> future) {
        super(scheduler, future, true);
        this.thread = Thread.currentThread();
    }

    /** The thread in blockOn, waiting for this root. */
    public Thread thread() {
        return thread;
    }
}
