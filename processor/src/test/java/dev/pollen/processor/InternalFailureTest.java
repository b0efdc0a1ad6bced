package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bug in Pollen while it processes one method is a compile error on that method, naming the
 * processor and asking for a report, and the other methods still get working machines.
 *
 * <p>The failure is real, with no hook in the processor: the processor runs from a class loader
 * that lacks the one class it needs only to lower a {@code try} with {@code finally} (as from a
 * damaged jar), so generating that method throws {@link NoClassDefFoundError} midway.
 */
class InternalFailureTest {

    /** Needed only for a try with finally (Lowering's record of the enclosing finally blocks). */
    private static final String MISSING = "dev.pollen.processor.Lowering$Finally";

    private static final String SOURCE = Programs.HEADER + """
            class C {
                @Async
                static int before() {
                    return await(of(1)) + 1;
                }

                @Async
                static int withFinally() {
                    try {
                        return await(of(2));
                    } finally {
                        log("finally");
                    }
                }

                @Async
                static int after() {
                    int x = await(of(3));
                    return x * await(of(4));
                }
            }
            """;

    @Test
    void theFailingMethodGetsOneErrorAndTheOthersWorkingMachines(@TempDir Path dir) throws Throwable {
        Path source = OnDisk.write(dir, "p/C.java", SOURCE);
        Path generated = dir.resolve("generated");
        OnDisk.Result result = OnDisk.compile(ToolProvider.getSystemJavaCompiler(), processorsWithout(MISSING),
                List.of("-Xlint:all"), dir.resolve("classes"), generated, List.of(source));

        assertEquals(1, result.diagnostics().size(), result.describe());
        Diagnostic<? extends JavaFileObject> error = result.errors().get(0);
        assertEquals(Programs.HEADER.lines().count() + 8, error.getLineNumber(), "on withFinally()");
        String message = error.getMessage(Locale.ROOT);
        assertTrue(message.startsWith("[PollenInternal] dev.pollen.processor.PollenProcessor failed while"
                + " processing C.withFinally(): java.lang.NoClassDefFoundError: "), message);
        assertTrue(message.endsWith("Please report this to the Pollen maintainers with the method's source."), message);

        // javac writes no class file after an error: compile what Pollen wrote, without Pollen, and run it.
        List<String> sources = new ArrayList<>(List.of("p.C", SOURCE));
        for (String file : OnDisk.files(generated)) {
            sources.add(file.substring(0, file.length() - ".java".length()).replace('/', '.'));
            sources.add(Files.readString(generated.resolve(file)));
        }
        Compiled output = Compiled.plain(sources.toArray(new String[0])).assertClean();
        assertEquals(2, Executor.blockOn((Future<?>) output.call("p.CAsync", "before")));
        assertEquals(12, Executor.blockOn((Future<?>) output.call("p.CAsync", "after")));
        Future<?> stub = (Future<?>) output.call("p.CAsync", "withFinally");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Executor.blockOn(stub));
        assertEquals(Messages.facadeStubBody("C.withFinally()"), thrown.getMessage());
    }

    /** New Pollen processors (as in Compiled.processors) whose own classes come from a loader that cannot find {@code missing}. */
    private static List<Processor> processorsWithout(String missing) throws ReflectiveOperationException {
        ClassLoader parent = InternalFailureTest.class.getClassLoader();
        assertTrue(parent.getResource(missing.replace('.', '/') + ".class") != null,
                "the class to leave out no longer exists: pick another that only some bodies need");
        ClassLoader loader = new ClassLoader(parent) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (!name.startsWith("dev.pollen.processor.")) {
                    return super.loadClass(name, resolve);
                }
                synchronized (getClassLoadingLock(name)) {
                    Class<?> loaded = findLoadedClass(name);
                    return loaded != null ? loaded : findClass(name);
                }
            }

            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                if (name.equals(missing)) {
                    throw new ClassNotFoundException(name);
                }
                try (InputStream in = parent.getResourceAsStream(name.replace('.', '/') + ".class")) {
                    if (in == null) {
                        throw new ClassNotFoundException(name);
                    }
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new ClassNotFoundException(name, e);
                }
            }
        };
        List<Processor> processors = new ArrayList<>();
        for (Processor p : Compiled.processors()) {
            processors.add((Processor) loader.loadClass(p.getClass().getName()).getConstructor().newInstance());
        }
        return processors;
    }
}
