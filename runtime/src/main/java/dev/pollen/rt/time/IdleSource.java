package dev.pollen.rt.time;

/**
 * A runtime as a virtual-clock {@code Reactor} sees it: idle when every worker is parked, no
 * wake-up is pending and no blocking work runs. A reactor on {@code Clock.virtual()} jumps its
 * clock only while every runtime that polled one of its timers is idle. Implemented by the
 * runtimes (bound on their threads with {@link #bind}). Not API.
 */
public interface IdleSource {

    boolean isIdle();

    /**
     * {@code listener} runs, on the thread that made the runtime idle and with no lock of the
     * runtime held, each time it becomes idle.
     */
    void addIdleListener(Runnable listener);

    void removeIdleListener(Runnable listener);

    /** True once the runtime closed: it runs nothing any more, and reactors forget it. */
    default boolean isClosed() {
        return false;
    }

    /** The source bound to this thread by {@link #bind}, or null. */
    static IdleSource current() {
        return Binding.CURRENT.get();
    }

    /** Binds {@code source} to this thread (a runtime does it on each of its threads); null unbinds. */
    static void bind(IdleSource source) {
        if (source == null) {
            Binding.CURRENT.set(null);     // not remove(): a thread binds and unbinds often, and a
            // removed entry is re-created by the next get()
        } else {
            Binding.CURRENT.set(source);
        }
    }

    /** Holder of the thread binding (an interface can have no private static field). */
    final class Binding {
        static final ThreadLocal<IdleSource> CURRENT = new ThreadLocal<>();

        private Binding() {}
    }
}
