package dev.pollen.testkit;

import dev.pollen.JoinHandle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Task numbers depend on the shard a spawn used: tests read them from the handle to write exact reports. */
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
}
