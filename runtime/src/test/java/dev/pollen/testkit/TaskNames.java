package dev.pollen.testkit;

import dev.pollen.JoinHandle;
import dev.pollen.rt.task.TaskCell;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How reports name a task, for exact expected texts: task numbers depend on the shard a spawn
 * used, so they are read from the handle; the rest is written out.
 */
public final class TaskNames {

    private static final Pattern NAME = Pattern.compile("^task \\d+");

    private TaskNames() {}

    /** {@code "task 5"}: the start of a handle's description. */
    public static String of(JoinHandle<?> handle) {
        Matcher m = NAME.matcher(handle.toString());
        if (!m.find()) {
            throw new AssertionError("not a task's description: " + handle);
        }
        return m.group();
    }

    /** {@code "task 5 (spawned at NoSilentHangTest.java:124)"}: spawned from a test's line. */
    public static String spawnedAt(JoinHandle<?> handle, String file, int line) {
        return of(handle) + " (spawned at " + file + ":" + line + ")";
    }

    /** {@code "task 5 (spawned by task 2)"}: spawned inside a task (the root) whose number is read. */
    public static String spawnedByATask(JoinHandle<?> handle) {
        String site = ((TaskCell<?>) handle).spawnSite();
        if (site == null || !NAME.matcher(site).matches()) {
            throw new AssertionError("not spawned by a task: " + site);
        }
        return of(handle) + " (spawned by " + site + ")";
    }

    /** The line of the caller's call of this method. */
    public static int lineHere() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow().getLineNumber();
    }
}
