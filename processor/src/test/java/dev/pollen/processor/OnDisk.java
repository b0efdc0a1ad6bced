package dev.pollen.processor;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Test support: compiles source files on disk into a class directory, with any
 * {@link JavaCompiler} (javac or Eclipse's) and processors, as a build tool does; then loads
 * the classes.
 */
final class OnDisk {
    private OnDisk() {}

    /** What a compile reported; {@code output} is what the compiler printed besides diagnostics. */
    record Result(boolean success, List<Diagnostic<? extends JavaFileObject>> diagnostics, String output) {
        List<Diagnostic<? extends JavaFileObject>> errors() {
            return diagnostics.stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).collect(Collectors.toList());
        }

        /** Every diagnostic but notes, one a line, for failure messages. */
        String describe() {
            return diagnostics.stream().filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                    .map(d -> d.getKind() + " " + d.getSource() + ":" + d.getLineNumber() + " " + d.getMessage(Locale.ROOT))
                    .collect(Collectors.joining("\n")) + "\n" + output;
        }
    }

    /** Writes {@code text} to {@code dir/relative}, creating directories; returns the file. */
    static Path write(Path dir, String relative, String text) {
        try {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles {@code sources} to {@code classes} with {@code options} and {@code processors}
     * (none: no annotation processing).
     * The class path is {@code classes} (the previous output, as in an incremental build), then
     * the test's. Generated sources go to {@code generated}, or, when it is null, next to the
     * classes (javac's default without {@code -s}).
     */
    static Result compile(JavaCompiler compiler, List<Processor> processors, List<String> options, Path classes,
            Path generated, List<Path> sources) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of("--release", "17", "-d", classes.toString(),
                "-classpath", classes + File.pathSeparator + System.getProperty("java.class.path")));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter output = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            Files.createDirectories(classes);
            if (generated != null) {
                Files.createDirectories(generated);
                all.addAll(List.of("-s", generated.toString()));
            }
            JavaCompiler.CompilationTask task = compiler.getTask(output, files, diagnostics, all, null,
                    files.getJavaFileObjectsFromPaths(sources));
            task.setProcessors(processors);
            boolean success = task.call();
            return new Result(success, diagnostics.getDiagnostics(), output.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The relative paths of the regular files under {@code dir}, sorted. */
    static List<String> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loader of the classes in {@code dirs} (first wins); everything else from the test's loader. */
    static ClassLoader loader(Path... dirs) {
        URL[] urls = new URL[dirs.length];
        try {
            for (int i = 0; i < dirs.length; i++) {
                urls[i] = dirs[i].toUri().toURL();
            }
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
        return new URLClassLoader(urls, OnDisk.class.getClassLoader());
    }
}
