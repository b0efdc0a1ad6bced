package dev.pollen.rt.debug;

import java.util.Set;

/**
 * Which stack frames are Pollen's runtime, by class name (a trace holds names only): the classes
 * of the {@code dev.pollen} package itself and of its runtime packages. User code in other
 * {@code dev.pollen.*} packages (Pollen's demo, its tests) is not the runtime.
 */
final class Frames {
    private static final String PREFIX = "dev.pollen.";
    /** The runtime's packages under {@code dev.pollen} (the first name after it). */
    private static final Set<String> RUNTIME_PACKAGES = Set.of("internal", "rt", "sync", "channel", "time");

    private Frames() {}

    /** Whether {@code className} is a class of the runtime. */
    static boolean isRuntime(String className) {
        if (!className.startsWith(PREFIX)) {
            return false;
        }
        int dot = className.indexOf('.', PREFIX.length());
        return dot < 0 || RUNTIME_PACKAGES.contains(className.substring(PREFIX.length(), dot));
    }

    /** The method of the runtime's public entry points that a trace keeps: the {@code blockOn} the user called. */
    static final String PUBLIC_ENTRY = "blockOn";

    /** Whether {@code className} declares a public entry point ({@link #PUBLIC_ENTRY}). */
    static boolean isPublicEntryClass(String className) {
        return className.equals("dev.pollen.AsyncRuntime") || className.equals("dev.pollen.Executor");
    }
}
