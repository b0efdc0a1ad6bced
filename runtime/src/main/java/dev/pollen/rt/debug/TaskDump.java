package dev.pollen.rt.debug;

import dev.pollen.rt.task.TaskCell;
import java.util.Collection;

/**
 * Not API: the one place that formats tasks as text, for dumps and for the runtime's reports
 * (the hang report at the end of a blockOn or a shutdown, the abandonment report, the report of
 * an unobserved failure).
 *
 * <p>The entry points the reports call: {@link #tasks} (what the tasks wait on, under a header
 * of the report's own) and {@link #named} (a task and where it was spawned). The layout of a
 * task (a tree of spawned tasks, the await chain down to the leaf) belongs here.
 */
public final class TaskDump {

    private TaskDump() {}

    /**
     * {@code tasks} alone, one block per task, every line indented by two spaces and ended by
     * {@code '\n'}; the empty string if there is none. Any thread: the tasks may be polled
     * elsewhere meanwhile, so a line may be a moment old.
     */
    public static String tasks(Collection<? extends TaskCell<?>> tasks) {
        StringBuilder out = new StringBuilder();
        for (TaskCell<?> task : tasks) {
            out.append("  ").append(task).append('\n');
        }
        return out.toString();
    }

    /**
     * A completed task and where it was spawned: {@code task 3 (spawned at Demo.java:40)},
     * {@code task 3 (spawned by task 1)} (a task spawned it at a line nobody recorded), or
     * {@code task 3} (unknown).
     */
    public static String named(TaskCell<?> task) {
        String site = task.spawnSite();
        String origin = site == null ? "" : site.startsWith("task ") ? " (spawned by " + site + ")"
                : " (spawned at " + site + ")";
        return task.name() + origin;
    }
}
