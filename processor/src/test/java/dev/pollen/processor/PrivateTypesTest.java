package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/**
 * Private nested types (and types nested in private ones) used in an {@code @Async} body: the
 * machine, another class, writes them as their projection and reaches their members and class
 * objects through the lookup (docs/design.md, "Private types").
 */
class PrivateTypesTest {

    @Test
    void privateClassAndRecordAcrossAwaits() {
        Programs.assertSameAsSync("""
                class C {
                    private static final class Box {
                        private int value;
                        final String name;
                        Box(int value, String name) { this.value = value; this.name = name; }
                        int twice() { return 2 * value; }
                        static Box of(int v) { return new Box(v, "s" + v); }
                        @Override public String toString() { return name + "=" + value; }
                    }
                    private record Pair(int left, String right) {}

                    @Async
                    static String go(int k) {
                        Box b = new Box(await(of(k)), "b");
                        Pair p = new Pair(await(of(k + 1)), b.name);
                        b.value += await(of(10));
                        int t = b.twice();
                        Box c = Box.of(await(of(3)));
                        return b + " " + p + " " + p.left() + p.right() + " " + t + " " + c + " " + c.value++ + " " + c.value;
                    }
                }
                """, "go", 4);
    }

    @Test
    void listsArraysCastsAndInstanceof() {
        Programs.assertSameAsSync("""
                import java.util.*;
                class C {
                    private record Item(int n) implements Comparable<Item> {
                        public int compareTo(Item o) { return Integer.compare(n, o.n); }
                    }
                    private static class Base { int id() { return 1; } }
                    private static class Sub extends Base { @Override int id() { return 2; } }

                    @Async
                    static String go(int k) {
                        List<Item> items = new ArrayList<>();
                        for (int i = 0; i < k; i++) {
                            items.add(new Item(await(of(i * 3 % 5))));
                        }
                        Item[] array = new Item[k];
                        for (int i = 0; i < k; i++) {
                            array[i] = items.get(k - 1 - i);
                        }
                        Item[] two = {items.get(0), new Item(await(of(7)))};
                        Item[][] grid = new Item[2][3];
                        grid[1][2] = two[1];
                        Object o = await(of(k > 1 ? (Object) two[0] : "text"));
                        String kind = o instanceof Item ? "item " + ((Item) o).n() : "other";
                        Base b = await(of(k > 2)) ? new Sub() : new Base();
                        Object[] objects = array;
                        String failed = "";
                        try {
                            Object wrong = "x";
                            Item bad = (Item) wrong;
                            failed = "no " + bad;
                        } catch (ClassCastException e) {
                            failed = "cce";
                        }
                        Item none = (Item) null;
                        int sum = 0;
                        for (Item it : items) {
                            sum += it.n() + await(of(1));
                        }
                        items.sort(Comparator.comparing(Item::n));
                        return items + " " + Arrays.toString(array) + Arrays.toString(two) + grid[1][2] + grid.getClass().getSimpleName()
                                + array.getClass().getSimpleName() + " " + kind + b.id() + objects.length + failed + none + sum
                                + Item.class.getSimpleName() + (b instanceof Sub) + items.stream().mapToInt(Item::n).sum()
                                + items.size();
                    }
                }
                """, "go", 4);
    }

    @Test
    void privateEnumsInterfacesAndGenericClasses() {
        Programs.assertSameAsSync("""
                import java.util.*;
                import java.util.function.*;
                class C {
                    private enum Color { RED, GREEN, BLUE; Color next() { return values()[(ordinal() + 1) % 3]; } }
                    private interface Shape { int area(); default String describe() { return "area " + area(); } }
                    private record Square(int side) implements Shape { public int area() { return side * side; } }
                    private static final class Holder<T> {
                        T value;
                        Holder(T value) { this.value = value; }
                        <R> Holder<R> map(Function<? super T, ? extends R> f) { return new Holder<>(f.apply(value)); }
                    }
                    private static class Counter {
                        static int made;
                        Counter() { made++; }
                    }

                    @Async
                    static String go(int k) {
                        Color c = Color.values()[await(of(k)) % 3];
                        Color n = c.next();
                        List<Color> colors = new ArrayList<>(List.of(n));
                        colors.add(await(of(Color.GREEN)));
                        Map<Color, Integer> counts = new TreeMap<>();
                        for (Color each : colors) {
                            counts.merge(each, await(of(1)), Integer::sum);
                        }
                        Shape s = new Square(await(of(k + 1)));
                        List<Shape> shapes = new ArrayList<>(List.of(s, new Square(2)));
                        Holder<String> h = new Holder<>("h" + await(of(5)));
                        Holder<Integer> len = h.map(String::length);
                        Supplier<Color> later = () -> Color.valueOf("BLUE");
                        Function<Integer, Square> make = Square::new;
                        Counter counter = new Counter();
                        int area = 0;
                        for (Shape each : shapes) {
                            area += each.area() + await(of(0));
                        }
                        Object any = await(of(k)) > 2 ? (Object) n : s;
                        String what = any instanceof Color ? "color " + ((Color) any).name() : ((Shape) any).describe();
                        return c + " " + n + " " + n.ordinal() + " " + (c == Color.RED) + " " + s.describe() + " " + area
                                + " " + h.value + len.value + later.get() + make.apply(3).area() + Counter.made
                                + (counter != null) + what + Color.class.getSimpleName() + Arrays.toString(Color.values())
                                + colors + counts;
                    }
                }
                """, "go", 1);
    }

    @Test
    void privateTypesOfEnclosingClassesInLambdasAnonymousClassesAndFields() {
        Programs.assertSameAsSync("""
                import java.util.*;
                import java.util.function.*;
                class C {
                    private record Point(int x, int y) {
                        Point plus(Point o) { return new Point(x + o.x, y + o.y); }
                    }
                    static Point origin = new Point(0, 0);
                    private static List<Point> seen = new ArrayList<>();
                    private Point last;

                    @Async
                    static String go(int k) {
                        return await(C_InnerAsync.go(k));
                    }

                    static final class Inner {
                        private static class Acc {
                            private int total;
                            private final List<Point> points = new ArrayList<>();
                        }

                        @Async
                        static String go(int k) {
                            Acc acc = new Acc();
                            Point p = origin;
                            for (int i = 0; i < k; i++) {
                                p = p.plus(new Point(await(of(i)), 1));
                                acc.points.add(p);
                                acc.total += p.x();
                            }
                            seen.add(p);
                            Point q = p;
                            class Mirror {
                                Point flip(Point a) { return new Point(a.y(), a.x()); }
                            }
                            Point flipped = new Mirror().flip(await(of(q)));
                            Supplier<Point> twice = () -> q.plus(q);
                            Comparator<Point> byX = new Comparator<Point>() {
                                @Override public int compare(Point a, Point b) { return Integer.compare(a.x(), b.x()); }
                            };
                            acc.points.sort(byX.reversed());
                            Point[] copy = acc.points.toArray(new Point[0]);
                            C c = new C();
                            c.last = await(of(twice.get()));
                            return acc.total + " " + acc.points + " " + copy.length + copy.getClass().getSimpleName()
                                    + " " + c.last + seen.size() + (origin instanceof Point) + flipped;
                        }
                    }
                }
                """, "go", 3);
    }

    /**
     * A cast to a private type is its class object's cast: null passes, another object throws
     * ClassCastException (whose message is Class.cast's, not the JVM's: see docs/design.md).
     */
    @Test
    void castsAndInstanceofKeepNullAndClassCastExceptionSemantics() {
        Programs.Twins twins = Programs.compileBoth("""
                class C {
                    private static class A { }
                    private static class B extends A { }

                    @Async
                    static String go(int k) {
                        Object o = await(of(k == 0 ? null : k == 1 ? (Object) new A() : new B()));
                        String out = (o instanceof A) + " " + (o instanceof B) + " ";
                        A a = (A) o;
                        out += a == null ? "null" : a.getClass().getSimpleName();
                        return out + (k == 1 ? "" : " " + ((B) o == null ? "null" : "b"));
                    }

                    @Async
                    static String failure(int k) {
                        Object o = await(of(k == 0 ? "s" : (Object) new A()));
                        try {
                            return "cast " + (B) o;
                        } catch (ClassCastException e) {
                            return "ClassCastException";
                        }
                    }
                }
                """);
        for (int k = 0; k <= 2; k++) {
            twins.assertSameAsSync("go", k);
        }
        twins.assertSameAsSync("failure", 0);
        twins.assertSameAsSync("failure", 1);
    }

    @Test
    void cancellingWhileAPrivateObjectIsLiveIsReturning() {
        Programs.assertCancellingIsReturning("""
                class C {
                    private static final class Log {
                        private final StringBuilder text = new StringBuilder();
                        void add(Object o) { text.append(o); }
                    }

                    @Async
                    static String go(int k) {
                        Log log = new Log();
                        try {
                            log.add(await(of(k)));
                            log.add(await(of(k + 1)));
                            return log.text.toString();
                        } finally {
                            log.add("finally");
                            dev.pollen.processor.harness.Trace.log("log", log.text.toString());
                        }
                    }
                }
                """, "go", 1);
    }

    /**
     * A private method's helper call inside a lambda takes the local the lambda captured, not the
     * machine's field, which is cleared (or assigned again) before the lambda runs.
     */
    @Test
    void aPrivateMethodCalledInALambdaTakesTheCapturedLocal() {
        Programs.assertSameAsSync("""
                class C {
                    private static String twice(String s) { return s + s; }

                    @Async
                    static String go(int k) {
                        java.util.List<java.util.function.Supplier<String>> later = new java.util.ArrayList<>();
                        for (int i = 0; i < k; i++) {
                            String s = "v" + await(of(i));
                            later.add(() -> twice(s));
                            log("made", await(of(0)) + s);
                        }
                        String out = "";
                        for (java.util.function.Supplier<String> each : later) {
                            out += each.get();
                        }
                        return out;
                    }
                }
                """, "go", 2);
    }

    @Test
    void patternVariablesOfPrivateTypesInTheSameStateAndAcrossAwaits() {
        Programs.assertSameAsSync("""
                import java.util.*;
                class C {
                    private record Item(int n) {}
                    private static class Base { int id() { return 1; } }
                    private static final class Sub extends Base { @Override int id() { return 2; } }
                    private interface Named { String name(); }
                    private enum Color implements Named { RED, GREEN }

                    static int calls;
                    static Object next(Object o) { calls++; return o; }

                    @Async
                    static String go(int k) {
                        Object[] things = {new Item(k), "text", null, new Sub(), new Base(), Color.GREEN, 7};
                        StringBuilder out = new StringBuilder();
                        for (Object o : things) {
                            if (next(o) instanceof Item i && i.n() > 1) {
                                out.append("item ").append(i.n() + await(of(1)));
                            }
                            if (!(o instanceof Base b)) {
                                out.append(" notbase");
                            } else {
                                out.append(" base ").append(await(of(b.id()))).append(b.id());
                            }
                            boolean named = o instanceof Named n && await(of(n.name())).length() > 2;
                            out.append(named).append(o instanceof Color c ? c.ordinal() : -1);
                            if (!(o instanceof Sub s)) {
                                continue;
                            }
                            await(of(0));
                            out.append(" sub ").append(s.id()).append(s instanceof Base);
                        }
                        Object moved = await(of((Object) new Item(5)));
                        if (moved instanceof Item i) {
                            await(of(1));
                            out.append(" moved ").append(i).append(i.n());
                        }
                        Record r = new Item(k);
                        if (r instanceof Item j && j.n() == k) {
                            out.append(" record ").append(j.n());
                        }
                        return out + " calls " + calls;
                    }
                }
                """, "go", 3);
    }

    @Test
    void aPrivateValueUsedAsAnInterfaceItImplements() {
        Programs.assertSameAsSync("""
                import java.util.*;
                import java.util.function.*;
                class C {
                    private static final class Task implements Runnable, Comparable<Task> {
                        final int n;
                        Task(int n) { this.n = n; }
                        public void run() { log("run " + n); }
                        public int compareTo(Task o) { return Integer.compare(n, o.n); }
                    }
                    private record Word(String text) implements CharSequence {
                        public int length() { return text.length(); }
                        public char charAt(int i) { return text.charAt(i); }
                        public CharSequence subSequence(int a, int b) { return text.subSequence(a, b); }
                        @Override public String toString() { return text; }
                    }
                    private interface Shape extends Supplier<String> {}
                    private record Dot(int x) implements Shape { public String get() { return "dot" + x; } }

                    static void runAll(Runnable... rs) { for (Runnable r : rs) r.run(); }
                    static int len(CharSequence s) { return s.length(); }

                    @Async
                    static String go(int k) {
                        Task t = new Task(await(of(k)));
                        Runnable r = t;
                        r.run();
                        Runnable later = new Task(k + 1);
                        await(of(0));
                        later.run();
                        t.run();
                        runAll(t, new Task(await(of(9))));
                        Word w = new Word("word" + k);
                        int n = len(w) + len(new Word(await(of("ab"))));
                        CharSequence cs = await(of(0)) == 0 ? w : "none";
                        Supplier<Runnable> supplier = () -> t;
                        supplier.get().run();
                        Object o = t;
                        Comparable<Task> c = null;
                        Shape s = new Dot(await(of(3)));
                        Supplier<String> g = s;
                        ((Runnable) t).run();
                        Runnable paren = (t);
                        paren.run();
                        return n + " " + cs + w.length() + w.charAt(0) + " " + g.get() + s.get() + o.equals(r) + c
                                + String.join("-", w, "x");
                    }

                    static Runnable make(int k) { return new Task(k); }
                }
                """, "go", 3);
    }

    @Test
    void switchesOverAPrivateEnum() {
        Programs.assertSameAsSync("""
                class C {
                    private enum Color { RED, GREEN, BLUE }

                    @Async
                    @SuppressWarnings("fallthrough")
                    static String go(int k) {
                        StringBuilder out = new StringBuilder();
                        for (Color c : Color.values()) {
                            switch (c) {
                                case RED:
                                    out.append("r");
                                case GREEN:
                                    out.append("g").append(await(of(1)));
                                    break;
                                default:
                                    out.append("d");
                            }
                            switch (c) {
                                case BLUE -> out.append("blue");
                                case RED, GREEN -> out.append("warm");
                            }
                            int n = switch (c) {
                                case RED -> 1;
                                case GREEN -> await(of(2));
                                case BLUE -> 3;
                            };
                            String s = switch (c) {
                                case RED:
                                    yield "R";
                                default:
                                    yield "other";
                            };
                            int copied = switch (c) { case RED -> 10; case GREEN -> 20; case BLUE -> 30; };
                            out.append(n).append(s).append(copied).append(' ');
                        }
                        Color none = k > 5 ? Color.RED : null;
                        try {
                            switch (none) {
                                case RED -> out.append("no");
                                default -> out.append("no");
                            }
                        } catch (NullPointerException e) {
                            out.append("npe");
                        }
                        switch (Color.values()[await(of(k)) % 3]) {
                            case BLUE:
                                out.append(" last blue");
                        }
                        return out.toString();
                    }
                }
                """, "go", 2);
    }
}
