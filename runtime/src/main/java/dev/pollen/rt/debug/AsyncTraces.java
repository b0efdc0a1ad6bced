package dev.pollen.rt.debug;

import dev.pollen.internal.AsyncMachine;
import dev.pollen.internal.MachineView;
import dev.pollen.rt.task.TaskCell;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Async stack traces: rewrites a failure's stack trace, in place, into the logical stack of the
 * {@code @Async} methods it went through. Called on failure paths only; the rules, the frame
 * format and the switch are in {@code package-info.java}.
 */
public final class AsyncTraces {
    /**
     * {@code -Dpollen.asyncTraces=raw}: leave every trace as the JVM made it. Read once, at class
     * initialization; not final only so that a test can flip it ({@link #raw(boolean)}).
     */
    private static boolean raw = "raw".equals(System.getProperty("pollen.asyncTraces"));

    /** The class name of a boundary frame: {@code at pollen.task 2 (awaited below) spawned at(Demo.java:40)}. */
    public static final String BOUNDARY = "pollen";

    private static final StackWalker WALKER = StackWalker.getInstance(
            EnumSet.of(StackWalker.Option.RETAIN_CLASS_REFERENCE, StackWalker.Option.SHOW_REFLECT_FRAMES));

    /**
     * The failure this thread rewrote last: the outer machines its propagation passes through
     * leave it alone at the cost of one thread-local read each. Weak: a failure the user caught
     * and dropped is not kept alive by it.
     */
    private static final ThreadLocal<WeakReference<Throwable>> LAST = new ThreadLocal<>();

    /**
     * Every failure rewritten and still reachable, for the propagations that {@link #LAST} no
     * longer names: a failure a machine caught and throws again in a later poll (after a
     * {@code finally} that awaits, on another worker). Consulted once per propagation, where
     * {@code LAST} misses. Weak keys; {@code Throwable} compares by identity (a subclass that
     * does not is at worst rewritten once more, or not at all).
     */
    private static final Map<Throwable, Boolean> REWRITTEN = Collections.synchronizedMap(new WeakHashMap<>());

    private AsyncTraces() {}

    /**
     * The failure path of {@code AsyncMachine.poll}: {@code t} leaves {@code machine}. The
     * innermost machine a propagation leaves rewrites the trace; the machines it then leaves on
     * the same thread see it as the last one rewritten and do nothing.
     */
    public static void machineFailed(AsyncMachine<?> machine, Throwable t) {
        if (raw || isLast(t)) {
            return;
        }
        try {
            StackTraceElement[] trace = t.getStackTrace();
            // Empty: not writable, or deliberately empty (control flow): left alone, without
            // the shared set's lock.
            if (trace.length > 0 && !REWRITTEN.containsKey(t)) {
                rewriteAtExit(machine, t, trace);
            }
        } catch (Throwable debugFailed) {
            // A trace is a debug aid: whatever goes wrong here (a user's getStackTrace or
            // hashCode that throws, a stack overflow), the failure goes on with its raw trace.
        }
    }

    private static void rewriteAtExit(AsyncMachine<?> machine, Throwable t, StackTraceElement[] trace) {
        Class<?> type = machine.getClass();
        int at = indexOfResume(trace, type.getName());
        List<StackTraceElement> frames = new ArrayList<>(trace.length);
        MachineInfos.Info info = MachineInfos.of(type);
        if (at >= 0) {                  // made on this stack, below this machine's resume
            frames.addAll(Arrays.asList(trace).subList(0, origin(trace, at)));
            int line = info == null ? 0 : info.userLine(trace[at].getLineNumber());
            frames.add(info == null ? trace[at] : info.frame(line > 0 ? line : info.stateLine(MachineView.state(machine))));
            frames.addAll(logicalStack(true, trace, at + 2));     // at + 1: the failing machine's poll
        } else {                        // made elsewhere (another thread, a stored failure): kept whole
            frames.addAll(Arrays.asList(trace));
            frames.add(info == null ? new StackTraceElement(type.getName(), "resume", null, -1)
                    : info.frame(info.stateLine(MachineView.state(machine))));
            frames.addAll(logicalStack(true, null, 0));
        }
        rewrite(t, frames);
    }

    /**
     * Where a task's stored failure is thrown to whoever takes it ({@code TaskCell.takeResult}):
     * appends, after the task's own frames, a boundary frame naming the task and where it was
     * spawned (none for a blockOn root, whose caller is the next frame), then the logical stack
     * of the taker. Returns {@code t}.
     */
    public static Throwable joined(TaskCell<?> task, Throwable t) {
        if (raw) {
            return t;
        }
        try {
            appendTaker(task, t);
        } catch (Throwable debugFailed) {
            // as in machineFailed: the failure goes on with the trace it has
        }
        return t;
    }

    private static void appendTaker(TaskCell<?> task, Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0) {
            return;
        }
        List<StackTraceElement> frames = new ArrayList<>(Arrays.asList(trace));
        if (!task.isRoot()) {
            frames.add(boundary(task.id(), task.spawnSite()));
        }
        frames.addAll(logicalStack(false, null, 0));
        rewrite(t, frames);
    }

    /**
     * The frame between a spawned task's frames and its awaiter's: {@code pollen.task 2 (awaited
     * below) spawned at(Demo.java:40)} (IDE consoles link the spawn site),
     * {@code pollen.task 2 (awaited below) spawned by task 1(Unknown Source)}, or
     * {@code pollen.task 2 (awaited below)(Unknown Source)} when the site is unknown.
     */
    static StackTraceElement boundary(int task, String spawnSite) {
        int colon = spawnSite == null ? -1 : spawnSite.lastIndexOf(':');
        if (colon > 0) {
            try {
                int line = Integer.parseInt(spawnSite.substring(colon + 1));
                return new StackTraceElement(BOUNDARY, "task " + task + " (awaited below) spawned at",
                        spawnSite.substring(0, colon), line);
            } catch (NumberFormatException notALine) {
                // described below, as text
            }
        }
        String by = spawnSite == null ? "" : " spawned by " + spawnSite;
        return new StackTraceElement(BOUNDARY, "task " + task + " (awaited below)" + by, null, -1);
    }

    /** Tests only: turns the raw switch on or off. */
    static void raw(boolean on) {
        raw = on;
    }

    private static boolean isLast(Throwable t) {
        WeakReference<Throwable> last = LAST.get();
        return last != null && last.get() == t;
    }

    private static void rewrite(Throwable t, List<StackTraceElement> frames) {
        t.setStackTrace(frames.toArray(new StackTraceElement[0]));
        REWRITTEN.put(t, Boolean.TRUE);
        LAST.set(new WeakReference<>(t));
    }

    /** The first frame of {@code machineClass}'s resume, from the top, or -1. */
    private static int indexOfResume(StackTraceElement[] trace, String machineClass) {
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getMethodName().equals("resume") && trace[i].getClassName().equals(machineClass)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * How many of the frames above the machine's resume (index {@code at}) show where the failure
     * was made: all but the runtime's frames right above the resume (its {@code pollAwaited}, a
     * combinator polling the child that threw), and always the topmost.
     */
    private static int origin(StackTraceElement[] trace, int at) {
        int end = at;
        while (end > 1 && Frames.isRuntime(trace[end - 1].getClassName())) {
            end--;
        }
        return end;
    }

    /**
     * The current thread's stack (with {@code belowPoll}, below the first {@code
     * AsyncMachine.poll}: the failing machine's) as the user sees it: machine frames mapped to their methods, the runtime's
     * frames dropped (but the public blockOn), down to the task's root: nothing of the runner
     * that polls the task. {@code same}, when not null, is the failure's own trace from the
     * frame below that {@code poll}: made on this stack, it holds these very frames, so their
     * elements are taken from it rather than made again (making one costs about as much as
     * the JVM's own, for each frame).
     */
    private static List<StackTraceElement> logicalStack(boolean belowPoll, StackTraceElement[] same, int sameFrom) {
        List<StackWalker.StackFrame> stack = WALKER.walk(frames -> {
            List<StackWalker.StackFrame> below = new ArrayList<>();
            boolean inTask = !belowPoll;
            for (StackWalker.StackFrame f : (Iterable<StackWalker.StackFrame>) frames::iterator) {
                Class<?> type = f.getDeclaringClass();
                if (type == TaskCell.class && f.getMethodName().equals("run")) {
                    break;              // the task's root: below is its runner
                }
                if (inTask) {
                    below.add(f);
                } else if (type == AsyncMachine.class && f.getMethodName().equals("poll")) {
                    inTask = true;      // the failing machine's poll: the frames below it follow
                }
            }
            return below;
        });
        boolean reuse = same != null && matches(stack, same, sameFrom);
        List<StackTraceElement> frames = new ArrayList<>();
        for (int i = 0; i < stack.size(); i++) {
            StackWalker.StackFrame f = stack.get(i);
            Class<?> type = f.getDeclaringClass();
            StackTraceElement raw = reuse ? same[sameFrom + i] : null;
            if (type != AsyncMachine.class && AsyncMachine.class.isAssignableFrom(type)
                    && (raw != null ? raw.getMethodName() : f.getMethodName()).equals("resume")) {
                MachineInfos.Info info = MachineInfos.of(type);
                int line = raw != null ? raw.getLineNumber() : f.getLineNumber();
                frames.add(info != null ? info.frame(info.userLine(line)) : raw != null ? raw : f.toStackTraceElement());
            } else if (!Frames.isRuntime(type.getName())
                    || Frames.isPublicEntryClass(type.getName()) && f.getMethodName().equals(Frames.PUBLIC_ENTRY)) {
                frames.add(raw != null ? raw : f.toStackTraceElement());
            }
        }
        return frames;
    }

    /**
     * Whether {@code trace} from {@code from} names the classes of {@code stack}'s frames, one by
     * one. Classes only: a frame's method name costs a call into the JVM (as much as the rest of
     * the walk), its class nothing.
     */
    private static boolean matches(List<StackWalker.StackFrame> stack, StackTraceElement[] trace, int from) {
        if (trace.length - from < stack.size()) {
            return false;
        }
        for (int i = 0; i < stack.size(); i++) {
            if (!stack.get(i).getDeclaringClass().getName().equals(trace[from + i].getClassName())) {
                return false;
            }
        }
        return true;
    }
}
