package dev.pollen.rt.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Not API: the runtimes of this JVM that are not shut down, for task dumps, held weakly: a
 * runtime nobody references any more (a current-thread runtime dropped unclosed, the blockOn
 * runtime of a thread that ended) is forgotten when it is collected; a multi-threaded runtime is
 * referenced by its workers until it shuts down. Touched when a runtime is built (at the end of
 * its build: never a half-built one), when it terminates, and by a dump: nothing on a hot path.
 *
 * <p>The first runtime also registers the JMX hook {@code dev.pollen:type=Tasks}
 * ({@code dev.pollen.rt.debug.TasksMBean}) on a daemon thread (the platform MBean server costs
 * about 200 ms of class loading in a JVM that has not made it yet), unless
 * {@code -Dpollen.jmx=false} or {@code java.management} is not readable (a jlink image without
 * it): then there is no hook, and no error.
 */
public final class LiveRuntimes {

    /** Runtime -> registration number, for a stable order (by age). Guarded by itself. */
    private static final Map<RuntimeCore, Long> LIVE = new WeakHashMap<>();
    private static long registered;
    private static boolean hookTried;

    private LiveRuntimes() {}

    /** A runtime just built: dumps list it until it shuts down (or is collected). Returns it. */
    public static <R extends RuntimeCore> R add(R core) {
        boolean first;
        synchronized (LIVE) {
            LIVE.put(core, ++registered);
            first = !hookTried;
            hookTried = true;
        }
        if (first) {
            installHook();
        }
        return core;
    }

    static void remove(RuntimeCore core) {
        synchronized (LIVE) {
            LIVE.remove(core);
        }
    }

    /** The live runtimes, oldest first. */
    public static List<RuntimeCore> live() {
        List<Map.Entry<RuntimeCore, Long>> entries;
        synchronized (LIVE) {
            entries = new ArrayList<>(LIVE.entrySet());
        }
        entries.sort(Map.Entry.comparingByValue());
        List<RuntimeCore> cores = new ArrayList<>(entries.size());
        for (Map.Entry<RuntimeCore, Long> e : entries) {
            cores.add(e.getKey());
        }
        return cores;
    }

    private static void installHook() {
        if ("false".equals(System.getProperty("pollen.jmx"))) {
            return;
        }
        Optional<Module> management = ModuleLayer.boot().findModule("java.management");
        if (management.isEmpty() || !LiveRuntimes.class.getModule().canRead(management.get())) {
            return;
        }
        Thread thread = new Thread(LiveRuntimes::register, "pollen-jmx-register");
        thread.setDaemon(true);
        thread.start();
    }

    /** Loads the hook reflectively: nothing links against javax.management unless it is there. */
    private static void register() {
        try {
            Class.forName("dev.pollen.rt.debug.TasksMBean", true, LiveRuntimes.class.getClassLoader())
                    .getMethod("register").invoke(null);
        } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
            System.getLogger("dev.pollen").log(System.Logger.Level.DEBUG, "no JMX task-dump hook", e);
        }
    }
}
