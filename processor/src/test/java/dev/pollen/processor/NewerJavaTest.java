package dev.pollen.processor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java 21 and newer in @Async bodies: pattern matching for switch, record patterns, unnamed
 * variables. Each program is compiled with javac's {@code --release 21} (and 25 where it needs
 * Java 22+), with Pollen and as its synchronous twin, and both must behave the same
 * ({@link Programs}). Skipped when the running JDK is older than the release.
 */
class NewerJavaTest {

    private static List<String> release(int release) {
        assumeTrue(Runtime.version().feature() >= release, "needs JDK " + release);
        return List.of("--release", Integer.toString(release));
    }

    /** Compiles {@code program} at each release and compares {@code method} on each argument list. */
    private static void same(int[] releases, String program, String method, Object[]... argumentLists) {
        for (int release : releases) {
            Programs.Twins twins = Programs.compileBoth(release(release), program);
            for (Object[] args : argumentLists) {
                twins.assertSameAsSync(method, args);
            }
        }
    }

    private static final int[] JAVA_21 = {21, 25};
    private static final int[] JAVA_22 = {25};

    private static Object[] args(Object... args) {
        return args;
    }

    private static final String SHAPES = """
                sealed interface Shape permits Circle, Square, Rect {}
                record Circle(double r) implements Shape {}
                record Square(int side) implements Shape {}
                record Rect(Object a, Object b) implements Shape {}
            """;

    @Test
    void typePatternsWithAwaitsInSelectorGuardsAndBodies() {
        same(JAVA_21, """
                class C {
                    @Async
                    static String go(Object o, int limit) {
                        String out = switch (await(of(o))) {
                            case null -> "null";
                            case String s when s.length() > await(of(limit)) -> "long " + s;
                            case String s -> {
                                log("short " + s);
                                yield "short " + await(of(s.length()));
                            }
                            case Integer i when i > limit -> "big " + i;
                            case Integer i -> "int " + (i + await(of(1)));
                            default -> "other " + o;
                        };
                        switch (o) {
                            case CharSequence cs when log("guard", cs.length() > 1) -> log("cs " + await(of(cs)));
                            case Integer i -> {
                                int doubled = await(of(i * 2));
                                log("doubled " + doubled + " " + i);
                            }
                            case null, default -> log("rest");
                        }
                        return out;
                    }
                }
                """, "go", args(null, 2), args("ab", 1), args("ab", 3), args("a", 0), args(5, 3), args(2, 3), args(2.5, 1));
    }
}
