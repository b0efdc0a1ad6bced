package dev.pollen.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;

/**
 * Virtual threads reached through method handles, so that this module compiles with
 * {@code --release 17} and its jar runs on JDK 17 too (where they are unavailable) and on 21+.
 */
final class VirtualThreads {

    /** {@code Thread.startVirtualThread(Runnable)}, or null before JDK 21. */
    private static final MethodHandle START = find("startVirtualThread",
            MethodType.methodType(Thread.class, Runnable.class), Thread.class);
    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, or null before JDK 21. */
    private static final MethodHandle PER_TASK_EXECUTOR = find("newVirtualThreadPerTaskExecutor",
            MethodType.methodType(ExecutorService.class), java.util.concurrent.Executors.class);

    private VirtualThreads() {}

    private static MethodHandle find(String name, MethodType type, Class<?> owner) {
        try {
            return MethodHandles.publicLookup().findStatic(owner, name, type);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /** Throws, naming the JDK, where virtual threads are unavailable: JMH then skips the benchmark. */
    static void require() {
        if (START == null || Runtime.version().feature() < 21) {
            throw new UnsupportedOperationException(
                    "virtual threads need JDK 21+, this is JDK " + Runtime.version());
        }
    }

    static Thread start(Runnable task) {
        try {
            return (Thread) START.invokeExact(task);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    static ExecutorService newPerTaskExecutor() {
        try {
            return (ExecutorService) PER_TASK_EXECUTOR.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
