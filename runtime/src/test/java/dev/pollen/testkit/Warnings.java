package dev.pollen.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Captures what Pollen logs on the {@code System.Logger} named {@code dev.pollen} (JUL by
 * default) while open, with the time each message arrived. Use with try-with-resources.
 */
public final class Warnings implements AutoCloseable {

    /** A captured message and when it was published ({@code System.nanoTime()}). */
    public static final class Entry {
        public final String message;
        public final long nanoTime;
        public final Level level;

        Entry(String message, long nanoTime, Level level) {
            this.message = message;
            this.nanoTime = nanoTime;
            this.level = level;
        }
    }

    private final Logger logger = Logger.getLogger("dev.pollen");    // held: JUL keeps loggers weakly
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            entries.add(new Entry(record.getMessage(), System.nanoTime(), record.getLevel()));
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    public Warnings() {
        logger.addHandler(handler);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The messages so far. */
    public List<String> messages() {
        return entries.stream().map(e -> e.message).toList();
    }

    /** Waits (polling every 5 ms) until {@code count} messages arrived; false after {@code millis}. */
    public boolean awaitCount(int count, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (entries.size() < count) {
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
    }
}
