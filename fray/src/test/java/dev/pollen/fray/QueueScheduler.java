package dev.pollen.fray;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Poll;
import dev.pollen.rt.task.Scheduler;
import dev.pollen.rt.task.TaskCell;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler for one task, run by worker threads the test starts, as a runtime runs it: a
 * worker takes the task from the queue, runs it, and queues it again when it was woken during
 * its poll. Fails when the task is queued while a queue entry of it is still waiting (the
 * task state word promises one entry per notification).
 */
public final class QueueScheduler implements Scheduler {

    private final LinkedBlockingQueue<TaskCell<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger entries = new AtomicInteger();
    private final TaskCell<Void> stop = new TaskCell<>(this, cx -> Poll.pending(), false);

    @Override
    public void schedule(TaskCell<?> task) {
        assertEquals(1, entries.incrementAndGet(), task + " queued while already queued");
        queue.add(task);
    }

    @Override
    public void release(TaskCell<?> task) {}

    /** A started worker thread; it ends at {@link #stop}. */
    public Thread startWorker() {
        return Threads.start(() -> {
            for (;;) {
                TaskCell<?> task = take();
                if (task == stop) {
                    return;
                }
                entries.decrementAndGet();
                if (task.run()) {
                    schedule(task);
                }
            }
        });
    }

    /** Ends {@code workers} workers (after the entries queued before). */
    public void stop(int workers) {
        for (int i = 0; i < workers; i++) {
            queue.add(stop);
        }
    }

    private TaskCell<?> take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);  // see Threads.await
        }
    }
}
