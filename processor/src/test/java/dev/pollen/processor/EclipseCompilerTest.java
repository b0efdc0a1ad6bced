package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.eclipse.jdt.internal.compiler.tool.EclipseCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under Eclipse's compiler (ECJ, the real one, through javax.tools) there is no javac tree API:
 * Pollen reports one clear error and nothing else, and what it generated (facades, and machines
 * that throw) compiles, so that no error but Pollen's reaches the user.
 */
class EclipseCompilerTest {

    @Test
    void oneClearErrorAndGeneratedCodeThatCompiles(@TempDir Path dir) throws Throwable {
        Path a = OnDisk.write(dir, "src/p/A.java", """
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
                    String greet(String name) {
                        return "hello " + await(of(name));
                    }
                }
                """);
        Path b = OnDisk.write(dir, "src/p/B.java", """
                package p;

                import static dev.pollen.Await.await;

                import dev.pollen.Async;
                import dev.pollen.Future;

                class B {
                    @Async
                    static int twice(int x) {
                        return 2 * await(AAsync.add(x));
                    }

                    static Future<Integer> caller() {
                        return BAsync.twice(1);
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        Path generated = dir.resolve("generated");

        OnDisk.Result result = OnDisk.compile(new EclipseCompiler(), List.of(new PollenProcessor()), List.of(), classes,
                generated, List.of(a, b));

        assertFalse(result.success(), result.describe());
        assertEquals(1, result.diagnostics().size(), result.describe());
        Diagnostic<? extends JavaFileObject> error = result.diagnostics().get(0);
        assertEquals(Diagnostic.Kind.ERROR, error.getKind(), result.describe());
        assertEquals(Messages.noTreeApi(), error.getMessage(Locale.ROOT));
        // On the first @Async method, so that an IDE shows it in the user's code.
        assertTrue(error.getSource().getName().endsWith("A.java"), result.describe());
        assertEquals(10, error.getLineNumber(), result.describe()); // static int add(int x)

        assertEquals(List.of("p/AAsync$add.java", "p/AAsync$greet.java", "p/AAsync.java",
                "p/BAsync$twice.java", "p/BAsync.java"), OnDisk.files(generated));
        // ECJ writes class files even for types with errors; that none has one is the
        // single-diagnostic check above. The stub machines throw, naming the method.
        ClassLoader loader = OnDisk.loader(classes);
        Future<?> twice = (Future<?>) Compiled.callStatic(loader.loadClass("p.B"), "caller");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Executor.blockOn(twice));
        assertEquals(Messages.facadeStubBody("B.twice(int)"), thrown.getMessage());
    }

    @Test
    void codeWithoutAsyncMethodsCompilesAsUsual(@TempDir Path dir) throws Throwable {
        Path plain = OnDisk.write(dir, "src/p/Plain.java", """
                package p;

                class Plain {
                    static int one() {
                        return 1;
                    }
                }
                """);
        Path classes = dir.resolve("classes");
        OnDisk.Result result = OnDisk.compile(new EclipseCompiler(), List.of(new PollenProcessor()), List.of(), classes,
                dir.resolve("generated"), List.of(plain));
        assertTrue(result.success(), result.describe());
        assertEquals(List.of(), result.diagnostics(), result.describe());
        assertEquals(1, Compiled.callStatic(OnDisk.loader(classes).loadClass("p.Plain"), "one"));
    }
}
