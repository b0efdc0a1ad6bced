package dev.pollen.processor;

import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * Makes breakpoints in {@code @Async} bodies work: after javac has written a class that carries
 * {@code @dev.pollen.internal.MachineInfo} (javac's {@code GENERATE} event, finished), adds to
 * its class file a JSR-45 {@code SourceDebugExtension} ({@link Smap}) built from the annotation,
 * so that a debugger shows, takes and steps by the user's lines. Java has no {@code #line} and
 * javac never writes this attribute, so the class file is rewritten ({@link SdeAppender}) in the
 * same compile, through the Filer (which also works with file managers that are not files).
 *
 * <p>Debug information never fails a build: whatever is missing (a class file the file manager
 * cannot give back, metadata that cannot be read), the class keeps javac's bytes and the compile
 * gets one NOTE, the first time, saying why breakpoints in @Async bodies are unavailable. Each
 * class is rewritten at most once, and only in the compile that wrote it: an incremental build
 * that does not recompile a class leaves its file alone.
 *
 * <p>The annotation is read by name from the element's mirrors: the processor does not link
 * the runtime.
 */
final class SourceDebugExtensions implements TaskListener {
    /** The compiles listened to (a compile's task is the same object for every processor). */
    private static final Set<JavacTask> LISTENING = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    private final ProcessingEnvironment env;
    /** Binary names of the classes rewritten in this compile. */
    private final Set<String> written = new HashSet<>();
    private boolean noted;

    private SourceDebugExtensions(ProcessingEnvironment env) {
        this.env = env;
    }

    /**
     * Listens to the compile of {@code env}. Does nothing outside javac: there Pollen already
     * reports that it needs javac ({@link Messages#noTreeApi}), and writes no real machines.
     */
    static void register(ProcessingEnvironment env) {
        JavacTask task;
        try {
            task = JavacTask.instance(env);
        } catch (RuntimeException notJavac) { // IllegalArgumentException, or a wrapped environment
            return;
        }
        if (LISTENING.add(task)) { // once per compile, however many Pollen processors it runs
            task.addTaskListener(new SourceDebugExtensions(env));
        }
    }

    @Override
    public void finished(TaskEvent event) {
        if (event.getKind() != TaskEvent.Kind.GENERATE || event.getTypeElement() == null) {
            return;
        }
        TypeElement type = event.getTypeElement();
        try { // nothing may escape into javac: debug information never fails a build
            AnnotationMirror info = machineInfo(type);
            if (info == null) {
                return;
            }
            String binaryName = env.getElementUtils().getBinaryName(type).toString();
            if (written.add(binaryName)) {
                rewrite(type, binaryName, info);
            }
        } catch (IOException | RuntimeException e) {
            note(type.getQualifiedName().toString(), e);
        }
    }

    private void rewrite(TypeElement type, String binaryName, AnnotationMirror info) throws IOException {
        Map<String, Object> values = values(info);
        int[] lines = ints(values.get("lines"), "lines");
        if (!Integer.valueOf(DebugInfo.VERSION).equals(values.get("version"))) {
            throw new IllegalArgumentException("@MachineInfo version " + values.get("version") + " is not " + DebugInfo.VERSION);
        }
        if (lines.length == 0) {
            return; // a machine with no user code (a stub): nothing to stop on
        }
        String source = string(values.get("source"), "source");
        String declaringClass = string(values.get("declaringClass"), "declaringClass");

        int dot = binaryName.lastIndexOf('.');
        String pkg = dot < 0 ? "" : binaryName.substring(0, dot);
        String classFile = binaryName.substring(dot + 1) + ".class";
        String smap = Smap.of(generatedFile(type), source, declaringClass, lines);

        FileObject in = env.getFiler().getResource(StandardLocation.CLASS_OUTPUT, pkg, classFile);
        byte[] bytes;
        try (InputStream stream = in.openInputStream()) {
            bytes = stream.readAllBytes();
        }
        byte[] rewritten = SdeAppender.withSourceDebugExtension(bytes, smap);
        URI uri = in.toUri();
        if ("file".equals(uri.getScheme())) {
            // Straight to the file javac wrote: through the file manager, javac 21 and later would
            // count a second write of it (-Xlint:output-file-clash warns, -Werror fails the build).
            Files.write(Path.of(uri), rewritten);
            return;
        }
        FileObject out = env.getFiler().createResource(StandardLocation.CLASS_OUTPUT, pkg, classFile);
        try (OutputStream stream = out.openOutputStream()) {
            stream.write(rewritten);
        }
    }

    /** The generated source's file name: its top-level class's. */
    private static String generatedFile(TypeElement type) {
        Element outermost = type;
        while (outermost.getEnclosingElement() instanceof TypeElement enclosing) {
            outermost = enclosing;
        }
        return outermost.getSimpleName() + ".java";
    }

    private static AnnotationMirror machineInfo(TypeElement type) {
        for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
            if (((TypeElement) mirror.getAnnotationType().asElement()).getQualifiedName()
                    .contentEquals(DebugInfo.MACHINE_INFO.canonicalName())) {
                return mirror;
            }
        }
        return null;
    }

    private static Map<String, Object> values(AnnotationMirror mirror) {
        Map<String, Object> values = new java.util.HashMap<>();
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e : mirror.getElementValues().entrySet()) {
            values.put(e.getKey().getSimpleName().toString(), e.getValue().getValue());
        }
        return values;
    }

    private static String string(Object value, String element) {
        if (value instanceof String s) {
            return s;
        }
        throw new IllegalArgumentException("@MachineInfo." + element + " is " + value + ", not a string");
    }

    private static int[] ints(Object value, String element) {
        if (value instanceof List<?> list) {
            int[] ints = new int[list.size()];
            for (int i = 0; i < ints.length; i++) {
                if (!(list.get(i) instanceof AnnotationValue v && v.getValue() instanceof Integer n)) {
                    throw new IllegalArgumentException("@MachineInfo." + element + "[" + i + "] is not an int");
                }
                ints[i] = n;
            }
            return ints;
        }
        throw new IllegalArgumentException("@MachineInfo." + element + " is " + value + ", not an int array");
    }

    /** The one NOTE of the compile: the first class that could not get its line map. */
    private void note(String machine, Exception e) {
        if (!noted) {
            noted = true;
            env.getMessager().printMessage(Diagnostic.Kind.NOTE, Messages.noBreakpoints(machine, e));
        }
    }
}
