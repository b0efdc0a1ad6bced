package dev.pollen.rt.scheduler;

import dev.pollen.rt.debug.TaskDump;
import dev.pollen.rt.task.TaskCell;
import java.time.Duration;
import java.util.List;

/**
 * Not API: what the end of {@code Executor.blockOn} and a runtime's shutdown say when the tasks
 * they cancelled do not finish: once after the grace period ({@link #stillCancelling}), while
 * they are still polled, and once at the timeout ({@link #abandoned}), when they are given up.
 * Both go to the {@code System.Logger} named {@code dev.pollen} at WARNING: a header line, then
 * a {@link TaskDump#tasks} of what the tasks wait on (lines separated by {@code '\n'}, as the
 * dump's). The protocol is in {@code package-info.java}.
 */
final class HangReport {

    /** The system property that sets the default grace period, in milliseconds. */
    static final String GRACE_PROPERTY = "pollen.cancelGraceMillis";
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger("dev.pollen");

    private HangReport() {}

    /**
     * The grace period from {@value #GRACE_PROPERTY}, or {@link #DEFAULT_GRACE} if it is not set;
     * a value that is not a number of milliseconds (0 or more) is reported and ignored: a debug
     * setting must not stop a program.
     */
    static Duration defaultGrace() {
        String value = System.getProperty(GRACE_PROPERTY);
        if (value == null) {
            return DEFAULT_GRACE;
        }
        try {
            long millis = Long.parseLong(value.trim());
            if (millis >= 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(System.Logger.Level.WARNING, "-D" + GRACE_PROPERTY + "=" + value + " is not a number of milliseconds"
                + " (0 or more): using the default, " + DEFAULT_GRACE.toMillis() + " ms");
        return DEFAULT_GRACE;
    }

    /**
     * The grace period passed and {@code live} (not empty) are still running their
     * cancellation; {@code when} says whose end waits ("pollen-3 is shutting down").
     */
    static void stillCancelling(String when, List<TaskCell<?>> live, Duration grace, Duration timeout) {
        boolean one = live.size() == 1;
        log(when + ", and " + live.size() + (one ? " task is" : " tasks are") + " still live " + grace.toMillis()
                + " ms after " + (one ? "it was" : "they were") + " cancelled (a future that ignores cancel() and is"
                + " never woken, or a cleanup that takes long); " + (one ? "it is" : "they are") + " polled on when"
                + " woken, for at most " + timeout.toMillis() + " ms after the cancel, then abandoned."
                + (one ? " What it waits on:" : " What they wait on:"), TaskDump.tasks(live));
    }

    /**
     * The timeout passed: {@code dump} ({@link TaskDump#tasks}, made before they were completed)
     * describes the {@code count} tasks that were abandoned; {@code ended} says whose end it
     * was ("pollen-3 shut down with").
     */
    static void abandoned(String ended, int count, String dump, Duration timeout) {
        boolean one = count == 1;
        log(ended + " " + count + (one ? " task" : " tasks") + " still live " + timeout.toMillis() + " ms after "
                + (one ? "it was" : "they were") + " cancelled (a future that ignores cancel() and is never woken,"
                + " or a poll that does not return); abandoned without another poll:", dump);
    }

    /** The header, then the dump; a log record gets its own line end, so not the dump's last. */
    private static void log(String header, String dump) {
        String lines = dump.endsWith("\n") ? dump.substring(0, dump.length() - 1) : dump;
        LOG.log(System.Logger.Level.WARNING, header + "\n" + lines);
    }
}
