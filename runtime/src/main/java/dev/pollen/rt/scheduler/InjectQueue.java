package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.util.ArrayDeque;

/**
 * The runtime's global run queue: spawns and wakes from threads that are not its workers, and
 * the overflow of full local queues. A lock around an array deque (tokio guards its inject
 * queue with a mutex too): no node per task, and a worker moves a batch under one lock. The
 * length is kept in a volatile field so that an empty queue is seen without the lock.
 */
final class InjectQueue {

    /** A deque that grew beyond this is dropped when it empties, so a burst does not keep its array. */
    private static final int KEEP = 4096;

    /** Guarded by this. */
    private ArrayDeque<TaskCell<?>> tasks = new ArrayDeque<>();
    /** Guarded by this: the most tasks held since the deque was last replaced. */
    private int highWater;
    private volatile int length;

    synchronized void push(TaskCell<?> task) {
        tasks.add(task);
        grew();
    }

    /** Owner of a full local queue: {@code count} tasks of {@code batch} from {@code from}, in order. */
    synchronized void pushBatch(TaskCell<?>[] batch, int count) {
        for (int i = 0; i < count; i++) {
            tasks.add(batch[i]);
        }
        grew();
    }

    private void grew() {
        int size = tasks.size();
        highWater = Math.max(highWater, size);
        length = size;
    }

    /** The oldest task, removed; null if empty. */
    TaskCell<?> pop() {
        if (length == 0) {
            return null;
        }
        synchronized (this) {
            TaskCell<?> task = tasks.poll();
            shrank();
            return task;
        }
    }

    /**
     * Moves up to {@code max} tasks, oldest first, to {@code into} (a worker's own queue, with
     * room for them) under one lock; returns how many.
     */
    int popInto(LocalQueue into, int max) {
        if (length == 0) {
            return 0;
        }
        synchronized (this) {
            int moved = 0;
            for (; moved < max && !tasks.isEmpty(); moved++) {
                into.pushUnchecked(tasks.poll());
            }
            shrank();
            return moved;
        }
    }

    private void shrank() {
        int size = tasks.size();
        length = size;
        if (size == 0 && highWater > KEEP) {
            tasks = new ArrayDeque<>();
            highWater = 0;
        }
    }

    boolean isEmpty() {
        return length == 0;
    }

    int length() {
        return length;
    }
}
