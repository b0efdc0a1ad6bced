package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import dev.pollen.Executor;
import dev.pollen.Future;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The typed copy attributes only the files Pollen reads ({@link UnreadBodies}): the others keep
 * their declarations, and @Async bodies that use them are typed as before.
 */
class UnreadBodiesTest {

    /** No "Async", no "await", no Unicode escape: its method bodies are not attributed by the copy. */
    private static final String SHAPES = """
            package p;

            import java.util.Comparator;
            import java.util.List;

            public class Shapes {
                public static final int K = 3;
                static final Comparator<String> BY_LENGTH = new Comparator<>() {
                    @Override
                    public int compare(String a, String b) {
                        return a.length() - b.length();
                    }
                };
                static int created;

                static {
                    created = 0;
                }

                private final int n;

                {
                    created++;
                }

                public Shapes(int n) {
                    this.n = n;
                }

                public Shapes() {
                    this(7);
                }

                public static <T> List<T> twice(T t) {
                    return List.of(t, t);
                }

                public int n() {
                    return n;
                }

                public static class Base {
                    final String name;

                    Base(String name) {
                        this.name = name;
                    }
                }

                public static class Square extends Base {
                    Square() {
                        super("square");
                    }
                }

                public class Inner {
                    public int outerN() {
                        return n;
                    }
                }

                public class Deeper extends Inner {
                }

                public record Point(int x, int y) {
                    public Point {
                        if (x < 0) {
                            throw new IllegalArgumentException();
                        }
                    }

                    public int sum() {
                        return x + y;
                    }
                }

                public enum Op {
                    ADD {
                        @Override
                        int apply(int a, int b) {
                            return a + b;
                        }
                    },
                    MUL {
                        @Override
                        int apply(int a, int b) {
                            return a * b;
                        }
                    };

                    abstract int apply(int a, int b);
                }

                public interface Named {
                    default String name() {
                        return "named";
                    }
                }
            }
            """;

    @Test
    void asyncBodiesUseTheDeclarationsOfFilesTheCopyDoesNotAttribute() throws Throwable {
        Compiled compiled = Compiled.withPollen("p.Shapes", SHAPES, "p.C", Programs.HEADER + """
                import java.util.List;

                class C {
                    @Async
                    static String go() {
                        Shapes s = new Shapes();
                        int v = await(of(Shapes.K));
                        switch (v) {
                            case Shapes.K:
                                v += 10;
                                break;
                            default:
                                v = -1;
                        }
                        List<String> words = Shapes.twice(await(of("w")));
                        Shapes.Point p = new Shapes.Point(await(of(2)), 3);
                        int product = Shapes.Op.MUL.apply(p.sum(), await(of(2)));
                        Shapes.Inner inner = s.new Deeper();
                        Shapes.Named named = new Shapes.Named() { };
                        return v + " " + words + " " + p.sum() + " " + product + " " + inner.outerN() + " "
                                + new Shapes.Square().name + " " + Shapes.BY_LENGTH.compare("a", "bb") + " "
                                + named.name() + " " + Shapes.created;
                    }
                }
                """).assertClean();
        Object value = Executor.blockOn((Future<?>) compiled.call("p.CAsync", "go"));
        assertEquals("13 [w, w] 5 10 7 square -1 named 1", value);
    }

    @Test
    void awaitOutsideAsyncIsFoundInAFileWithoutAsyncMethods() {
        Compilation c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async
                    static int m() {
                        return await(of(1));
                    }
                }
                """, "p.D", """
                package p;

                class D {
                    static int plain(dev.pollen.Future<Integer> f) {
                        return dev.pollen.Await.await(f);
                    }
                }
                """, "p.E", """
                package p;

                class E {
                    static int escaped(dev.pollen.Future<Integer> f) {
                        return dev.pollen.Await.\\u0061wait(f);
                    }
                }
                """).compilation;
        assertEquals(Compilation.Status.FAILURE, c.status());
        List<String> errors = c.errors().stream()
                .map(d -> d.getSource().getName().replaceAll(".*/", "") + ":" + d.getLineNumber() + " "
                        + d.getMessage(java.util.Locale.ROOT).replaceAll("(?s)].*", "]"))
                .collect(Collectors.toList());
        assertEquals(List.of("D.java:5 [PollenAwaitOutsideAsync]", "E.java:5 [PollenAwaitOutsideAsync]"), errors);
    }

    @Test
    void bodiesOfUnreadFilesBecomeThrowsAndConstructorsKeepTheirExplicitCalls() throws Exception {
        Map<URI, String> sources = new LinkedHashMap<>();
        URI shapes = URI.create("mem:///p/Shapes.java");
        URI reads = URI.create("mem:///p/Reads.java");
        sources.put(shapes, SHAPES);
        sources.put(reads, "package p; class Reads { int f() { return 1; } } // @Async elsewhere\n");
        Map<URI, String> texts = new UnreadBodies().copyTexts(ToolProvider.getSystemJavaCompiler(), sources,
                List.of("--release", "17"));

        assertEquals(List.of(shapes, reads), List.copyOf(texts.keySet()));
        assertEquals(sources.get(reads), texts.get(reads), "a file that mentions Async is read whole");
        String copy = texts.get(shapes);
        assertFalse(copy.contains("return a.length()"), copy);
        assertFalse(copy.contains("List.of(t, t)"), copy);
        assertTrue(copy.contains("this(7); throw null; }"), copy);
        assertTrue(copy.contains("super(\"square\"); throw null; }"), copy);
        assertTrue(copy.contains("public static final int K = 3;"), "declarations stay: " + copy);
        assertTrue(copy.contains("created++;"), "initializer blocks stay: " + copy);
    }
}
