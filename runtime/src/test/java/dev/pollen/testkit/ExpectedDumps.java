package dev.pollen.testkit;

/**
 * The {@code TaskDump} text of known tasks, written out, for tests of the reports that carry a
 * dump: one place to change when the dump's layout changes.
 */
public final class ExpectedDumps {

    private ExpectedDumps() {}

    /**
     * Tasks (by name, {@code "task 4"}) whose future is a {@link DeafFuture} that was cancelled
     * and polled since: the dump lines of each, separated by {@code '\n'}, none after the last.
     */
    public static String cancelledDeaf(String... tasks) {
        StringBuilder out = new StringBuilder();
        for (String task : tasks) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("  ").append(task).append(" (DeafFuture), waiting, cancelled");
        }
        return out.toString();
    }
}
