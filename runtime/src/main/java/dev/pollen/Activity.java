package dev.pollen;

import dev.pollen.rt.time.IdleSource;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the executors of this JVM that may run: running {@link Executor#blockOn} calls that
 * are not parked, plus parked ones with a wake-up in flight. Virtual clocks jump only when the
 * count is 0 (see {@link Clock#virtual()} and docs/design.md, "Virtual time").
 *
 * <p>Invariant: the count never reads 0 while some executor is runnable. {@link Parker}
 * guarantees it by leaving (decrementing) only after it has published its PARKED state, and by
 * having the waker enter (increment) before it moves the parker from PARKED to NOTIFIED.
 */
final class Activity {

    private static final AtomicInteger RUNNING = new AtomicInteger();
    private static final CopyOnWriteArrayList<Runnable> IDLE_LISTENERS = new CopyOnWriteArrayList<>();

    /**
     * All executors of the JVM as one {@link IdleSource}, bound on each blockOn thread so that
     * a virtual-clock Reactor can tell when nothing runs. Goes away with this class once the
     * runtimes are their own idle sources.
     */
    static final IdleSource SOURCE = new IdleSource() {
        @Override
        public boolean isIdle() {
            return Activity.isIdle();
        }

        @Override
        public void addIdleListener(Runnable listener) {
            Activity.addIdleListener(listener);
        }

        @Override
        public void removeIdleListener(Runnable listener) {
            Activity.removeIdleListener(listener);
        }
    };

    private Activity() {}

    static void enter() {
        RUNNING.incrementAndGet();
    }

    static void leave() {
        if (RUNNING.decrementAndGet() == 0) {
            for (Runnable listener : IDLE_LISTENERS) {
                listener.run();
            }
        }
    }

    static boolean isIdle() {
        return RUNNING.get() == 0;
    }

    /** {@code listener} runs (on the leaving thread) each time the count drops to 0. */
    static void addIdleListener(Runnable listener) {
        IDLE_LISTENERS.add(listener);
    }

    static void removeIdleListener(Runnable listener) {
        IDLE_LISTENERS.remove(listener);
    }
}
