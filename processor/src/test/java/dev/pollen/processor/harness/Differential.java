package dev.pollen.processor.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The differential harness: a program is an {@code @Async} method; it runs once as the
 * generated machine (through {@code blockOn}) and once as the same source compiled without the
 * processor, where {@code await} blocks. Results, traces and exceptions must be identical, in
 * every {@link Leaves.Mode}.
 */
public final class Differential {
    private Differential() {}

    /** What a run did: its value or exception, and its trace. */
    public record Outcome(String result, String failure, List<String> trace) {}

    /** Loads classes of one compile: the processor's or the plain one. */
    public interface Loader {
        Class<?> load(String binaryName);
    }

    public static final String AWAIT_IMPORT = "import static dev.pollen.Await.await;";
    public static final String BLOCKING_IMPORT = "import static " + Blocking.class.getName() + ".await;";

    /**
     * Runs {@code method} of class {@code className} (static, or on a new instance made by its
     * no-argument constructor) with {@code args}, both ways, in every mode, and compares.
     */
    public static void assertSameAsSync(Loader async, Loader sync, String className, String method, Object... args) {
        try {
            for (Leaves.Mode mode : Leaves.Mode.values()) {
                Leaves.mode = mode;
                Outcome expected = run(() -> runSync(sync.load(className), method, args));
                Outcome actual = run(() -> runAsync(async.load(className), async.load(facadeOf(className)), method, args));
                assertEquals(expected, actual, "mode " + mode);
            }
        } finally {
            Leaves.mode = Leaves.Mode.READY;
        }
    }

    /**
     * Cancellation behaves as a {@code return} at the await where the machine is suspended: for
     * each await k of a run, the machine is cancelled while suspended at it, and must run exactly
     * the cleanup (trace) that the synchronous twin runs when its k-th await returns instead.
     * Programs must not catch Throwable or Error (the twin's "return" is an Error).
     */
    public static void assertCancellingIsReturning(Loader async, Loader sync, String className, String method,
            Object... args) {
        try {
            Leaves.mode = Leaves.Mode.READY;
            Blocking.awaits = 0;
            run(() -> runSync(sync.load(className), method, args));
            int awaits = Blocking.awaits;
            org.junit.jupiter.api.Assertions.assertTrue(awaits > 0, "the program awaits");
            for (int k = 1; k <= awaits; k++) {
                Blocking.awaits = 0;
                Blocking.stallAt = k;
                Outcome expected = run(() -> {
                    try {
                        return runSync(sync.load(className), method, args);
                    } catch (Blocking.ReturnHere returned) {
                        throw new java.util.concurrent.CancellationException();
                    }
                });
                Blocking.stallAt = 0;
                Leaves.firstPolls.set(0);
                Leaves.stalled = false;
                Leaves.stallAt = k;
                Outcome actual = run(() -> cancelWhenStalled(async.load(className), async.load(facadeOf(className)),
                        method, args));
                Leaves.stallAt = 0;
                assertEquals(expected, actual, "cancelled at await " + k + " of " + awaits);
            }
        } finally {
            Blocking.stallAt = 0;
            Leaves.stallAt = 0;
        }
    }

    private static Object cancelWhenStalled(Class<?> type, Class<?> facade, String method, Object[] args)
            throws Throwable {
        Method m = find(type, method);
        Object[] facadeArgs = Modifier.isStatic(m.getModifiers()) ? args : prepend(newInstance(type), args);
        Future<?> future = (Future<?>) invoke(find(facade, method), null, facadeArgs);
        dev.pollen.Context cx = dev.pollen.Context.from(() -> { });
        boolean cancelled = false;
        for (int polls = 0; polls < 10_000; polls++) {
            dev.pollen.Poll<?> p = future.poll(cx);
            if (p.isReady()) {
                return p.get();
            }
            if (Leaves.stalled && !cancelled) {
                future.cancel();
                cancelled = true;
            }
        }
        throw new AssertionError("the machine did not complete after its cancellation");
    }

    /** README, "What is generated": {@code p.C} has facades in {@code p.CAsync}, {@code p.Outer.Inner} in {@code p.Outer_InnerAsync}. */
    public static String facadeOf(String binaryName) {
        int dot = binaryName.lastIndexOf('.');
        return binaryName.substring(0, dot + 1) + binaryName.substring(dot + 1).replace('$', '_') + "Async";
    }

    private interface Body {
        Object run() throws Throwable;
    }

    private static Outcome run(Body body) {
        Trace.events.clear();
        String result = null;
        String failure = null;
        try {
            result = String.valueOf(body.run());
        } catch (NullPointerException | java.util.concurrent.CancellationException e) {
            failure = e.getClass().getName(); // messages name call sites or classes, which differ
        } catch (Throwable t) {
            failure = t.getClass().getName() + ": " + t.getMessage();
        }
        return new Outcome(result, failure, new ArrayList<>(Trace.events));
    }

    private static Object runSync(Class<?> type, String method, Object[] args) throws Throwable {
        Method m = find(type, method);
        Object receiver = Modifier.isStatic(m.getModifiers()) ? null : newInstance(type);
        return invoke(m, receiver, args);
    }

    private static Object runAsync(Class<?> type, Class<?> facade, String method, Object[] args) throws Throwable {
        Method m = find(type, method);
        Object[] facadeArgs = Modifier.isStatic(m.getModifiers()) ? args : prepend(newInstance(type), args);
        Future<?> future = (Future<?>) invoke(find(facade, method), null, facadeArgs);
        return Executor.blockOn(future);
    }

    private static Object invoke(Method m, Object receiver, Object[] args) throws Throwable {
        m.setAccessible(true);
        try {
            return m.invoke(receiver, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Method find(Class<?> type, String name) {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(name)) {
                return m;
            }
        }
        throw new AssertionError("no method " + name + " in " + type);
    }

    private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
        var constructor = type.getDeclaredConstructor();
        constructor.setAccessible(true);
        return constructor.newInstance();
    }

    private static Object[] prepend(Object first, Object[] rest) {
        Object[] all = new Object[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
