package dev.pollen.testkit;

import java.util.ArrayList;
import java.util.List;

/** A thread-safe trace of events, for asserting what happened in which order. */
public final class Recorder {

    private final List<String> events = new ArrayList<>();

    public synchronized void record(String event) {
        events.add(event);
    }

    public synchronized List<String> events() {
        return List.copyOf(events);
    }
}
