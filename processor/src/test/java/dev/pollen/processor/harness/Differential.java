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
        } catch (NullPointerException e) {
            failure = e.getClass().getName(); // helpful messages name the call site, which differs
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
