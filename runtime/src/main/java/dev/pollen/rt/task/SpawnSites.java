package dev.pollen.rt.task;

import dev.pollen.Future;
import dev.pollen.rt.debug.MachineInfos;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Objects;

/**
 * Not API: records where each task was spawned ({@link TaskCell#spawnSite()}) and by which task
 * ({@link TaskCell#parent()}), for task dumps, failure reports and async stack traces.
 *
 * <p>Protocol. In an {@code @Async} body the processor wraps the future argument of a spawn call
 * as {@code spawnedAt(f, CAsync$m.class, 40)}, which {@link #mark}s {@code f} in this thread's
 * one slot just before the call spawns it; the runtime's spawn then {@link #record}s the task:
 * <ol>
 *   <li>the slot's mark, if its future is the task's future (identity): the site
 *       {@code "Demo.java:40"}. The slot is emptied by every spawn, matched or not, so a mark
 *       is never attributed to another future and never keeps its future alive past the next
 *       spawn on its thread (a spawn call that threw before reaching the runtime leaves one
 *       future in the slot until then; the next mark overwrites it);</li>
 *   <li>else, spawned by a task of the same runtime: no text at all, the parent's id
 *       ({@code "task 2"} is made when asked); by a task of another runtime: {@code "task 2 of
 *       pollen-1"};</li>
 *   <li>else (a thread that polls no task): the first frame of the stack outside Pollen,
 *       found with a {@link StackWalker} (about 3 us: never on a task's spawn path).</li>
 * </ol>
 * The parent of a task is the task that spawned it, in the same runtime, whether or not the site
 * was marked. Cost on a task's spawn: two thread-local reads and a few field writes.
 */
public final class SpawnSites {

    /** This thread's pending mark: one mutable object per thread, no allocation per mark. */
    private static final ThreadLocal<Mark> MARK = ThreadLocal.withInitial(Mark::new);

    /** Per machine class, its spawn sites' texts, made once ({@code "Demo.java:40"}). */
    private static final ClassValue<Sites> SITES = new ClassValue<>() {
        @Override
        protected Sites computeValue(Class<?> machine) {
            return new Sites(machine);
        }
    };

    /** Whether a class is Pollen's runtime itself (same code source as this class). */
    private static final ClassValue<Boolean> POLLEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getClassLoader() == SpawnSites.class.getClassLoader()
                    && Objects.equals(location(type), location(SpawnSites.class));
        }
    };

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private SpawnSites() {}

    /** {@code spawnedAt}: the next spawn of exactly {@code f} on this thread is at {@code machine}'s line. */
    public static void mark(Future<?> f, Class<?> machine, int line) {
        Mark mark = MARK.get();
        mark.future = f;
        mark.machine = machine;
        mark.line = line;
    }

    /**
     * A spawn, before {@code task} is shared: sets its site and parent as the class comment says.
     * {@code spawner} is the task the current thread polls (null: none), of runtime
     * {@code spawnerRuntime}; {@code sameRuntime}: whether that is the task's runtime.
     */
    public static void record(TaskCell<?> task, TaskCell<?> spawner, String spawnerRuntime, boolean sameRuntime) {
        Mark mark = MARK.get();
        Future<?> marked = mark.future;
        String site = null;
        if (marked != null) {
            mark.future = null;
            if (marked == task.futureForDebug()) {
                site = SITES.get(mark.machine).at(mark.line);
            }
            mark.machine = null;
        }
        if (spawner != null) {
            if (sameRuntime) {
                task.parent = spawner.id;
            } else if (site == null) {
                site = "task " + spawner.id + " of " + spawnerRuntime;
            }
        } else if (site == null) {
            site = callerSite();
        }
        task.spawnSite = site;
    }

    /** {@code "Main.java:12"}: the first frame outside Pollen, or null if none. */
    static String callerSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> !POLLEN.get(f.getDeclaringClass()))
                .findFirst()
                .map(f -> (f.getFileName() != null ? f.getFileName() : f.getClassName()) + ":" + f.getLineNumber())
                .orElse(null));
    }

    private static Object location(Class<?> type) {
        try {
            CodeSource source = type.getProtectionDomain().getCodeSource();
            return source == null ? null : source.getLocation();
        } catch (SecurityException e) {
            return null;
        }
    }

    /** One thread's pending {@code spawnedAt}. */
    private static final class Mark {
        Future<?> future;
        Class<?> machine;
        int line;
    }

    /** A machine class's spawn-site texts by line: a few per class, copied on write. */
    private static final class Sites {
        private final String source;
        private volatile int[] lines = new int[0];
        private volatile String[] texts = new String[0];

        Sites(Class<?> machine) {
            MachineInfos.Info info = MachineInfos.of(machine);
            this.source = info != null ? info.source() : machine.getName();
        }

        String at(int line) {
            int[] ls = lines;
            String[] ts = texts;
            for (int i = 0; i < ls.length && i < ts.length; i++) {
                if (ls[i] == line) {
                    return ts[i];
                }
            }
            return add(line);
        }

        private synchronized String add(int line) {
            String text = source + ":" + line;
            int n = texts.length;
            String[] ts = Arrays.copyOf(texts, n + 1);
            int[] ls = Arrays.copyOf(lines, n + 1);
            ts[n] = text;
            ls[n] = line;
            texts = ts;             // texts first: a reader that sees the new lines sees its text
            lines = ls;
            return text;
        }
    }
}
