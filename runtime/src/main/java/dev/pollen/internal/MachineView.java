package dev.pollen.internal;

import dev.pollen.Future;

/**
 * Not API: what Pollen's debug tools ({@code dev.pollen.rt.debug}) read of a machine. Any thread:
 * the fields are read without synchronization, so a view taken while another thread polls the
 * machine may be a moment old (a debug view, never a decision).
 */
public final class MachineView {
    private MachineView() {}

    /** The machine's {@code state}: where it resumes (an await's resume point while suspended). */
    public static int state(AsyncMachine<?> m) {
        return m.state;
    }

    /** The future the machine is suspended on, or null (not started, running, or complete). */
    public static Future<?> awaited(AsyncMachine<?> m) {
        return m.awaited;
    }

    public static boolean started(AsyncMachine<?> m) {
        return m.started;
    }

    public static boolean done(AsyncMachine<?> m) {
        return m.done;
    }

    /** Whether {@code cancel()} was called before the machine completed. */
    public static boolean cancelled(AsyncMachine<?> m) {
        return m.cancellation != null;
    }
}
