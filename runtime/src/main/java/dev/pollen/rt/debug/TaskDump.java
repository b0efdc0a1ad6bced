package dev.pollen.rt.debug;

import dev.pollen.rt.task.TaskCell;
import java.util.List;

/**
 * Not API: renders tasks as text, for dumps and for the reports that name tasks (the hang report
 * of a blockOn's end or a shutdown, the abandoned-task report). Nothing else formats a task.
 *
 * <p>This is the entry point the reports call; the layout of each task (a tree of spawned tasks
 * and the await chain down to the leaf) belongs here.
 */
public final class TaskDump {

    private TaskDump() {}

    /**
     * {@code tasks}, in the given order, one block per task, every line indented by two spaces,
     * lines separated by {@link System#lineSeparator()} (none after the last); the empty string
     * if there is no task. Any thread: the tasks may be running elsewhere, so what they say may
     * be a little late.
     */
    public static String tasks(List<? extends TaskCell<?>> tasks) {
        StringBuilder out = new StringBuilder();
        for (TaskCell<?> task : tasks) {
            if (out.length() > 0) {
                out.append(System.lineSeparator());
            }
            out.append("  ").append(task);
        }
        return out.toString();
    }
}
