package dev.pollen.internal;

import dev.pollen.Future;
import dev.pollen.rt.debug.MachineInfos;

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

    /**
     * Where the machine is, as a user names it: {@code Demo.fetch (Demo.java:17)}, the line of its
     * state (an await's line while suspended; the method's line before it starts). Without
     * readable metadata, the method alone ({@code Demo.fetch}, from the class name).
     */
    public static String where(AsyncMachine<?> m) {
        MachineInfos.Info info = MachineInfos.of(m.getClass());
        if (info == null) {
            return AsyncMachine.methodName(m.getClass().getSimpleName());
        }
        int line = m.started ? info.stateLine(m.state) : 0;
        return info.methodName() + " (" + info.source() + ":" + (line > 0 ? line : info.line()) + ")";
    }

    /** Whether {@code cancel()} was called before the machine completed. */
    public static boolean cancelled(AsyncMachine<?> m) {
        return m.cancellation != null;
    }
}
