package dev.pollen.testkit;

import dev.pollen.AsyncRuntime;
import dev.pollen.Future;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Exact stack traces in tests: a trace's printed frames, and source lines found by a marker. */
public final class Traces {
    /** This file, from a module's directory: {@link #failure} is the frame below blockOn. */
    public static final Path SOURCE = Path.of("../runtime/src/test/java/dev/pollen/testkit/Traces.java");

    private Traces() {}

    /**
     * Runs {@code f} on a new runtime, {@code "current"} (current-thread) or {@code "multi"}
     * (multi-thread), and returns its failure. In its trace, the frame below the public blockOn
     * is this method's, at its blockOn call.
     */
    public static Throwable failure(String kind, Future<?> f) {
        try (AsyncRuntime rt = kind.equals("current") ? AsyncRuntime.currentThread() : AsyncRuntime.multiThread()) {
            rt.blockOn(f); // @blockOn
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("no failure");
    }

    /**
     * The frames a trace of {@link #failure} has below the machines: the public blockOn, this
     * class's {@code failure}, and the caller's frame: {@code test} of {@code testClass} (a binary
     * name) in {@code file}, at line {@code line}.
     */
    public static List<String> bottom(String testClass, String test, String file, int line) {
        return List.of(
                "dev.pollen.AsyncRuntime.blockOn(AsyncRuntime.java:"
                        + line(Path.of("../runtime/src/main/java/dev/pollen/AsyncRuntime.java"), "return core.blockOn(future);") + ")",
                "dev.pollen.testkit.Traces.failure(Traces.java:" + line(SOURCE, "// @blockOn") + ")",
                testClass + "." + test + "(" + file + ":" + line + ")");
    }

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
