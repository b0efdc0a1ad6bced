package dev.pollen.processor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardLocation;
import com.sun.source.util.Trees;

/**
 * Gives the typing compile ({@link TypedCopy}) the class path of the compile that runs the
 * processor, without any configuration.
 *
 * <p>Inside a processor the class path is not available as a list of files: {@code java.class.path}
 * is the launcher's, and options only hold {@code -A} keys. But the running compile can enumerate
 * a package's types ({@link Elements}) and open their class files ({@link Filer#getResource}). This
 * file manager answers the typing compile's class-path listings that way. Types that the running
 * compile reads from source are left out: the typing compile gets their source itself. JDK types
 * come from the platform as usual.
 */
final class ClassPathBridge extends ForwardingJavaFileManager<JavaFileManager> {
    private final Elements elements;
    private final Trees trees;
    private final Filer filer;

    ClassPathBridge(JavaFileManager platform, Elements elements, Trees trees, Filer filer) {
        super(platform);
        this.elements = elements;
        this.trees = trees;
        this.filer = filer;
    }

    @Override
    public boolean hasLocation(Location location) {
        return location == StandardLocation.CLASS_PATH || super.hasLocation(location);
    }

    @Override
    public Iterable<JavaFileObject> list(Location location, String packageName, Set<JavaFileObject.Kind> kinds,
            boolean recurse) throws IOException {
        if (location != StandardLocation.CLASS_PATH) {
            return super.list(location, packageName, kinds, recurse);
        }
        List<JavaFileObject> found = new ArrayList<>();
        if (!kinds.contains(JavaFileObject.Kind.CLASS)) {
            return found;
        }
        PackageElement pkg = elements.getPackageElement(packageName);
        if (pkg == null || !elements.getModuleOf(pkg).isUnnamed()) {
            return found;
        }
        for (Element e : pkg.getEnclosedElements()) {
            if (e instanceof TypeElement type) {
                addClassFiles(type, packageName, found);
            }
        }
        return found;
    }

    /** Adds the class file of {@code type} and of its member types, unless they come from source. */
    private void addClassFiles(TypeElement type, String packageName, List<JavaFileObject> found) {
        if (trees.getPath(type) != null) {
            return;
        }
        String binaryName = elements.getBinaryName(type).toString();
        String fileName = binaryName.substring(binaryName.lastIndexOf('.') + 1) + ".class";
        try {
            FileObject file = filer.getResource(StandardLocation.CLASS_PATH, packageName, fileName);
            found.add(new ClassFile(binaryName, file));
        } catch (IOException | IllegalArgumentException e) {
            return; // not on the class path as a file (for example a type javac made up for an error)
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested && member.getKind() != ElementKind.OTHER) {
                addClassFiles(nested, packageName, found);
            }
        }
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        return file instanceof ClassFile classFile ? classFile.binaryName : super.inferBinaryName(location, file);
    }

    @Override
    public boolean isSameFile(FileObject a, FileObject b) {
        if (a instanceof ClassFile || b instanceof ClassFile) {
            return a.toUri().equals(b.toUri());
        }
        return super.isSameFile(a, b);
    }

    /** A class file of the running compile's class path, opened through its {@link Filer}. */
    private static final class ClassFile extends SimpleJavaFileObject {
        final String binaryName;
        private final FileObject file;

        ClassFile(String binaryName, FileObject file) {
            // SimpleJavaFileObject needs a URI with a path, which a jar entry's URI lacks.
            super(URI.create("pollen-classpath:///" + binaryName.replace('.', '/') + ".class"), Kind.CLASS);
            this.binaryName = binaryName;
            this.file = file;
        }

        @Override
        public InputStream openInputStream() throws IOException {
            return file.openInputStream();
        }

        @Override
        public String getName() {
            return file.getName();
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.CLASS && binaryName.endsWith("." + simpleName) || binaryName.equals(simpleName);
        }
    }
}
