package dev.pollen.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Test support: compiles real sources with the real processor (compile-testing), and loads and
 * runs what came out.
 */
final class Compiled {
    final Compilation compilation;
    private ClassLoader loader;

    private Compiled(Compilation compilation) {
        this.compilation = compilation;
    }

    /** Compiles {@code sources} (qualified name, then text, alternating) with the processor. */
    static Compiled withPollen(String... namesAndTexts) {
        return withPollenOptions(List.of(), namesAndTexts);
    }

    static Compiled withPollenOptions(List<String> options, String... namesAndTexts) {
        List<String> all = new ArrayList<>(options);
        all.add("-Xlint:all");
        return new Compiled(javac().withProcessors(processors()).withOptions(all).compile(files(namesAndTexts)));
    }

    /** Pollen's processors, in the order its service file lists them (as javac finds them on a processor path). */
    static List<Processor> processors() {
        return List.of(new PollenProcessor(), new PollenProcessor.Claims());
    }

    static Compiled of(Compilation compilation) {
        return new Compiled(compilation);
    }

    /** Compiles without the processor, for the synchronous twin of a program. */
    static Compiled plain(String... namesAndTexts) {
        return plainOptions(List.of(), namesAndTexts);
    }

    static Compiled plainOptions(List<String> options, String... namesAndTexts) {
        List<String> all = new ArrayList<>(options);
        all.add("-proc:none");
        return new Compiled(javac().withOptions(all).compile(files(namesAndTexts)));
    }

    private static List<JavaFileObject> files(String... namesAndTexts) {
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < namesAndTexts.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(namesAndTexts[i], namesAndTexts[i + 1]));
        }
        return files;
    }

    /** Fails with every diagnostic unless the compile succeeded without any warning. */
    Compiled assertClean() {
        List<String> problems = compilation.diagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(Object::toString)
                .collect(Collectors.toList());
        if (compilation.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
            throw new AssertionError("expected a clean compile, got:\n" + String.join("\n", problems)
                    + "\n" + generatedSources());
        }
        return this;
    }

    String generatedSource(String qualifiedName) {
        return compilation.generatedSourceFile(qualifiedName)
                .map(Compiled::text)
                .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName + "\n" + generatedSources()));
    }

    String generatedSources() {
        return compilation.generatedSourceFiles().stream()
                .map(f -> "=== " + f.getName() + "\n" + text(f))
                .collect(Collectors.joining("\n"));
    }

    Class<?> load(String binaryName) {
        if (loader == null) {
            loader = new OutputLoader(compilation);
        }
        try {
            return loader.loadClass(binaryName);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The class file of {@code binaryName} from the compilation's output. */
    byte[] classBytes(String binaryName) {
        String path = "/CLASS_OUTPUT/" + binaryName.replace('.', '/') + ".class";
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS && file.toUri().getPath().endsWith(path)) {
                try (InputStream in = file.openInputStream()) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new AssertionError("no class file " + path);
    }

    /** Calls a static method by name (the only one with that name), unwrapping its exception. */
    Object call(String binaryName, String method, Object... args) throws Throwable {
        return callStatic(load(binaryName), method, args);
    }

    /** Calls a static method of {@code type} by name (the only one with that name), unwrapping its exception. */
    static Object callStatic(Class<?> type, String method, Object... args) throws Throwable {
        for (Method m : type.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + method + " in " + type.getName());
    }

    static String text(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads classes from the compilation's class output; everything else from the test's loader. */
    private static final class OutputLoader extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        OutputLoader(Compilation compilation) {
            super(Compiled.class.getClassLoader());
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String path = file.toUri().getPath();
                    String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                            path.length() - ".class".length()).replace('/', '.');
                    classes.put(name, file);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject file = classes.get(name);
            if (file == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = file.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
