package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rebuilding part of a program, as incremental builds do: javac on a subset of the sources, with
 * the previous output (classes, and generated sources when they sit next to them) on the class
 * path. The rebuilt machines must run the new bodies, with no stale or duplicate class.
 */
class IncrementalBuildTest {

    private static final String A = """
            package p;

            import static dev.pollen.Await.await;
            import static dev.pollen.processor.harness.Leaves.of;

            import dev.pollen.Async;

            class A {
                @Async
                static int add(int x) {
                    return await(of(x)) + 1;
                }

                @Async
                static int addTwice(int x) {
                    return await(AAsync.add(await(AAsync.add(x))));
                }
            }
            """;

    private static final String B = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import dev.pollen.Future;

            class B {
                @Async
                static String show(int x) {
                    return "B" + await(AAsync.addTwice(x));
                }

                static Future<String> run() {
                    return BAsync.show(1);
                }
            }
            """;

    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();

    /**
     * {@code separateGeneratedSources}: with {@code -s} (as Maven and Gradle do), or without, so
     * that javac writes generated sources next to the classes, where the next compile finds them
     * on the class path.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void changingOneMethodAndRecompilingPartsRunsTheNewBody(boolean separateGeneratedSources, @TempDir Path dir)
            throws Throwable {
        Path classes = dir.resolve("classes");
        Path generated = separateGeneratedSources ? dir.resolve("generated") : null;
        Path a = OnDisk.write(dir, "src/p/A.java", A);
        Path b = OnDisk.write(dir, "src/p/B.java", B);

        compileClean(classes, generated, a, b);
        assertEquals("B3", run(classes));

        OnDisk.write(dir, "src/p/A.java", A.replace("await(of(x)) + 1", "await(of(x)) + 100"));
        compileClean(classes, generated, a);
        assertEquals("B201", run(classes), "B's old class file runs A's new machines");

        compileClean(classes, generated, b);
        assertEquals("B201", run(classes), "B, recompiled against A's new output");
    }

    /**
     * {@code javac -sourcepath src src/p/B.java}: javac reads the other classes that B's body
     * uses from the source path, not from the command line; the body typing must see them too.
     * (A class with @Async methods must be named or compiled already: javac runs processors on
     * the sources it is given, so one found on the source path gets no facade.)
     */
    @org.junit.jupiter.api.Test
    void classesReadFromTheSourcePathAreSeenByTheBodyTyping(@TempDir Path dir) throws Throwable {
        Path classes = dir.resolve("classes");
        compileClean(classes, dir.resolve("generated"), OnDisk.write(dir, "compiled/p/A.java", A));
        OnDisk.write(dir, "src/p/Util.java", """
                package p;

                class Util {
                    record Pair(int left, int right) {}

                    static Pair pair(int x) {
                        return new Pair(x, x * 10);
                    }
                }
                """);
        Path b = OnDisk.write(dir, "src/p/B.java", B.replace(
                "return \"B\" + await(AAsync.addTwice(x));",
                "Util.Pair pair = Util.pair(x);\n        return \"B\" + await(AAsync.addTwice(pair.left())) + pair.right();"));
        OnDisk.Result result = OnDisk.compile(javac, List.of(new PollenProcessor()),
                List.of("-Xlint:all,-processing", "-implicit:class", "-sourcepath", dir.resolve("src").toString()), classes,
                dir.resolve("generated"), List.of(b));
        assertTrue(result.success(), result.describe());
        assertEquals("", result.describe().strip());
        assertEquals("B310", run(classes));
    }

    /**
     * Compiles {@code sources} with the previous output on the class path; fails on any diagnostic.
     * With the README's lint options: -Xlint:processing would warn that each generated type
     * "already exists on the sourcepath or classpath" (its old class file), as for any processor.
     */
    private void compileClean(Path classes, Path generated, Path... sources) {
        OnDisk.Result result = OnDisk.compile(javac, List.of(new PollenProcessor()), List.of("-Xlint:all,-processing"),
                classes, generated, List.of(sources));
        assertTrue(result.success(), result.describe());
        assertEquals("", result.describe().strip());
    }

    /** Runs {@code B.run()} from the class files, in a fresh class loader. */
    private static Object run(Path classes) throws Throwable {
        Future<?> future = (Future<?>) Compiled.callStatic(OnDisk.loader(classes).loadClass("p.B"), "run");
        return Executor.blockOn(future);
    }
}
