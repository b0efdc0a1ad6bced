package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Java 17 constructs in and around @Async methods, and broken or half-written sources: the
 * processor neither crashes, nor emits code that fails to compile, nor adds an error; javac's own
 * errors appear once and unchanged; and the machines run.
 */
class RobustnessTest {

    /** Sources of {@code p.C} that javac rejects (with or without Pollen). */
    static Stream<Arguments> brokenSources() {
        return Stream.of(
                Arguments.of("a syntax error in an @Async method", """
                        class C {
                            @Async static int m() {
                                int x = await(of(1))
                                return x;
                            }
                        }
                        """),
                Arguments.of("a syntax error in another method", """
                        class C {
                            @Async static int m() { return await(of(1)); }
                            static int broken() { return 1 +; }
                        }
                        """),
                Arguments.of("an unclosed @Async method", """
                        class C {
                            @Async static int m() {
                                int x = await(of(1));
                        }
                        """),
                Arguments.of("a missing parameter type", """
                        class C {
                            @Async static int m(Missing missing) { return await(of(1)); }
                        }
                        """),
                Arguments.of("a missing return type", """
                        class C {
                            @Async static Missing m() { await(of(1)); return null; }
                        }
                        """),
                Arguments.of("a missing type argument of the awaited future", """
                        class C {
                            @Async static int m(Future<Missing> f) { await(f); return 1; }
                        }
                        """),
                Arguments.of("a missing type and method in the body", """
                        class C {
                            @Async static int m() {
                                Missing x = await(of(1));
                                return undefined(await(of(2)));
                            }
                        }
                        """),
                Arguments.of("a missing superclass and import", """
                        import q.Nowhere;

                        class C extends Absent {
                            @Async static int m() { return await(of(1)); }
                        }
                        """),
                Arguments.of("a missing return statement", """
                        class C {
                            @Async static int m() { await(of(1)); }
                        }
                        """),
                Arguments.of("a value of the wrong type", """
                        class C {
                            @Async static int m() {
                                String s = await(of(1));
                                return s.length();
                            }
                        }
                        """),
                Arguments.of("await with no argument and on a non-future", """
                        class C {
                            @Async static int m() {
                                await();
                                return await(42);
                            }
                        }
                        """),
                Arguments.of("an unreachable statement after an await", """
                        class C {
                            @Async static int m() {
                                return await(of(1));
                                log("never");
                            }
                        }
                        """),
                Arguments.of("a duplicate method", """
                        class C {
                            @Async static int m() { return await(of(1)); }
                            @Async static int m() { return await(of(2)); }
                        }
                        """),
                Arguments.of("@Async on a constructor and a field", """
                        class C {
                            @Async C() { }
                            @Async int field;
                            @Async static int m() { return await(of(1)); }
                        }
                        """),
                Arguments.of("an unchecked exception type that does not exist", """
                        class C {
                            @Async static int m() throws Missing { return await(of(1)); }
                        }
                        """));
    }

    /** Sources of {@code p.C} with Java 17 constructs in and around @Async methods. */
    static Stream<Arguments> validSources() {
        return Stream.of(
                Arguments.of("a record with a compact constructor", """
                        record C(int a) {
                            C {
                                if (a < 0) throw new IllegalArgumentException();
                            }

                            @Async int plus(int b) { return a + await(of(b)); }

                            @Async static C make(int a) { return new C(await(of(a))); }
                        }
                        """),
                Arguments.of("an enum with constant bodies and a switch", """
                        enum C {
                            ONE { @Override int weight() { return 1; } },
                            TWO { @Override int weight() { return 2; } };

                            abstract int weight();

                            @Async int scaled() {
                                int w = await(of(weight()));
                                return switch (this) {
                                    case ONE -> w;
                                    case TWO -> w * await(of(10));
                                };
                            }
                        }
                        """),
                Arguments.of("a sealed interface with records and pattern matching", """
                        sealed interface C permits C.Circle, C.Square {
                            record Circle(double r) implements C { }
                            record Square(double side) implements C { }

                            @Async static double area(C shape) {
                                double scale = await(of(1.0));
                                if (shape instanceof Circle c) {
                                    return scale * Math.PI * c.r() * c.r();
                                } else if (shape instanceof Square s && s.side() > 0) {
                                    return scale * await(of(s.side() * s.side()));
                                }
                                return 0;
                            }
                        }
                        """),
                Arguments.of("static nested classes in an interface", """
                        interface C {
                            class Helper {
                                @Async static String name(int i) { return "h" + await(of(i)); }
                            }

                            interface Inner {
                                final class Deeper {
                                    @Async static int twice(int i) { return 2 * await(of(i)); }
                                }
                            }
                        }
                        """),
                Arguments.of("an inner (non-static) class and a generic nested class", """
                        import java.util.*;

                        class C {
                            int base = 1;

                            class Inner {
                                int own = 2;

                                @Async int sum() { return own + await(of(3)); }
                            }

                            static class Cell<T extends Comparable<T>> {
                                T value;

                                @Async <U extends List<? super T>> U addTo(U list) {
                                    list.add(await(of(value)));
                                    return list;
                                }
                            }
                        }
                        """),
                Arguments.of("annotations on the method, parameters and type uses", """
                        import java.lang.annotation.*;
                        import java.util.List;

                        class C {
                            @Retention(RetentionPolicy.RUNTIME)
                            @Target({ElementType.PARAMETER, ElementType.TYPE_USE, ElementType.METHOD})
                            @interface Tag { String value() default ""; }

                            @Async @Deprecated @SuppressWarnings("unused")
                            static @Tag String m(@Tag("p") final List<@Tag String> items, int @Tag [] counts) {
                                @Tag String first = await(of(items.get(0)));
                                return first + counts.length;
                            }
                        }
                        """),
                Arguments.of("text blocks, var, local records and labels", """
                        class C {
                            @Async static String m(int n) {
                                var header = \"""
                                        header
                                          indented "quoted" \\
                                        \""";
                                String text;
                                {
                                    record Pair(int a, int b) { }
                                    Pair p = new Pair(n, n + 1);
                                    text = \"""
                                            %d and %d
                                            \""".formatted(p.a(), p.b());
                                }
                                outer:
                                for (int i = 0; i < n; i++) {
                                    for (int j = 0; j < n; j++) {
                                        if (await(of(i * j)) > 2) {
                                            break outer;
                                        }
                                    }
                                }
                                return header + await(of(text));
                            }
                        }
                        """),
                Arguments.of("lambdas, anonymous classes and method references around awaits", """
                        import java.util.*;
                        import java.util.function.*;

                        class C {
                            @Async static int m(List<String> words) {
                                Function<String, Integer> length = String::length;
                                Comparator<String> byLength = new Comparator<>() {
                                    @Override public int compare(String a, String b) { return length.apply(a) - length.apply(b); }
                                };
                                List<String> sorted = new ArrayList<>(await(of(words)));
                                sorted.sort(byLength);
                                Supplier<Integer> size = sorted::size;
                                return size.get() + await(of(sorted.stream().mapToInt(String::length).sum()));
                            }
                        }
                        """),
                Arguments.of("interface static, default and private methods", """
                        interface C {
                            @Async static int s() { return await(of(1)); }

                            @Async default int d() { return helper() + await(of(2)); }

                            private int helper() { return 3; }
                        }
                        """),
                Arguments.of("unicode names, safe generic varargs (facade called), arrays and a throws clause", """
                        import java.util.*;

                        class C {
                            @SafeVarargs
                            @Async static <T> List<T> größe(T... élément) throws java.io.IOException {
                                List<T> out = new ArrayList<>();
                                for (T e : élément) {
                                    out.add(await(of(e)));
                                }
                                int[][] grid = {{await(of(1))}, {2, 3}};
                                if (grid.length < 0) throw new java.io.IOException();
                                return out;
                            }

                            static Future<List<List<String>>> caller() {
                                return CAsync.größe(List.of("a"), List.of("b"));
                            }
                        }
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenSources")
    void pollenAddsNoErrorToBrokenSources(String name, String classSource, @TempDir Path dir) {
        OnDisk.Result result = assertOnlyJavacsErrors(dir, List.of(new PollenProcessor()), Programs.HEADER + classSource);
        assertTrue(!result.errors().isEmpty(), result.describe());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validSources")
    void validSourcesCompileCleanly(String name, String classSource, @TempDir Path dir) {
        OnDisk.Result result = assertOnlyJavacsErrors(dir, List.of(new PollenProcessor()), Programs.HEADER + classSource);
        assertTrue(result.success() && result.diagnostics().isEmpty(), result.describe());
    }

    @Test
    void asyncMethodsInAClassThatAnotherProcessorGenerates(@TempDir Path dir) throws Throwable {
        Processor generating = new RoundsTest.GeneratingProcessor(Programs.HEADER + """
                public final class Gen {
                    @Async public static int value() { return await(of(41)) + 1; }
                }
                """);
        OnDisk.Result result = assertOnlyJavacsErrors(dir, List.of(generating, new PollenProcessor()),
                Programs.HEADER + """
                        class C {
                            @Async static int m() { return await(GenAsync.value()); }
                        }
                        """);
        assertTrue(result.success() && result.diagnostics().isEmpty(), result.describe());
        Future<?> m = (Future<?>) Compiled.callStatic(OnDisk.loader(dir.resolve("classes")).loadClass("p.CAsync"), "m");
        assertEquals(42, Executor.blockOn(m));
    }

    /**
     * Compiles {@code p.C} ({@code source}) with {@code processors}, then it and every generated
     * source with javac alone, and checks: nothing generated has an error; both compiles report
     * the same errors (each once, same text and place); Pollen's only other diagnostics are the
     * warnings that a body does not compile or never awaits, and javac's warning that a file (the
     * stub machine of such a body) was created in the last round.
     */
    private static OnDisk.Result assertOnlyJavacsErrors(Path dir, List<Processor> processors, String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> lint = List.of("-Xlint:all,-processing"); // as the README advises
        Path generated = dir.resolve("generated");
        List<Path> sources = new ArrayList<>(List.of(OnDisk.write(dir, "src/p/C.java", source)));
        OnDisk.Result withPollen = OnDisk.compile(javac, processors, lint, dir.resolve("classes"), generated, sources);
        OnDisk.files(generated).forEach(file -> sources.add(generated.resolve(file)));
        OnDisk.Result alone = OnDisk.compile(javac, List.of(), lint, dir.resolve("alone"), null, sources);
        String both = "with Pollen:\n" + withPollen.describe() + "\njavac alone, with the generated sources:\n"
                + alone.describe();

        for (Diagnostic<? extends JavaFileObject> error : alone.errors()) {
            assertTrue(!error.getSource().toUri().getPath().contains("/generated/"), both);
        }
        assertEquals(describe(alone.errors()), describe(withPollen.errors()), both);
        List<String> added = describe(withPollen.diagnostics());
        added.removeAll(describe(alone.diagnostics()));
        for (String diagnostic : added) {
            assertTrue(diagnostic.contains("[PollenUntyped]") || diagnostic.contains("[PollenNoAwait]")
                    || diagnostic.contains("created in the last round will not be subject to annotation processing"),
                    "unexpected: " + diagnostic + "\n" + both);
        }
        return withPollen;
    }

    private static List<String> describe(List<Diagnostic<? extends JavaFileObject>> diagnostics) {
        return diagnostics.stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(d -> d.getKind() + " " + (d.getSource() == null ? "" : d.getSource().getName()) + ":"
                        + d.getLineNumber() + ":" + d.getColumnNumber() + " " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toList());
    }

    @Test
    void recordsEnumsInterfacesAndNestedGenericsCompileCleanlyAndRun() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                import java.util.*;
                import java.util.function.*;

                class C {
                    record Point(int x, int y) {
                        @Async
                        int sum() {
                            int a = await(of(x));
                            return a + y;
                        }
                    }

                    enum Op {
                        ADD { int apply(int a, int b) { return a + b; } },
                        MUL { int apply(int a, int b) { return a * b; } };

                        abstract int apply(int a, int b);

                        @Async
                        int applyLater(int a, int b) {
                            return apply(await(of(a)), b);
                        }
                    }

                    interface Shape {
                        double area();

                        @Async
                        default String describe() {
                            double a = await(of(area()));
                            return getClass().getSimpleName() + ":" + a;
                        }
                    }

                    static final class Square implements Shape {
                        public double area() { return 4.0; }
                    }

                    static class Box<T extends Comparable<? super T>> {
                        final List<? extends T> items;

                        Box(List<? extends T> items) { this.items = items; }

                        @Async
                        <R> Map<T, List<R>> group(Function<? super T, R> f) {
                            Map<T, List<R>> out = new TreeMap<>();
                            for (T item : items) {
                                R r = await(of(f.apply(item)));
                                out.computeIfAbsent(item, k -> new ArrayList<>()).add(r);
                            }
                            return out;
                        }
                    }

                    record Pair(String a, int b) {}

                    @Async
                    static String go(String... parts) {
                        var pair = new Pair(await(of(parts[0])), parts.length);
                        int total = await(PointAsync(new Point(1, 2)));
                        int op = await(C_OpAsync.applyLater(Op.MUL, 3, 4));
                        String shape = await(C_ShapeAsync.describe(new Square()));
                        Map<String, List<Integer>> grouped = await(C_BoxAsync.group(new Box<>(List.of("b", "a", "b")), String::length));
                        int[][] grid = new int[await(of(2))][3];
                        grid[1][2] = await(of(7));
                        long big = await(of(1L << 40));
                        char ch = await(of('x'));
                        Object[] objects = { await(of("o")), 1, null };
                        StringBuilder sb = new StringBuilder();
                        sb.append(pair).append(total).append(op).append(shape).append(grouped)
                                .append(Arrays.deepToString(grid)).append(big).append(ch).append(Arrays.toString(objects));
                        return sb.toString();
                    }

                    static Future<Integer> PointAsync(Point p) { return C_PointAsync.sum(p); }
                }
                """).assertClean();
        Object result = Executor.blockOn((Future<?>) c.call("p.CAsync", "go", (Object) new String[] {"first", "second"}));
        assertEquals("Pair[a=first, b=2]312Square:4.0{a=[1], b=[1, 1]}[[0, 0, 0], [0, 0, 7]]1099511627776x[o, 1, null]",
                result);
    }
}
