package dev.pollen.rt.debug;

import dev.pollen.internal.AsyncMachine;
import dev.pollen.internal.MachineView;
import dev.pollen.rt.scheduler.LiveRuntimes;
import dev.pollen.rt.scheduler.RuntimeCore;
import dev.pollen.rt.task.RootCell;
import dev.pollen.rt.task.TaskCell;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Not API: the one place that formats tasks as text, for {@code AsyncRuntime.dumpTasks()},
 * {@code dev.pollen.debug.Tasks}, the JMX hook and the runtime's reports (the hang and
 * abandonment reports call {@link #tasks}, the unobserved-failure report {@link #named}). A
 * runtime's block:
 * <pre>
 * runtime "crawler" (multi-thread, 4 workers): 3 live tasks
 *   task 1 (blockOn root, thread "main"), idle
 *       at Demo.main (Demo.java:30)
 *       awaiting task 2
 *     task 2 (spawned at Demo.java:40), idle
 *         at Demo.fetch (Demo.java:17)
 *         at Demo.get (Demo.java:25)
 *         awaiting Sleep(2 s, 1.2 s left)
 *     task 4 (spawned by task 1), queued
 *         at Demo.poll (Demo.java:50) (not started)
 * </pre>
 * Each task: its id, where it was spawned ({@code spawned at} a source line, {@code spawned by}
 * a task when nobody recorded the line; a blockOn root names its thread), and what it is doing:
 * {@code running} (a poll is under way), {@code queued} (woken), {@code idle} (waiting to be
 * woken), with {@code , cancelling}. Then its await chain, one line per {@code @Async} method from
 * the task's own future inward, each at the line where it is suspended, and last the future it
 * waits on, by its {@code toString()} (a toolkit future describes what it waits for, and the
 * machines it waits on: a join, a select, a scope lists its children), or {@code awaiting task N}
 * for another task's handle. Tasks spawned by a live task of the same runtime are under it, two
 * spaces in; the others at the top; in id order at each level.
 *
 * <p>Any thread: a task's future is read while another thread may poll it, so a line may be a
 * moment old; a description that throws is replaced by its class and the exception. Never throws.
 */
public final class TaskDump {

    /** Await chains deeper than this are cut (a chain that loops would never end). */
    private static final int MAX_CHAIN = 256;

    private TaskDump() {}

    /** Every live runtime of the JVM (the blockOn runtime of a thread only while it runs tasks). */
    public static String all() {
        List<String> blocks = new ArrayList<>();
        for (RuntimeCore core : LiveRuntimes.live()) {
            List<TaskCell<?>> tasks = core.liveTasks();
            if (!tasks.isEmpty() || core.listedWhenIdle()) {
                blocks.add(block(core, tasks));
            }
        }
        StringBuilder out = new StringBuilder("Pollen task dump: ").append(count(blocks.size(), "runtime"))
                .append('\n');
        for (String block : blocks) {
            out.append(block);
        }
        return out.toString();
    }

    /** One runtime's block: a header, then its tasks as a tree. */
    public static String runtime(RuntimeCore core) {
        return block(core, core.liveTasks());
    }

    /** {@code tasks} alone as a tree (indented two spaces), for a report that has its own header. */
    public static String tasks(Collection<? extends TaskCell<?>> tasks) {
        StringBuilder out = new StringBuilder();
        tree(out, new ArrayList<>(tasks));
        return out.toString();
    }

    private static String block(RuntimeCore core, List<TaskCell<?>> tasks) {
        StringBuilder out = new StringBuilder("runtime \"").append(core.name()).append("\" (").append(core.kind())
                .append("): ").append(tasks.isEmpty() ? "no live tasks" : count(tasks.size(), "live task"))
                .append('\n');
        tree(out, tasks);
        return out.toString();
    }

    private static void tree(StringBuilder out, List<TaskCell<?>> tasks) {
        tasks.sort(Comparator.comparingInt(TaskCell::id));
        Map<Integer, TaskCell<?>> byId = new HashMap<>();
        for (TaskCell<?> task : tasks) {
            byId.put(task.id(), task);
        }
        Map<Integer, List<TaskCell<?>>> children = new HashMap<>();
        List<TaskCell<?>> top = new ArrayList<>();
        for (TaskCell<?> task : tasks) {
            if (task.parent() != 0 && byId.containsKey(task.parent()) && task.parent() != task.id()) {
                children.computeIfAbsent(task.parent(), k -> new ArrayList<>()).add(task);
            } else {
                top.add(task);
            }
        }
        for (TaskCell<?> task : top) {
            task(out, task, children, "  ");
        }
    }

    private static void task(StringBuilder out, TaskCell<?> task, Map<Integer, List<TaskCell<?>>> children,
            String indent) {
        out.append(indent).append(header(task)).append('\n');
        chain(out, task.futureForDebug(), indent + "    ");
        for (TaskCell<?> child : children.getOrDefault(task.id(), List.of())) {
            task(out, child, children, indent + "  ");
        }
    }

    /** {@code task 2 (spawned at Demo.java:40), idle}. */
    static String header(TaskCell<?> task) {
        return named(task) + ", " + task.activity();
    }

    /**
     * A task and where it came from, for a report that names one task (an unobserved failure):
     * {@code task 3 (spawned at Demo.java:40)}, {@code task 3 (spawned by task 1)} (a task
     * spawned it at a line nobody recorded), {@code task 1 (blockOn root, thread "main")}, or
     * {@code task 3} (unknown).
     */
    public static String named(TaskCell<?> task) {
        String origin;
        if (task instanceof RootCell) {
            origin = " (blockOn root, thread \"" + ((RootCell<?>) task).thread().getName() + "\")";
        } else {
            String site = task.spawnSite();
            origin = site == null ? "" : site.startsWith("task ") ? " (spawned by " + site + ")"
                    : " (spawned at " + site + ")";
        }
        return "task " + task.id() + origin;
    }

    /** The await chain from {@code future} inward, one line each. */
    private static void chain(StringBuilder out, Object future, String indent) {
        Object f = future;
        for (int depth = 0; f != null; depth++) {
            if (depth == MAX_CHAIN) {
                out.append(indent).append("... (more than ").append(MAX_CHAIN).append(" awaits)\n");
                return;
            }
            if (!(f instanceof AsyncMachine)) {
                out.append(indent).append("awaiting ").append(describe(f)).append('\n');
                return;
            }
            AsyncMachine<?> m = (AsyncMachine<?>) f;
            out.append(indent).append("at ").append(MachineView.where(m)).append(machineState(m)).append('\n');
            f = MachineView.awaited(m);
        }
    }

    private static String machineState(AsyncMachine<?> m) {
        if (!MachineView.started(m)) {
            return " (not started)";
        }
        return MachineView.cancelled(m) && !MachineView.done(m) ? " (cancelled)" : "";
    }

    /** A leaf: {@code task 2} for a task's handle, else its toString, safely. */
    static String describe(Object f) {
        if (f instanceof TaskCell) {
            return "task " + ((TaskCell<?>) f).id();
        }
        try {
            if (f.getClass().getMethod("toString").getDeclaringClass() == Object.class) {
                return f.getClass().getName();          // no description: not Object's hash code
            }
            return String.valueOf(f);
        } catch (RuntimeException | StackOverflowError | NoSuchMethodException e) {
            return f.getClass().getName() + " (its toString() threw " + e + ")";
        }
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
