package dev.pollen.processor.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Side effects of test programs, recorded in order so that two runs can be compared. */
public final class Trace {
    private Trace() {}

    static final List<String> events = Collections.synchronizedList(new ArrayList<>());

    public static List<String> snapshot() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    public static void log(Object event) {
        events.add(String.valueOf(event));
    }

    /** Logs {@code label=value} and returns {@code value}: marks when an operand is evaluated. */
    public static <T> T log(String label, T value) {
        events.add(label + "=" + value);
        return value;
    }

    public static int log(String label, int value) {
        events.add(label + "=" + value);
        return value;
    }

    public static boolean log(String label, boolean value) {
        events.add(label + "=" + value);
        return value;
    }
}
