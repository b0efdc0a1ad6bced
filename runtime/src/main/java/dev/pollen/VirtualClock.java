package dev.pollen;

import java.util.concurrent.atomic.AtomicLong;

/** {@link Clock#virtual()}: time moves only when its reactor jumps it to a deadline. */
final class VirtualClock extends Clock {

    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves the time forward to {@code deadline}; never backwards. */
    void advanceTo(long deadline) {
        now.accumulateAndGet(deadline, Math::max);
    }

    @Override
    public String toString() {
        return "Clock.virtual() at " + now.get() + " ns";
    }
}
