package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The processor adds the SMAP of {@code @MachineInfo} to each class that carries it, in the
 * compile that writes the class, whatever the file manager; and debug information never fails a
 * build: what cannot be mapped gets one NOTE per compile and keeps javac's bytes.
 */
class SourceDebugExtensionsTest {
    private static final String SMAP = """
            SMAP
            DemoAsync$run.java
            Pollen
            *S Pollen
            *F
            + 1 Demo.java
            p/Demo.java
            *L
            31#1,3:14,1
            35#1,1:18,1
            *E
            """;

    /** A class with {@code @MachineInfo} whose {@code lines} are {@code lines}. */
    private static String machine(String name, String lines) {
        return """
                package p;

                @dev.pollen.internal.MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Demo",
                        method = "run", line = 30, states = {31}, awaits = {}, fields = {}, locals = {},
                        lines = {%s})
                public final class %s {
                }
                """.formatted(lines, name);
    }

    @Test
    void theExtensionIsAddedThroughTheFilerAlsoWhenClassesAreNotFiles() {
        // compile-testing keeps class files in memory
        Compiled compiled = Compiled.withPollen("p.DemoAsync$run", BreakpointsTest.HAND_WRITTEN,
                "p.Plain", "package p; final class Plain {}").assertClean();

        assertEquals(SMAP, ClassFiles.sourceDebugExtension(compiled.classBytes("p.DemoAsync$run")));
        assertNull(ClassFiles.sourceDebugExtension(compiled.classBytes("p.Plain")));
        assertEquals(List.of(), notes(compiled.compilation));
    }

    @Test
    void metadataThatCannotBeMappedGetsOneNoteForTheCompileAndTheClassKeepsJavacsBytes() {
        Compiled compiled = Compiled.withPollen(
                "p.BadAsync$a", machine("BadAsync$a", "31, 1, 14"),
                "p.BadAsync$b", machine("BadAsync$b", "31, 1, 14, 0")).assertClean();

        assertEquals(List.of(Messages.noBreakpoints("p.BadAsync$a",
                new IllegalArgumentException("the line map has 3 numbers, not a positive multiple of 4"))),
                notes(compiled.compilation));
        assertNull(ClassFiles.sourceDebugExtension(compiled.classBytes("p.BadAsync$a")));
        assertNull(ClassFiles.sourceDebugExtension(compiled.classBytes("p.BadAsync$b")));
        assertEquals(List.of(), notes(Compiled.withPollen("p.BadAsync$c", machine("BadAsync$c", "3, 1, 1, 1"))
                .assertClean().compilation), "the next compile starts afresh and has nothing to note");
    }

    @Test
    void aMachineWithNoUserLinesGetsNoExtensionAndNoNote() {
        Compiled compiled = Compiled.withPollen("p.StubAsync$a", machine("StubAsync$a", "")).assertClean();

        assertNull(ClassFiles.sourceDebugExtension(compiled.classBytes("p.StubAsync$a")));
        assertEquals(List.of(), notes(compiled.compilation));
    }

    /** As under a build tool that keeps class files in memory until the compile ends (IntelliJ's JPS may). */
    @Test
    void aClassFileTheFileManagerCannotGiveBackGetsOneNote(@TempDir Path dir) throws IOException {
        Path source = OnDisk.write(dir, "src/p/DemoAsync$run.java", BreakpointsTest.HAND_WRITTEN);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            JavaFileManager noResources = new ForwardingJavaFileManager<>(files) {
                @Override
                public FileObject getFileForOutput(Location location, String pkg, String relativeName, FileObject sibling) {
                    return null; // the Filer then throws FileNotFoundException
                }
            };
            JavaCompiler.CompilationTask task = javac.getTask(null, noResources, diagnostics,
                    List.of("--release", "17", "-implicit:none", "-d", classes.toString(),
                            "-classpath", System.getProperty("java.class.path")),
                    null, files.getJavaFileObjects(source));
            task.setProcessors(Compiled.processors());
            assertTrue(task.call(), diagnostics.getDiagnostics().toString());
        }

        assertEquals(List.of(Messages.noBreakpoints("p.DemoAsync$run",
                new java.io.FileNotFoundException("p/DemoAsync$run.class"))),
                diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
                        .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList()));
        assertNull(ClassFiles.sourceDebugExtension(Files.readAllBytes(classes.resolve("p/DemoAsync$run.class"))));
    }

    @Test
    void anIncrementalCompileLeavesTheClassesItDoesNotCompileAlone(@TempDir Path dir) throws IOException {
        Path machine = OnDisk.write(dir, "src/p/DemoAsync$run.java", BreakpointsTest.HAND_WRITTEN);
        Path other = OnDisk.write(dir, "src/p/Other.java", "package p; final class Other { int one() { return 1; } }");
        Path classes = dir.resolve("classes");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        OnDisk.Result first = OnDisk.compile(javac, Compiled.processors(), List.of("-Xlint:all"), classes, null,
                List.of(machine, other));
        assertTrue(first.success() && first.errors().isEmpty(), first.describe());
        Path classFile = classes.resolve("p/DemoAsync$run.class");
        byte[] before = Files.readAllBytes(classFile);
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(classFile, old);
        assertEquals(SMAP, ClassFiles.sourceDebugExtension(before));

        OnDisk.write(dir, "src/p/Other.java", "package p; final class Other { int two() { return 2; } }");
        OnDisk.Result second = OnDisk.compile(javac, Compiled.processors(), List.of("-Xlint:all"), classes, null,
                List.of(other));

        assertTrue(second.success() && second.diagnostics().isEmpty(), second.describe());
        assertArrayEquals(before, Files.readAllBytes(classFile));
        assertEquals(old, Files.getLastModifiedTime(classFile));
    }

    private static List<String> notes(Compilation compilation) {
        return compilation.diagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.NOTE)
                .map(d -> d.getMessage(Locale.ROOT)).collect(Collectors.toList());
    }
}
