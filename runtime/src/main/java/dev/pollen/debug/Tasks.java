package dev.pollen.debug;

import dev.pollen.rt.debug.TaskDump;

/** Task dumps of the whole JVM, from code; see the package documentation for the format. */
public final class Tasks {

    private Tasks() {}

    /**
     * Every live task of every Pollen runtime of this JVM that is not shut down, one block per
     * runtime, oldest runtime first ({@link dev.pollen.Executor#blockOn}'s runtime of a thread
     * only while it runs tasks). Any thread; a debug view, possibly a moment old. The same text
     * as the {@code dev.pollen:type=Tasks} MBean's {@code dump()} and {@link DumpTasks}.
     */
    public static String dump() {
        return TaskDump.all();
    }
}
