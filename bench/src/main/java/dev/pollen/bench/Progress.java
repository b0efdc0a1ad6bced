package dev.pollen.bench;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the tasks of benchmark 2 as they suspend and wake. A task counts itself just before
 * it suspends (awaits its sleep, or calls {@code Thread.sleep}); it is then suspended within
 * the same call, so "all counted" is "all suspended".
 */
final class Progress {

    private final AtomicInteger suspended = new AtomicInteger();
    private final AtomicInteger woken = new AtomicInteger();

    void suspending() {
        suspended.incrementAndGet();
    }

    void woke() {
        woken.incrementAndGet();
    }

    int suspended() {
        return suspended.get();
    }

    int woken() {
        return woken.get();
    }
}
