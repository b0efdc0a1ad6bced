package dev.pollen.testkit;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Swaps {@code System.err} for a buffer while open, and the default uncaught-exception handler
 * for none (so that a report goes where it would in a plain program). Use with try-with-resources.
 */
public final class ErrCapture implements AutoCloseable {

    private final PrintStream oldErr = System.err;
    private final Thread.UncaughtExceptionHandler oldDefault = Thread.getDefaultUncaughtExceptionHandler();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    public ErrCapture() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        Thread.setDefaultUncaughtExceptionHandler(null);
    }

    /** What was printed to {@code System.err} so far. */
    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(oldErr);
        Thread.setDefaultUncaughtExceptionHandler(oldDefault);
    }
}
