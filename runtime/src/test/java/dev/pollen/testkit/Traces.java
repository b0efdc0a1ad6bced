package dev.pollen.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Exact stack traces in tests: a trace's printed frames, and source lines found by a marker. */
public final class Traces {
    private Traces() {}

    /**
     * {@code t}'s trace as printed, without module or class loader:
     * {@code p.C.m(C.java:12)}, {@code p.C.m(C.java)} (no line), {@code p.C.m(Unknown Source)}.
     */
    public static List<String> printed(Throwable t) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            frames.add(e.getClassName() + "." + e.getMethodName() + "("
                    + (e.getFileName() == null ? "Unknown Source"
                    : e.getFileName() + (e.getLineNumber() > 0 ? ":" + e.getLineNumber() : "")) + ")");
        }
        return frames;
    }

    /** The 1-based number of the first line of {@code file} that holds {@code text}. */
    public static int line(Path file, String text) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(text)) {
                    return i + 1;
                }
            }
            throw new AssertionError(text + " not found in " + file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
