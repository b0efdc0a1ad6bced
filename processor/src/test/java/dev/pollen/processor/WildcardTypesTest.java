package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/** Wildcard, capture and intersection types in the places generated code must write a type. */
class WildcardTypesTest {

    @Test
    void awaitsFuturesOfWildcardTypes() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static void unbounded(Future<?> f) {
                        await(f);
                    }

                    @Async
                    static String go() {
                        Future<?> any = of("a");
                        Future<? extends Number> number = of(2);
                        Future<? super Integer> lower = of(3);
                        Object a = await(any);
                        Number n = await(number);
                        Object l = await(lower);
                        await(CAsync.unbounded(of(1)));
                        return a + " " + (n.intValue() + await(number).intValue()) + " " + l + " " + await(any).hashCode();
                    }
                }
                """, "go");
    }

    @Test
    void localsInferredFromWildcardTypesLiveAcrossAwaits() {
        Programs.assertSameAsSync("""
                import java.util.List;

                class C {
                    @Async
                    static String go(List<?> any, List<? extends CharSequence> chars, List<? super Integer> ints) {
                        var a = any.get(0);
                        var c = chars.get(0);
                        var i = ints.get(0);
                        var first = chars.subList(0, 1);
                        await(of(0));
                        return a + " " + c.length() + " " + i + " " + first.get(0).charAt(0);
                    }
                }
                """, "go", java.util.List.of("x"), java.util.List.of("abc"), java.util.List.of(7));
    }

    @Test
    void spillsOperandsOfCapturedTypes() {
        Programs.assertSameAsSync("""
                import java.util.List;

                class C {
                    static String join(Object a, Object b) {
                        return a + "+" + b;
                    }

                    @Async
                    static String go(List<? extends CharSequence> chars) {
                        return join(chars.get(0), await(of(1))) + chars.get(0).subSequence(0, 1) + await(of("!"))
                                + chars.get(0).length() * await(of(2));
                    }
                }
                """, "go", java.util.List.of("abc"));
    }

    @Test
    void forEachOverListOfWildcardFutures() {
        Programs.assertSameAsSync("""
                import java.util.List;

                class C {
                    @Async
                    static <T> String all(List<? extends Future<T>> futures) {
                        String out = "";
                        for (Future<T> f : futures) {
                            out += await(f);
                        }
                        for (var f : futures) {
                            out += await(f);
                        }
                        return out;
                    }

                    @Async
                    static int go() {
                        return await(CAsync.all(List.of(of(1), of(2)))).length();
                    }
                }
                """, "go");
    }

    @Test
    void genericMethodResults() {
        Programs.assertSameAsSync("""
                import java.util.List;
                import java.util.Map;

                class C {
                    static <T> T first(List<? extends T> list) {
                        return list.get(0);
                    }

                    @Async
                    static String go(List<? extends Number> numbers, Map<String, ? extends List<?>> map) {
                        var n = first(numbers);
                        var entry = map.entrySet().iterator().next();
                        var value = entry.getValue();
                        await(of(0));
                        return n.intValue() + " " + entry.getKey() + " " + value.size() + " " + await(of(map.get("k"))).get(0);
                    }
                }
                """, "go", java.util.List.of(4), java.util.Map.of("k", java.util.List.of("v")));
    }

    @Test
    void intersectionTypesFromConditionalsKeepEveryBoundsMembers() {
        Programs.assertSameAsSync("""
                class C {
                    interface A { int a(); }
                    interface B { int b(); }
                    record X(int a, int b) implements A, B {}
                    record Y(int a, int b) implements A, B {}

                    @Async
                    static String go(boolean c) {
                        var v = c ? new X(1, 2) : new Y(3, 4);
                        var m = c ? 1 : "s";
                        await(of(0));
                        int sum = v.a() + await(of(10)) + v.b();
                        return sum + " " + m.describeConstable().isPresent()
                                + (c ? new X(5, 6) : await(of(new Y(7, 8)))).b();
                    }
                }
                """, "go", true);
    }

    @Test
    void intersectionsThroughSpillsConditionalsSwitchesLambdasAndResources() {
        Programs.assertSameAsSync("""
                import java.util.function.IntSupplier;

                class C {
                    interface A extends AutoCloseable {
                        int a();

                        @Override
                        default void close() {
                            log("close", a());
                        }
                    }
                    interface B { int b(); }
                    record X(int a, int b) implements A, B {}
                    record Y(int a, int b) implements A, B {}

                    static int add(int x, int y) {
                        return x + y;
                    }

                    @Async
                    static int go(boolean c) {
                        var v = c ? new X(1, 2) : new Y(3, 4);
                        int spilled = add(v.a(), await(of(10))) + (c ? new Y(5, 6) : new X(7, 8)).b() * await(of(3));
                        var chosen = c ? await(of(new X(9, 10))) : new Y(11, 12);
                        int fromSwitch = switch (await(of(c ? 1 : 2))) {
                            case 1 -> (c ? new X(13, 14) : new Y(15, 16)).a() + await(of(new X(0, 0))).a();
                            default -> await(of(0));
                        };
                        IntSupplier later = () -> v.a() * v.b();
                        await(of(0));
                        try (var r = c ? new X(17, 18) : new Y(19, 20)) {
                            await(of(0));
                            spilled += r.a() + r.b();
                        }
                        Future<? extends A> f = c ? of(new X(21, 22)) : of(new Y(23, 24));
                        var awaited = await(c ? of(new X(25, 26)) : of(new Y(27, 28)));
                        var w = c ? new X(29, 30) : new Y(31, 32);
                        await(of(w.a()));
                        (w) = c ? new X(33, 34) : new Y(35, 36);
                        spilled += w.b();
                        return spilled + chosen.a() + chosen.b() + fromSwitch + later.getAsInt() + await(f).a()
                                + awaited.a() + awaited.b() + (w = c ? new Y(1, 1) : new X(2, 2)).b() + w.b();
                    }
                }
                """, "go", true);
    }

    @Test
    void forEachConvertsEachElementToTheVariablesType() {
        Programs.assertSameAsSync("""
                import java.util.List;

                class C {
                    @Async
                    static <L extends List<Integer>> String go(L ints, int[] array, List<String> strings) {
                        String out = "";
                        for (long v : ints) {
                            out += await(of(v)) + " ";
                        }
                        for (double d : ints) {
                            out += await(of(d / 2)) + " ";
                        }
                        for (long v : array) {
                            out += await(of(v)) + " ";
                        }
                        for (Integer i : array) {
                            out += await(of(i.hashCode())) + " ";
                        }
                        for (Object o : strings) {
                            out += await(of(o)) + " ";
                        }
                        for (float f : new char[] {'a'}) {
                            out += await(of(f)) + " ";
                        }
                        for (int c : List.of('b', 'c')) {
                            out += await(of(c)) + " ";
                        }
                        long total = 0;
                        for (long v : ints) {
                            await(of(0));
                            total += v;
                        }
                        return out + total;
                    }
                }
                """, "go", java.util.List.of(1, 2), new int[] {3, 4}, java.util.List.of("s"));
    }

    @Test
    void capturesBoundedByIntersectionsAndIntersectionsInClassesAndLoops() {
        Programs.assertSameAsSync("""
                import java.util.List;

                class C {
                    interface A { int a(); }
                    interface B { int b(); }
                    record X(int a, int b) implements A, B {}
                    record Y(int a, int b) implements A, B {}
                    static class Box<T extends A & B> {
                        final T value;

                        Box(T value) {
                            this.value = value;
                        }

                        int combine(int x) {
                            return value.a() * 100 + x;
                        }
                    }

                    @Async
                    static int go(boolean c) {
                        Box<?> box = c ? new Box<X>(new X(1, 2)) : new Box<Y>(new Y(-1, -2));
                        var v = box.value;
                        int spilled = box.value.a() + await(of(1)) + box.value.b();
                        int received = box.combine(await(of(2)));
                        Future<? extends Box<?>> boxed = of(box);
                        var fromFuture = await(boxed).value;
                        var w = c ? new X(3, 4) : new Y(5, 6);
                        class Local {
                            int sum() {
                                return w.a() + w.b() + v.a();
                            }
                        }
                        int total = 0;
                        for (var e : List.of(new X(7, 8), new Y(9, 10))) {
                            await(of(0));
                            total += e.a() + e.b();
                        }
                        await(of(0));
                        return v.a() + v.b() + spilled + received + fromFuture.b() + new Local().sum() + total;
                    }
                }
                """, "go", true);
    }

    @Test
    void intersectionsWithParameterizedBounds() {
        Programs.assertSameAsSync("""
                import java.util.ArrayList;
                import java.util.LinkedList;

                class C {
                    interface Named<T> { T name(); }
                    record X(String name) implements Named<String> {}
                    record Y(String name) implements Named<String> {}

                    @Async
                    static String go(boolean c) {
                        var n = c ? new X("x") : new Y("y");
                        var list = c ? new ArrayList<String>() : new LinkedList<String>();
                        list.add("a");
                        await(of(0));
                        list.add(await(of("b")));
                        return n.name().length() + n.name() + list + list.size();
                    }
                }
                """, "go", true);
    }

    @Test
    void forEachOverRawWildcardAndIntersectionTypedIterables() {
        Programs.assertSameAsSync("""
                import java.util.ArrayList;
                import java.util.LinkedList;
                import java.util.List;

                class C {
                    @Async
                    @SuppressWarnings("rawtypes")
                    static String go(boolean c, List<? super Integer> lower, List<? extends Number> upper) {
                        String out = "";
                        List raw = List.of("r");
                        for (Object o : raw) {
                            out += await(of(o));
                        }
                        for (Object o : lower) {
                            out += await(of(o));
                        }
                        for (double d : upper.toArray(new Number[0]).length > 0 ? List.of(1, 2) : List.of(3)) {
                            out += await(of(d));
                        }
                        for (Number n : upper) {
                            out += await(of(n.intValue()));
                        }
                        var list = c ? new ArrayList<Integer>(List.of(4, 5)) : new LinkedList<Integer>(List.of(6));
                        await(of(0));
                        for (long v : list) {
                            out += await(of(v)) + list.size();
                        }
                        List<? extends Future<? extends Number>> futures = List.of(of(7), of(8.5));
                        out += await(futures.get(0)).intValue() + await(futures.get(1)).doubleValue();
                        out += upper.get(0).toString().substring(0, await(of(1)));
                        return out;
                    }
                }
                """, "go", true, java.util.List.of(9), java.util.List.of(10L));
    }

    @Test
    void cancellingClosesAResourceOfAnIntersectionTypeAndRunsFinallyWithIntersectionLocals() {
        Programs.assertCancellingIsReturning("""
                class C {
                    interface A extends AutoCloseable {
                        int a();

                        @Override
                        default void close() {
                            log("close", a());
                        }
                    }
                    interface B { int b(); }
                    record X(int a, int b) implements A, B {}
                    record Y(int a, int b) implements A, B {}

                    @Async
                    static int go(boolean c) {
                        var v = c ? new X(1, 2) : new Y(3, 4);
                        try (var r = c ? new X(5, 6) : new Y(7, 8)) {
                            try {
                                return r.b() + await(of(v.a()));
                            } finally {
                                log("finally", v.b() + await(of(r.a())));
                            }
                        }
                    }
                }
                """, "go", true);
    }

    @Test
    void multiCatchParametersKeepTheInterfacesOfTheAlternativesLub() {
        Programs.assertSameAsSync("""
                class C {
                    interface Coded { int code(); }
                    interface Named { String label(); }
                    static class E1 extends IllegalStateException implements Coded, Named {
                        static final long serialVersionUID = 1;
                        public int code() { return 1; }
                        public String label() { return "one"; }
                    }
                    static class E2 extends IllegalArgumentException implements Coded, Named {
                        static final long serialVersionUID = 2;
                        public int code() { return 2; }
                        public String label() { return "two"; }
                    }

                    @Async
                    static String go(boolean c) {
                        String out = "";
                        try {
                            if (c) {
                                throw new E1();
                            }
                            throw new E2();
                        } catch (E1 | E2 e) {
                            out += e.code() + e.label() + await(of(0));
                            out += e.code() + e.label() + e.getMessage();
                        }
                        try {
                            await(of(0));
                            throw c ? new E2() : new E1();
                        } catch (E1 | E2 e) {
                            out += e.label() + e.code();
                            out += await(of(1));
                        }
                        return out;
                    }
                }
                """, "go", true);
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go(int n) {
                        try {
                            Object o = n == 0 ? null : "s";
                            return o.toString() + Integer.parseInt("x" + await(of(n)));
                        } catch (NullPointerException | NumberFormatException e) {
                            return e.getClass().getSimpleName() + await(of(1)) + e.getMessage().length();
                        }
                    }
                }
                """, "go", 1);
    }
}
