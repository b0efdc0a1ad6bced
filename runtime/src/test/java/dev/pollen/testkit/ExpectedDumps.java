package dev.pollen.testkit;

/**
 * The {@code TaskDump} text of known tasks, written out, for tests of the reports that carry a
 * dump: one place to change when the dump's layout changes.
 */
public final class ExpectedDumps {

    private ExpectedDumps() {}

    /**
     * Tasks (as {@link TaskNames} names them, {@code "task 4 (spawned by task 2)"}) whose future
     * is a {@link DeafFuture} that was cancelled and polled since: the dump lines of each,
     * separated by {@code '\n'}, none after the last.
     */
    public static String cancelledDeaf(String... tasks) {
        StringBuilder out = new StringBuilder();
        for (String task : tasks) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("  ").append(task).append(", idle, cancelling\n      awaiting DeafFuture");
        }
        return out.toString();
    }
}
