package dev.pollen;

import dev.pollen.rt.time.PausedClock;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Clock#virtual()}: time moves only when its time driver or reactor jumps it to a deadline. */
final class VirtualClock extends Clock implements PausedClock {

    private final AtomicLong now = new AtomicLong();

    @Override
    public long nanoTime() {
        return now.get();
    }

    @Override
    public void advanceTo(long nanos) {
        now.accumulateAndGet(nanos, Math::max);
    }

    @Override
    public String toString() {
        return "Clock.virtual() at " + now.get() + " ns";
    }
}
