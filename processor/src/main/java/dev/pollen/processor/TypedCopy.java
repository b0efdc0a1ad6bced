package dev.pollen.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.util.Elements;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Stage "analyse", part 1: a typed copy of the sources.
 *
 * <p>During annotation processing javac has not attributed method bodies, and attributing the
 * real trees from a processor breaks ordinary user code later in the same compile (see
 * docs/design.md). So Pollen compiles a <em>copy</em> of the sources (their text, plus the facades
 * written so far) in a separate in-process javac up to attribution, and reads expression and local
 * types from the copy. The real trees are never touched. The copy has the same text, so a
 * position in the copy is the same position in the real file.
 */
final class TypedCopy {
    /** A compile error that the copy reported, by file and position. */
    record Error(URI file, long start, long end, String message) {}

    final Trees trees;
    final Elements elements;
    final javax.lang.model.util.Types types;
    /** The language version of the compile (17 for {@code --release 17}, ...). */
    final int release;
    private final Map<URI, CompilationUnitTree> units;
    private final List<Error> errors;

    private TypedCopy(JavacTask task, int release, Map<URI, CompilationUnitTree> units, List<Error> errors) {
        this.release = release;
        this.trees = Trees.instance(task);
        this.elements = task.getElements();
        this.types = task.getTypes();
        this.units = units;
        this.errors = errors;
    }

    CompilationUnitTree unit(URI file) {
        return units.get(file);
    }

    java.util.Collection<CompilationUnitTree> units() {
        return units.values();
    }

    /** The copy's errors inside {@code [start, end)} of {@code file}. */
    List<Error> errorsIn(URI file, long start, long end) {
        List<Error> in = new ArrayList<>();
        for (Error e : errors) {
            if (e.file() != null && e.file().equals(file) && e.start() >= start && e.start() < end) {
                in.add(e);
            }
        }
        return in;
    }

    /**
     * Compiles {@code sources} (file URI to text) up to attribution, with the class path of the
     * running compile.
     */
    static TypedCopy of(ProcessingEnvironment env, Trees realTrees, Map<URI, String> sources, UnreadBodies unread)
            throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler (javax.tools.ToolProvider) in this JDK");
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StandardJavaFileManager platform = javac.getStandardFileManager(diagnostics, Locale.ROOT, null);
        ClassPathBridge fileManager = new ClassPathBridge(platform, env.getElementUtils(), realTrees, env.getFiler(),
                sources.keySet());

        List<String> language = new ArrayList<>(List.of(readsRunningJdk(env.getFiler()) ? "-source" : "--release",
                Integer.toString(releaseOf(env.getSourceVersion()))));
        if (env.isPreviewEnabled()) {
            language.add("--enable-preview"); // the same language as the real compile (BodyChecks rejects what it cannot lower)
        }
        List<JavaFileObject> files = new ArrayList<>();
        unread.copyTexts(javac, sources, language).forEach((uri, text) -> files.add(new SourceText(uri, text, null)));
        List<String> options = new ArrayList<>(List.of("-proc:none", "-implicit:none", "-Xlint:none", "-nowarn"));
        options.addAll(language);
        JavacTask task = (JavacTask) javac.getTask(new StringWriter(), fileManager, diagnostics, options, null, files);

        Map<URI, CompilationUnitTree> units = new HashMap<>();
        for (CompilationUnitTree unit : task.parse()) {
            units.put(unit.getSourceFile().toUri(), unit);
        }
        task.analyze();

        List<Error> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                URI file = d.getSource() == null ? null : d.getSource().toUri();
                errors.add(new Error(file, d.getStartPosition(), d.getEndPosition(), d.getMessage(Locale.ROOT)));
            }
        }
        return new TypedCopy(task, releaseOf(env.getSourceVersion()), units, errors);
    }

    /**
     * Whether the real compile reads the class library of the running JDK (its {@code jrt:}
     * system modules: {@code -source}/{@code -target}, or no option) rather than the one of a
     * {@code --release} (from {@code ct.sym}). The copy must see the same library: with
     * {@code --release 17} a copy would not know the JDK 21 methods that a {@code -source 17}
     * compile on JDK 21 accepts, and could not type a body that uses them.
     */
    private static boolean readsRunningJdk(Filer filer) {
        try {
            FileObject object = filer.getResource(StandardLocation.SYSTEM_MODULES, "java.base/java.lang", "Object.class");
            return "jrt".equals(object.toUri().getScheme());
        } catch (IOException | RuntimeException notFound) {
            return false;   // then --release: the library of the source version
        }
    }

    private static int releaseOf(SourceVersion version) {
        // RELEASE_8 has ordinal 8, and so on; the copy never needs anything older than 8.
        return Math.max(8, version.ordinal());
    }

    /**
     * A source file of the copy: the original's URI (so positions and names match) and text; with
     * the binary name of its type when the copy finds it on its class path (ClassPathBridge).
     */
    static final class SourceText extends SimpleJavaFileObject {
        private final String text;
        final String binaryName;

        SourceText(URI uri, String text, String binaryName) {
            super(uri, Kind.SOURCE);
            this.text = text;
            this.binaryName = binaryName;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
