package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * One line per misuse: a snippet, the tag of the error it gets and the line it is reported on.
 * Each also checks that the facade class is still generated (so that callers keep compiling)
 * and that Pollen reports nothing else.
 */
class DiagnosticsTest {

    /** Compiles {@code class C { ... }} and returns its Pollen errors as "tag@line". */
    private static List<String> errors(String classBody) {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + "class C {\n" + classBody + "\n}\n");
        assertEquals(Compilation.Status.FAILURE, c.compilation.status());
        return c.compilation.errors().stream().map(DiagnosticsTest::tagAndLine).collect(Collectors.toList());
    }

    private static String tagAndLine(Diagnostic<? extends JavaFileObject> d) {
        String message = d.getMessage(Locale.ROOT);
        String tag = message.startsWith("[") ? message.substring(1, message.indexOf(']')) : message;
        // Lines counted from the class declaration line ("class C {" is line 1).
        long headerLines = Programs.HEADER.lines().count();
        return tag + "@" + (d.getLineNumber() - headerLines);
    }



    @Test
    void awaitInALambdaIsAnError() {
        assertEquals(List.of("PollenAwaitInLambda@3"), errors("""
                @Async static void m() {
                    Runnable r = () -> await(of(1));
                    r.run();
                }"""));
    }

    @Test
    void awaitInSynchronizedIsAnError() {
        assertEquals(List.of("PollenSynchronized@4"), errors("""
                @Async static void m() {
                    synchronized (C.class) {
                        await(of(1));
                    }
                }"""));
    }

    @Test
    void synchronizedAsyncMethodIsAnError() {
        assertEquals(List.of("PollenSynchronized@2"), errors("""
                @Async static synchronized void m() {
                    await(of(1));
                }"""));
    }

    @Test
    void abstractAsyncMethodIsAnError() {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                abstract class C {
                    @Async abstract void m();
                    static Future<Void> caller(C c) { return CAsync.m(c); }
                }
                """);
        // Only Pollen's error: the facade exists, so the caller compiles.
        assertEquals(List.of("PollenNoBody@2"), c.compilation.errors().stream()
                .map(DiagnosticsTest::tagAndLine).collect(Collectors.toList()));
    }

    @Test
    void asyncMethodInAPrivateClassIsAnError() {
        // Its direct call gets no PollenDirectCall: there is no facade to call instead.
        assertEquals(List.of("PollenClassAccess@3"), errors("""
                private static class Hidden {
                    @Async static void m() { await(of(1)); }
                }
                static void caller() { Hidden.m(); }"""));
    }

    @Test
    void asyncInALocalClassBesideOtherAsyncMethodsIsAnError() {
        assertEquals(List.of("PollenClassAccess@5"), errors("""
                @Async static int m() { return await(of(1)); }
                static int plain() {
                    class Local {
                        @Async int n() { return await(of(2)); }
                    }
                    return new Local().n();
                }"""));
    }

    @Test
    void asyncInAnAnonymousClassInsideAnAsyncMethodIsOneErrorOnThatMethod() {
        // Not also PollenAwaitInLambda at its await: the method's error says what to do.
        assertEquals(List.of("PollenClassAccess@4"), errors("""
                @Async static int m() {
                    Object o = new Object() {
                        @Async int n() { return await(of(2)); }
                    };
                    return await(of(1)) + o.hashCode();
                }"""));
    }

    @Test
    void asyncInAClassNestedInALocalClassInALambdaIsAnErrorInACompileWithoutOtherAsyncMethods() {
        assertEquals(List.of("PollenClassAccess@5"), errors("""
                static Runnable r = () -> {
                    class Local {
                        class Member {
                            @Async void n() { await(of(1)); }
                        }
                    }
                };"""));
    }

    @Test
    void asyncWithoutAwaitInAnAnonymousClassIsAnErrorInACompileWithoutOtherAsyncMethods() {
        // Nothing calls await: the annotation alone must make Pollen look. (On the method's name.)
        assertEquals(List.of("PollenClassAccess@5"), errors("""
                static Object plain() {
                    return new Object() {
                        @SuppressWarnings("unused")
                        @Async int n() { return 1; }
                    };
                }"""));
    }

    @Test
    void aPrivateTypeInTheSignatureIsAnErrorOnTheMethod() {
        // Parameter, return type (as a type argument), array, throws, type variable bound: one error
        // each, on the method, and no generated file names the type.
        assertEquals(List.of("PollenPrivateType@4", "PollenPrivateType@5", "PollenPrivateType@6",
                "PollenPrivateType@7", "PollenPrivateType@8"), errors("""
                private static class P { }
                private static class E extends Exception { }
                @Async static int a(P p, Future<Integer> f) { return await(f); }
                @Async static java.util.List<P> b() { await(of(1)); return null; }
                @Async static void c(P[] ps) { await(of(1)); }
                @Async static void d() throws E { await(of(1)); }
                @Async static <T extends P> void e(T t) { await(of(1)); }
                @Async static int fine(Future<Integer> f) { P p = new P(); return await(f) + p.hashCode(); }"""));
    }

    @Test
    void usesOfAPrivateTypeItsProjectionCannotExpressAreNotSupportedYet() {
        assertEquals(List.of("PollenNotSupportedYet@10", "PollenNotSupportedYet@11", "PollenNotSupportedYet@12",
                "PollenNotSupportedYet@13", "PollenNotSupportedYet@14", "PollenNotSupportedYet@15",
                "PollenNotSupportedYet@16", "PollenNotSupportedYet@17", "PollenNotSupportedYet@20"), errors("""
                private enum Color { RED, GREEN }
                private record Item(int n) implements Comparable<Item>, Runnable {
                    public int compareTo(Item o) { return Integer.compare(n, o.n); }
                    public void run() { }
                }
                private static class Failure extends RuntimeException { }
                @Async static int m(Object o) {
                    java.util.List<Item> items = java.util.List.of(new Item(await(of(1))));
                    Item max = java.util.Collections.max(items);
                    Runnable r = items.get(0); for (Runnable each : items) { each.run(); }
                    java.util.EnumSet<Color> colors = java.util.EnumSet.noneOf(Color.class);
                    java.util.function.Predicate<Object> t = x -> x instanceof Item i && i.n() > 0;
                    java.util.Set<Color> set = java.util.EnumSet.of(Color.RED);
                    Item[] array = java.util.stream.Stream.of(max).toArray(Item[]::new);
                    Comparable<Item> c = new Item(2);
                    java.util.List<? extends Runnable> q = items;
                    try {
                        await(of(2));
                    } catch (Failure e) {
                        return 0;
                    }
                    return r.hashCode() + colors.size() + array.length + c.hashCode() + q.hashCode();
                }"""));
    }

    @Test
    void casePatternsAndRecordPatternsOfPrivateTypesAreNotSupportedYet() {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "needs javac 21");
        Compiled c = Compiled.withPollenOptions(List.of("--release", "21"), "p.C", Programs.HEADER + """
                class C {
                    private record Item(int n) {}
                    record Pub(Object o, Item i) {}
                    @Async static int m(Object o) {
                        int a = switch (o) {
                            case Item i -> i.n();
                            case Pub(String s, Item i) -> 1;
                            default -> 0;
                        };
                        if (o instanceof Item(int n)) { return n; }
                        return a + await(of(1));
                    }
                    private enum Color { RED }
                    @Async static int e(int k) {
                        Color c = k > 0 ? Color.RED : null;
                        return switch (c) { case null -> 0; case RED -> await(of(1)); };
                    }
                }
                """);
        assertEquals(List.of("PollenNotSupportedYet@16", "PollenNotSupportedYet@6", "PollenNotSupportedYet@7",
                "PollenNotSupportedYet@10"),
                c.compilation.errors().stream().map(DiagnosticsTest::tagAndLine).collect(Collectors.toList()));
    }

    @Test
    void constructsNewerThanJava17AreNotSupportedYet() {
        // Pattern matching for switch is a preview feature of Java 17 whose rules Java 21 changed
        // (Pollen compiles the Java 21 form: NewerJavaTest); a newer javac has no Java 17 previews.
        Assumptions.assumeTrue(Runtime.version().feature() == 17, "needs javac 17's previews");
        Compiled c = Compiled.withPollenOptions(List.of("--enable-preview", "--release", "17", "-Xlint:-preview"),
                "p.C", Programs.HEADER + """
                class C {
                    @Async static int m(Object o) {
                        return switch (o) {
                            case String s -> s.length() + await(of(1));
                            default -> 0;
                        };
                    }
                    @Async static int n(Object o) {
                        switch (o) {
                            case null -> { return await(of(0)); }
                            case String s && s.isEmpty() -> { return 1; }
                            default -> { return 2; }
                        }
                    }
                }
                """);
        assertEquals(Compilation.Status.FAILURE, c.compilation.status());
        assertEquals(List.of("PollenNotSupportedYet@4", "PollenNotSupportedYet@10", "PollenNotSupportedYet@11"),
                c.compilation.errors().stream().map(DiagnosticsTest::tagAndLine).collect(Collectors.toList()));
        assertTrue(c.compilation.errors().get(0).getMessage(Locale.ROOT).contains("(newer than Java 17)"));
    }

    @Test
    void aLocalOfAnAnonymousClassLivingAcrossAnAwaitNeedsAnExplicitType() {
        assertEquals(List.of("PollenNotDenotable@3"), errors("""
                @Async static int m() {
                    var counter = new Object() { int n = 1; };
                    await(of(1));
                    return counter.n;
                }"""));
    }

    @Test
    void aCompoundAssignmentToAPrivateFieldOfAComputedObjectIsNotSupportedYetWhereItsValueIsUsed() {
        assertEquals(List.of("PollenNotSupportedYet@5", "PollenNotSupportedYet@6"), errors("""
                private int count;
                private C self() { return this; }
                @Async int m(C c) {
                    int a = (self().count += 2) + self().count++ + --self().count;
                    for (int i = 0; i < 1; self().count += i) { i++; }
                    self().count++;
                    c.self().count += c.count;
                    c.count += await(of(1));
                    c.self().count -= await(of(1));
                    return c.count + a;
                }"""));
    }

    @Test
    void constructsTheMachineCannotKeepExactAreNotSupportedYet() {
        assertEquals(List.of("PollenNotSupportedYet@6", "PollenNotSupportedYet@16", "PollenNotSupportedYet@13"),
                errors("""
                private static int s;
                static C make() { return new C(); }
                static class Base { private Base(int x) { } }
                @Async static String m(int n) {
                    int a = make().s;
                    java.util.List<java.util.function.Supplier<Object>> later = new java.util.ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int c = i;
                        class L {
                            int get() { return c; }
                        }
                        later.add(() -> new L());
                        await(of(1));
                    }
                    Base b = new Base(await(of(2))) { };
                    return a + "" + later.size() + b;
                }"""));
    }

    @Test
    void aPrivateGenericMethodHidingItsClassTypeVariableIsNotSupportedYet() {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C<T> {
                    private <T> T id(T t) {
                        return t;
                    }

                    @Async
                    String m() {
                        return id("x") + await(of(1));
                    }
                }
                """);
        assertEquals(List.of("PollenNotSupportedYet@8"), c.compilation.errors().stream()
                .map(DiagnosticsTest::tagAndLine).collect(Collectors.toList()));
    }

    @Test
    void twoLocalClassesOfOneNameFollowedByAwaitsAreNotSupportedYet() {
        assertEquals(List.of("PollenNotSupportedYet@9"), errors("""
                @Async static int m(boolean b) {
                    if (b) {
                        record Pair(int a, int b) { }
                        Pair p = new Pair(1, await(of(2)));
                        return p.a() + p.b();
                    }
                    {
                        record Pair(String a) { }
                        return await(of(new Pair("x"))).a().length();
                    }
                }"""));
    }

    /** Compiles {@code class C { ... }}, which must succeed, and returns its warnings as "tag@line". */
    private static List<String> warnings(String classBody) {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + "class C {\n" + classBody + "\n}\n");
        assertEquals(Compilation.Status.SUCCESS, c.compilation.status(), c.compilation.diagnostics().toString());
        return c.compilation.warnings().stream().map(DiagnosticsTest::tagAndLine).collect(Collectors.toList());
    }

    @Test
    void awaitOutsideAnAsyncMethodIsAnError() {
        assertEquals(List.of("PollenAwaitOutsideAsync@6"), errors("""
                @Async static int m() {
                    return await(of(1));
                }
                static int plain() {
                    return await(of(2));
                }"""));
    }

    @Test
    void awaitOutsideAnAsyncMethodIsAnErrorInACompileWithoutAnyAsyncMethod() {
        // javac shows the processor no annotation at all here: Pollen must still run.
        assertEquals(List.of("PollenAwaitOutsideAsync@3", "PollenAwaitOutsideAsync@4"), errors("""
                static int plain() {
                    return await(of(2))
                            + dev.pollen.Await.await(of(3));
                }"""));
    }

    @Test
    void aDirectCallOrMethodReferenceToAnAsyncMethodIsAnErrorNamingTheFacade() {
        assertEquals(List.of("PollenDirectCall@5", "PollenDirectCall@7", "PollenDirectCall@7"), errors("""
                @Async static int m() { return await(of(1)); }
                @Async int i() { return await(of(1)); }
                @Async static int caller() {
                    return m() + await(CAsync.m());
                }
                static int plain(C c) { java.util.function.IntSupplier s = C::m; return c.i() + s.getAsInt(); }"""));
    }

    @Test
    void aDirectCallFromAFileThatNamesNeitherPollenNorAwaitIsAnError() {
        // D's text mentions only the method's name: its body must still be read.
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async static int compute() { return await(of(1)); }
                }
                """, "p.D", """
                package p;
                class D {
                    static int use() {
                        return C.compute();
                    }
                }
                """);
        List<Diagnostic<? extends JavaFileObject>> errors = c.compilation.errors();
        assertEquals(List.of("PollenDirectCall@4"), errors.stream()
                .map(d -> d.getMessage(Locale.ROOT).substring(1, d.getMessage(Locale.ROOT).indexOf(']')) + "@"
                        + d.getLineNumber()).collect(Collectors.toList()));
        assertTrue(errors.get(0).getMessage(Locale.ROOT).contains("Call its facade CAsync.compute(...)"),
                errors.get(0).getMessage(Locale.ROOT));
    }

    @Test
    void anAsyncMethodThatReturnsAFutureIsAWarning() {
        // In the order of the methods' signatures (as facades are written).
        assertEquals(List.of("PollenNestedFuture@5", "PollenNestedFuture@2", "PollenNestedFuture@8"), warnings("""
                @Async static Future<Integer> pollens() {
                    return of(await(of(1)));
                }
                @Async static java.util.concurrent.CompletableFuture<Integer> completable() {
                    return java.util.concurrent.CompletableFuture.completedFuture(await(of(1)));
                }
                @Async static <S extends java.util.concurrent.CompletionStage<String>> S stage(S s) {
                    return await(of(s));
                }
                @Async static Integer notAFuture() {
                    return await(of(1));
                }"""));
    }

    @Test
    void anAsyncMethodWithoutAwaitIsAWarning() {
        assertEquals(List.of("PollenNoAwait@2"), warnings("""
                @Async static int m() {
                    return 1;
                }"""));
    }

    @Test
    void anAsyncMethodThatOverridesIsAWarning() {
        assertEquals(List.of("PollenOverride@2"), warnings("""
                @Async @Override public String toString() {
                    return "c" + await(of(1));
                }"""));
    }

    @Test
    void aDroppedFacadeFutureIsAWarning() {
        assertEquals(List.of("PollenDroppedFuture@6"), warnings("""
                @Async static int m() {
                    return await(of(1));
                }
                static void caller() {
                    CAsync.m();
                    Future<Integer> kept = CAsync.m();
                    kept.cancel();
                }"""));
    }

    @Test
    void javacsOwnErrorsAppearOnceAndTheFacadeIsStillGenerated() {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async static int m() {
                        int x = await(of(1));
                        return x + undefinedName;
                    }
                    static Future<Integer> caller() { return CAsync.m(); }
                }
                """);
        List<String> errors = c.compilation.errors().stream()
                .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("undefinedName"), errors.toString());
    }

    @Test
    void everyMessageSaysWhatToDo() {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async static int m() {
                        Object o = new Object();
                        synchronized (o) {
                            await(of(1));
                        }
                        return 1;
                    }
                }
                """);
        String message = c.compilation.errors().get(0).getMessage(Locale.ROOT);
        assertTrue(message.contains("End the synchronized block before the await"), message);
    }
}
