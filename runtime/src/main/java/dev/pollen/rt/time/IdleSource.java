package dev.pollen.rt.time;

/**
 * Not API: a runtime, as the virtual clock of a {@code Reactor} sees it. Idle: every worker is
 * parked with no wake in flight and no blocking call runs, so only a timer can make progress.
 */
public interface IdleSource {

    boolean isIdle();

    /** {@code listener} runs, on the thread that made the runtime idle, each time it becomes idle. */
    void addIdleListener(Runnable listener);

    void removeIdleListener(Runnable listener);

    /** The runtime whose task this thread is polling, or null. */
    static IdleSource current() {
        return Binding.CURRENT.get();
    }

    /** The scheduler, on each thread that polls its tasks (null: unbind). */
    static void bind(IdleSource source) {
        if (source == null) {
            Binding.CURRENT.remove();
        } else {
            Binding.CURRENT.set(source);
        }
    }

    /** Holder of the thread-local (an interface has no private fields). */
    final class Binding {
        static final ThreadLocal<IdleSource> CURRENT = new ThreadLocal<>();

        private Binding() {}
    }
}
