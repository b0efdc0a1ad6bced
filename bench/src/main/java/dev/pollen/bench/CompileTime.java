package dev.pollen.bench;

import dev.pollen.processor.PollenProcessor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 4: compile {@value CompileSources#CLASSES} x {@value CompileSources#METHODS_PER_CLASS}
 * methods with the in-process javac ({@code javax.tools}), in a warm JVM: {@code pollen}
 * compiles the {@code @Async} flavour with the Pollen processor (machines, facades and the
 * processor's typed copy of the sources), {@code plainJavac} the synchronous flavour with no
 * processor. With {@code asyncMethods=5}, only 5 of the methods are {@code @Async} and the
 * others are the synchronous ones: a module where Pollen is a small part; with
 * {@code asyncMethods=0}, {@code pollen} compiles the synchronous sources with the processor.
 * Single shot: ms per whole compile, {@code .class} files written to a temp dir.
 * The processor instance is created from this class path, so its code is warm like javac's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 8)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class CompileTime {

    /**
     * How many of the 1,000 methods are {@code @Async}: all, or a few among ordinary code (a
     * module where Pollen is a small part: the typed copy then attributes only the one file), or
     * none (a module with Pollen on its processor path that uses neither {@code @Async} nor
     * {@code await}: Pollen runs in every compile, and must cost almost nothing there).
     */
    @Param({"1000", "5", "0"})
    public int asyncMethods;

    private List<Path> asyncSources;
    private List<Path> syncSources;
    private Path out;

    @Setup(Level.Trial)
    public void writeSources() throws IOException {
        Path dir = Files.createTempDirectory("pollen-bench-compile");
        asyncSources = CompileSources.write(dir.resolve("async"), true, asyncMethods);
        syncSources = CompileSources.write(dir.resolve("sync"), false, 0);
        out = dir.resolve("out");
    }

    @Benchmark
    public boolean pollen() throws IOException {
        return compile(asyncSources, pollenProcessors(), out);
    }

    @Benchmark
    public boolean plainJavac() throws IOException {
        return compile(syncSources, List.of(), out);
    }

    /** Pollen's processors, as javac finds them on the processor path. */
    static List<Processor> pollenProcessors() {
        return List.of(new PollenProcessor(), new PollenProcessor.Claims());
    }

    /** Compiles {@code sources} with {@code processors} into {@code out}; with none, with {@code -proc:none}. */
    static boolean compile(List<Path> sources, List<Processor> processors, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            Path classes = Files.createDirectories(out.resolve("classes"));
            Path generated = Files.createDirectories(out.resolve("generated"));
            List<String> options = List.of(
                    "--release", "17",
                    "-classpath", System.getProperty("java.class.path"),
                    "-d", classes.toString(),
                    "-s", generated.toString(),
                    processors.isEmpty() ? "-proc:none" : "-proc:full");
            JavaCompiler.CompilationTask task = javac.getTask(
                    null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources));
            if (!processors.isEmpty()) {
                task.setProcessors(processors);
            }
            if (!task.call()) {
                throw new IllegalStateException("compile failed: " + diagnostics.getDiagnostics());
            }
            return true;
        }
    }
}
