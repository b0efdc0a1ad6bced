package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.pollen.Executor;
import dev.pollen.Future;

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

    @Test
    void colonFormStatementSwitchWithGuardsFallingIntoDefault() {
        same(JAVA_21, """
                class C {
                    @Async
                    @SuppressWarnings("fallthrough")
                    static int go(Object o) {
                        int total = 0;
                        switch (o) {
                            case Integer i when await(of(i)) > 10:
                                total += i;
                                break;
                            case String s when s.length() > 2:
                                total += await(of(s.length()));
                                log("string " + s);
                                break;
                            case String s when s.isEmpty():
                                log("empty");
                            case null, default:
                                total += await(of(100));
                                log("default " + total);
                                break;
                        }
                        return total;
                    }
                }
                """, "go", args(""), args("abc"), args((Object) null), args(5), args(50), args(1.5));
    }

    @Test
    void sealedHierarchiesAndRecordPatternsWithoutDefault() {
        same(JAVA_21, """
                class C {
                """ + SHAPES + """
                    record Pair<A, B>(A first, B second) {}

                    @Async
                    static String area(int k) {
                        Shape shape = switch (k % 4) {
                            case 0 -> new Circle(k);
                            case 1 -> new Square(k);
                            case 2 -> new Rect(new Square(k), "x" + k);
                            default -> new Rect(new Circle(Double.NaN), null);
                        };
                        String out = switch (shape) {
                            case Circle(double r) when r > await(of(2.0)) -> "big circle " + r;
                            case Circle(var r) -> "circle " + await(of(r));
                            case Square(int side) -> {
                                int twice = await(of(side * 2));
                                yield "square " + side + " " + twice;
                            }
                            case Rect(Square(var side), String label) -> "rect " + side + label + await(of("!"));
                            case Rect(Circle c, var b) when c.r() != c.r() -> "nan rect " + b + await(of("?"));
                            case Rect r -> "rect " + r;
                        };
                        Pair<Shape, Integer> pair = new Pair<>(shape, k);
                        switch (pair) {
                            case Pair<Shape, Integer>(Square(int side), Integer n) when side == n -> log("same " + await(of(n)));
                            case Pair(var first, var n) -> log("pair " + first + " " + await(of(n)));
                        }
                        return out;
                    }
                }
                """, "area", args(0), args(1), args(3), args(4), args(5), args(6), args(7));
    }

    @Test
    void anAccessorThatThrowsBecomesAMatchException() {
        String program = """
                class C {
                    record Odd(int value) {
                        public int value() {
                            log("accessor " + value);
                            if (value % 2 == 1) {
                                throw new IllegalStateException("odd " + value);
                            }
                            return value;
                        }
                    }
                    record Wrap(Object inner, Object other) {}

                    @Async
                    static String go(int k) {
                        Object o = new Wrap(new Odd(k), new Odd(k + 1));
                        try {
                            return switch (await(of(o))) {
                                case Wrap(Odd(int v), Odd(int w)) when v > await(of(3)) -> "big " + v + w;
                                case Wrap(Odd(var v), var w) -> "small " + v + w;
                                default -> "other";
                            };
                        } catch (MatchException e) {
                            log("match " + e.getCause());
                            return "failed " + await(of(k));
                        }
                    }

                    @Async
                    static String viaInstanceof(int k) {
                        Object o = new Wrap(new Odd(k), "x");
                        try {
                            if (o instanceof Wrap(Odd(int v), String s) && await(of(v)) >= 0) {
                                return s + v + await(of("!"));
                            }
                            return "no";
                        } catch (MatchException e) {
                            log("match " + e.getCause());
                            return "failed";
                        }
                    }

                    @Async
                    static String escaping(int k) {
                        Object o = new Wrap(await(of(new Odd(k))), "x");
                        if (o instanceof Wrap(Odd(int v), String s)) {
                            return s + v + await(of("!"));
                        }
                        return "no";
                    }
                }
                """;
        for (int release : JAVA_21) {
            Programs.Twins twins = Programs.compileBoth(release(release), program);
            for (int k = 2; k <= 5; k++) {
                twins.assertSameAsSync("go", k);
                twins.assertSameAsSync("viaInstanceof", k);
                twins.assertSameAsSync("escaping", k);
            }
        }
    }

    @Test
    void recordPatternsInInstanceofChainsLiveAcrossAwaits() {
        same(JAVA_21, """
                class C {
                    record Point(int x, int y) {}
                    record Line(Point from, Point to) {}
                    record Box<T>(T value) {}

                    @Async
                    static int go(int k) {
                        Object o = k > 0 ? new Line(new Point(k, 2), new Point(3, k)) : new Box<>("b" + k);
                        int total = 0;
                        if (o instanceof Line(Point(var x1, int y1), Point p) && await(of(x1)) > 1 && p instanceof Point(int x2, int y2)) {
                            total += await(of(x1 + y1 + x2 + y2));
                            log("line " + x1 + " " + y1 + " " + p + " " + x2 + " " + y2);
                        }
                        if (!(o instanceof Box<?>(String s))) {
                            return total + await(of(-1));
                        }
                        log("before " + s);
                        total += await(of(s.length()));
                        return total + s.length();
                    }
                }
                """, "go", args(0), args(1), args(2), args(-3));
    }

    @Test
    void floatingPointPatternVariablesThatAreNaNLiveAcrossAwaits() {
        same(JAVA_21, """
                class C {
                    record Measure(double value, float weight) {}

                    @Async
                    static String go(int k) {
                        Object o = new Measure(k == 0 ? Double.NaN : k, k == 1 ? Float.NaN : 2f);
                        String out = "";
                        if (o instanceof Measure(double v, float w) && await(of(k)) >= 0) {
                            out += v + " " + w + await(of("!"));
                        }
                        return out + v(o);
                    }

                    static String v(Object o) {
                        return o instanceof Measure(var v, var w) && v != v ? "nan" : "number";
                    }
                }
                """, "go", args(0), args(1), args(2));
    }

    @Test
    void colonFormSwitchExpressionsAndAnAwaitingGuardOnTheLastCase() {
        same(JAVA_21, """
                class C {
                """ + SHAPES + """

                    @Async
                    static String go(int k) {
                        Shape shape = k == 0 ? new Circle(k) : k == 1 ? new Square(k) : new Rect(k, "r");
                        String out = switch (shape) {
                            case Circle(var r):
                                log("circle");
                                yield "circle " + await(of(r));
                            case Square s:
                                yield "square " + s.side();
                            case Rect r:
                                String text = await(of(r.toString()));
                                yield text;
                        };
                        out += switch (shape) {
                            case Circle(var r) -> " record";
                            case Square s -> " square";
                            case Rect r -> " rect";
                            case Circle c when await(of(c.r())) >= 0 -> " never";
                        };
                        return out;
                    }
                }
                """, "go", args(0), args(1), args(2));
    }

    @Test
    void aSealedInterfaceSwitchedOnQualifiedEnumConstantsIsExhaustive() {
        same(JAVA_21, """
                class C {
                    sealed interface Level permits Grade {}
                    enum Grade implements Level { LOW, HIGH }

                    @Async
                    static String go(int k) {
                        Level level = k == 0 ? Grade.LOW : Grade.HIGH;
                        String out = "";
                        switch (level) {
                            case Grade.LOW -> out += await(of("low"));
                            case Grade.HIGH -> out += "high";
                        }
                        return out + switch (level) {
                            case Grade.LOW -> 1;
                            case Grade.HIGH -> await(of(2));
                        };
                    }
                }
                """, "go", args(0), args(1));
    }

    @Test
    void guardsReadLocalsOfTheMethod() {
        same(JAVA_21, """
                class C {
                    @Async
                    static String go(Object o, int k) {
                        int limit = k * 2;
                        String prefix = "p" + k;
                        String out = switch (o) {
                            case Integer i when i > limit && prefix.length() > 1 -> "big " + await(of(i));
                            case Integer i when i > k -> "medium " + i + prefix;
                            case Integer i -> "small " + i;
                            default -> "other" + await(of(limit));
                        };
                        int total = 0;
                        for (int n = 0; n < 3; n++) {
                            final int bound = n;
                            switch (o) {
                                case Integer i when i > bound -> total += await(of(i));
                                case Integer i when java.util.function.IntPredicate.class.isInstance(null) || i < limit -> total -= bound;
                                default -> total += await(of(bound));
                            }
                        }
                        return out + total;
                    }
                }
                """, "go", args(5, 1), args(3, 1), args(1, 2), args("s", 0));
        // limit is a local of resume(), assigned in another state than the guard's.
        same(JAVA_21, """
                class C {
                    @Async
                    static String go(Object o, int k) {
                        int limit = k * 2;
                        return switch (o) {
                            case Integer i when i > limit -> "big " + await(of(i));
                            default -> "other";
                        };
                    }
                }
                """, "go", args(5, 1), args(1, 1));
    }

    @Test
    void nullSelectorsEnumsAndCaseNullAfterAnAwaitingGuard() {
        same(JAVA_21, """
                class C {
                    enum Color implements Paint { RED, GREEN, BLUE }
                    sealed interface Paint permits Color, Mix {}
                    record Mix(Color a, Color b) implements Paint {}

                    @Async
                    static String go(String s, int colorIndex) {
                        String out = "";
                        switch (s) {
                            case String t when t.length() > await(of(2)) -> out += "long";
                            case null -> out += "null" + await(of(1));
                            case "a", "b" -> out += "ab";
                            case String t -> out += "other " + t;
                        }
                        Color color = colorIndex < 0 ? null : Color.values()[colorIndex];
                        switch (color) {
                            case null -> out += " nocolor";
                            case RED -> out += " red" + await(of(1));
                            case GREEN, BLUE -> out += " " + await(of(color));
                        }
                        Paint paint = colorIndex == 1 ? new Mix(Color.RED, color) : color;
                        out += switch (paint) {
                            case Color.RED -> " RED" + await(of(""));
                            case Color c when c == Color.GREEN -> " GREEN";
                            case Color c -> " " + c;
                            case Mix(var a, Color b) when b == await(of(Color.GREEN)) -> " mix " + a;
                            case Mix m -> " mix " + m;
                        };
                        return out;
                    }
                }
                """, "go", args(null, 0), args("a", 1), args("abc", 2), args("z", -1));
        same(JAVA_21, """
                class C {
                    @Async
                    static String withoutCaseNull(Object o) {
                        return switch (o) {
                            case String t when t.length() > await(of(2)) -> "long";
                            case String t -> "short";
                            default -> "other" + await(of(o));
                        };
                    }
                }
                """, "withoutCaseNull", args((Object) null), args("abcd"), args("a"), args(3));
    }

    @Test
    void unnamedVariablesAndPatterns() {
        same(JAVA_22, """
                import java.util.List;

                class C {
                """ + SHAPES + """

                    @Async
                    static String go(int k) {
                        Shape shape = k == 0 ? new Circle(1) : k == 1 ? new Square(2) : new Rect(k, "r");
                        String out = switch (shape) {
                            case Circle _, Square _ -> "round or square " + await(of(k));
                            case Rect(Integer _, var label) when await(of(k)) > 2 -> "rect " + label;
                            case Rect(_, _) -> "rect";
                        };
                        int count = 0;
                        for (var _ : List.of(1, 2, 3)) {
                            count += await(of(1));
                        }
                        var _ = await(of("dropped"));
                        try {
                            int _ = await(of(k / (k - 3)));
                        } catch (ArithmeticException _) {
                            out += " divided";
                        }
                        if (shape instanceof Rect(_, String label) && await(of(label)).equals("r")) {
                            out += " r";
                        }
                        return out + count;
                    }
                }
                """, "go", args(0), args(1), args(2), args(3), args(4));
    }

    @Test
    void unnamedLocalsResourcesAndCatchParametersAcrossAwaits() {
        String program = """
                class C {
                    @Async
                    static String go(int k) throws Exception {
                        String out = "";
                        if (k > 0) {
                            var _ = await(of(log("first", 1)));
                            out += await(of("a"));
                        }
                        if (k > 1) {
                            var _ = await(of(log("second", 2)));
                            out += await(of("b"));
                        }
                        try (var _ = new dev.pollen.processor.harness.Resource("r" + k, k == 3)) {
                            out += await(of("c"));
                        }
                        try {
                            out += await(of(10 / (k - 2)));
                        } catch (ArithmeticException _) {
                            out += await(of("divided"));
                        }
                        return out;
                    }
                }
                """;
        for (List<String> extra : List.of(List.<String>of(), List.of("-Apollen.debug=true"))) {
            List<String> options = new java.util.ArrayList<>(release(25));
            options.addAll(extra);
            Programs.Twins twins = Programs.compileBoth(options, program);
            for (int k = 0; k <= 3; k++) {
                twins.assertSameAsSync("go", k);
            }
        }
    }

    @Test
    void patternSwitchesWithoutAwaitsAreCopied() {
        same(JAVA_21, """
                class C {
                """ + SHAPES + """

                    @Async
                    static String go(int k) {
                        Shape shape = await(of(k == 0 ? new Circle(1) : k == 1 ? (Shape) new Square(2) : new Rect(k, "r")));
                        String out = switch (shape) {
                            case Circle(double r) when r > k -> "circle";
                            case Circle c -> "small";
                            case Square(int side) -> "square " + side;
                            case Rect(Integer i, String s) -> "rect " + i + s;
                            case Rect r -> "rect";
                        };
                        Object o = shape;
                        if (o instanceof Rect(Integer i, var s) && i > 1) {
                            out += s;
                        }
                        return out + await(of("!"));
                    }
                }
                """, "go", args(0), args(1), args(2));
    }

    @Test
    void cancellingInsidePatternSwitches() {
        for (int k = 0; k < 3; k++) {
            Programs.assertCancellingIsReturning(release(21), """
                    class C {
                    """ + SHAPES + """

                        @Async
                        static String go(int k) {
                            Shape shape = k == 0 ? new Circle(1) : k == 1 ? new Square(2) : new Rect(k, "r");
                            try {
                                return switch (await(of(shape))) {
                                    case Circle(double r) when await(of(r)) > 0 -> {
                                        log("circle");
                                        yield "circle" + await(of(r));
                                    }
                                    case Square(int side) -> "square" + await(of(side));
                                    case Circle c -> "circle";
                                    case Rect(var a, var b) -> {
                                        try {
                                            yield "rect" + await(of(b));
                                        } finally {
                                            log("finally " + a);
                                        }
                                    }
                                };
                            } finally {
                                log("outer finally");
                            }
                        }
                    }
                    """, "go", k);
        }
    }

    @Test
    void debugOptionKeepsPatternVariablesInFields() {
        String program = """
                class C {
                """ + SHAPES + """

                    @Async
                    static String go(int k) {
                        Object o = k == 0 ? new Circle(1) : new Rect(k, "r");
                        String copied = switch (o) {
                            case Circle(var r) -> "circle " + r;
                            default -> "other";
                        };
                        String lowered = switch (o) {
                            case Circle(var r) when await(of(r)) > 0 -> "circle " + r;
                            case Rect(var a, String b) -> "rect " + a + await(of(b));
                            default -> "other";
                        };
                        return copied + lowered;
                    }
                }
                """;
        for (int release : JAVA_21) {
            List<String> options = new java.util.ArrayList<>(release(release));
            options.add("-Apollen.debug=true");
            Programs.Twins twins = Programs.compileBoth(options, program);
            twins.assertSameAsSync("go", 0);
            twins.assertSameAsSync("go", 1);
        }
    }

    /**
     * An enum switch expression without default, run against an enum that gained a constant
     * since: Pollen's machine throws what javac's code throws, IncompatibleClassChangeError
     * before Java 21 and MatchException from 21 on.
     */
    @Test
    void anEnumSwitchExpressionMeetingANewConstantThrowsWhatJavacThrows() throws Throwable {
        for (int release : new int[] {17, 21}) {
            List<String> options = release(release);
            Compiled async = Compiled.withPollenOptions(options, "p.C", Programs.HEADER + """
                    enum Color { RED, GREEN }

                    class C {
                        static String plain(int i) {
                            Color c = Color.values()[i];
                            return switch (c) {
                                case RED -> "r";
                                case GREEN -> "g";
                            };
                        }

                        @Async
                        static String go(int i) {
                            Color c = await(of(Color.values()[i]));
                            return switch (c) {
                                case RED -> "r" + await(of("!"));
                                case GREEN -> "g";
                            };
                        }
                    }
                    """).assertClean();
            Compiled changed = Compiled.plainOptions(options, "p.Color", "package p; enum Color { RED, GREEN, BLUE }")
                    .assertClean();
            ClassLoader loader = new ClassLoader(NewerJavaTest.class.getClassLoader()) {
                @Override
                protected Class<?> findClass(String name) throws ClassNotFoundException {
                    byte[] bytes;
                    try {
                        bytes = (name.equals("p.Color") ? changed : async).classBytes(name);
                    } catch (AssertionError missing) {
                        throw new ClassNotFoundException(name);
                    }
                    return defineClass(name, bytes, 0, bytes.length);
                }
            };
            // By name: the tests compile for Java 17, which has no MatchException.
            Class<?> expected = release >= 21 ? Class.forName("java.lang.MatchException") : IncompatibleClassChangeError.class;
            Throwable plain = assertThrows(Throwable.class,
                    () -> Compiled.callStatic(loader.loadClass("p.C"), "plain", 2));
            Throwable machine = assertThrows(Throwable.class, () -> Executor.blockOn(
                    (Future<?>) Compiled.callStatic(loader.loadClass("p.CAsync"), "go", 2)));
            assertEquals(expected, plain.getClass());
            assertEquals(expected, machine.getClass());
            assertEquals("r!", Executor.blockOn((Future<?>) Compiled.callStatic(loader.loadClass("p.CAsync"), "go", 0)));
        }
    }
}
