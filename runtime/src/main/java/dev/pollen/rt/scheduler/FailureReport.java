package dev.pollen.rt.scheduler;

import dev.pollen.rt.debug.TaskDump;
import dev.pollen.rt.task.TaskCell;
import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Not API: reports a task failure that nobody took through the task's handle, on the thread that
 * ends the runtime's work (the end of {@code Executor.blockOn}, a shutdown).
 *
 * <p>A handler the user installed (on that thread, or the default one) receives the failure, the
 * same object, as before. Without one, the report goes to {@code System.err} as read now, in
 * words that name the task and do not look like a dying thread (the thread's group would print
 * {@code Exception in thread "main"} while main goes on):
 * <pre>
 * Pollen: task 3 (spawned at Demo.java:40) failed and nothing awaited its JoinHandle:
 * java.lang.IllegalStateException: no route
 *     at ...
 * </pre>
 */
final class FailureReport {

    private FailureReport() {}

    static void unobserved(TaskCell<?> task, Throwable failure) {
        Thread thread = Thread.currentThread();
        Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
        if (handler != null && (handler.getClass() != ThreadGroup.class
                || Thread.getDefaultUncaughtExceptionHandler() != null)) {
            handler.uncaughtException(thread, failure);     // a plain group passes it to the default
            return;
        }
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.println(headline(task));
        failure.printStackTrace(out);
        out.flush();
        System.err.print(text);                             // one write: not split by other output
        System.err.flush();
    }

    /** {@code Pollen: task 3 (spawned at Demo.java:40) failed and nothing awaited its JoinHandle:}. */
    static String headline(TaskCell<?> task) {
        return "Pollen: " + TaskDump.named(task) + " failed and nothing awaited its JoinHandle:";
    }
}
