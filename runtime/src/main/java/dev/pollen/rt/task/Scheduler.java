package dev.pollen.rt.task;

/**
 * Not API: what a task needs from the runtime that runs it. Implemented by the schedulers of
 * {@code dev.pollen.rt.scheduler}.
 */
public interface Scheduler {

    /** Any thread: {@code task} has just become NOTIFIED by a wake or a cancel; queue it once. */
    void schedule(TaskCell<?> task);

    /** The runner's thread: {@code task} has just completed; forget it. */
    void release(TaskCell<?> task);
}
