package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime's global run queue: spawns and wakes from threads that are not its workers, and
 * the overflow of full local queues. Any thread pushes and pops. The length is kept apart (the
 * queue's own size() walks it) and is exact when the queue is quiet.
 */
final class InjectQueue {

    private final ConcurrentLinkedQueue<TaskCell<?>> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger length = new AtomicInteger();

    void push(TaskCell<?> task) {
        tasks.add(task);
        length.incrementAndGet();
    }

    void pushBatch(TaskCell<?>[] batch) {
        for (TaskCell<?> task : batch) {
            tasks.add(task);
        }
        length.addAndGet(batch.length);
    }

    TaskCell<?> pop() {
        TaskCell<?> task = tasks.poll();
        if (task != null) {
            length.decrementAndGet();
        }
        return task;
    }

    boolean isEmpty() {
        return length.get() <= 0;
    }

    int length() {
        return Math.max(0, length.get());
    }
}
