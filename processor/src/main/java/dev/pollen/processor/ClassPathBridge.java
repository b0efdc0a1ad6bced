package dev.pollen.processor;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.NestingKind;
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
 * come from the platform as usual. In a modular compile, the types of the module path's modules
 * are offered on the class path too: the typing compile runs in the unnamed module (without the
 * user's {@code module-info.java}), which only affects accessibility checks that the real compile
 * makes anyway.
 */
final class ClassPathBridge extends ForwardingJavaFileManager<JavaFileManager> {
    private final Elements elements;
    private final Trees trees;
    private final Filer filer;

    /** The JDK's modules, which the typing compile reads from its own platform as usual. */
    private final Set<String> systemModules = new HashSet<>();

    /** The sources the typing compile has already (the running compile's root sources). */
    private final Set<URI> copied;

    ClassPathBridge(JavaFileManager platform, Elements elements, Trees trees, Filer filer, Set<URI> copied)
            throws IOException {
        super(platform);
        this.copied = copied;
        for (Set<Location> locations : platform.listLocationsForModules(StandardLocation.SYSTEM_MODULES)) {
            for (Location location : locations) {
                systemModules.add(platform.inferModuleName(location));
            }
        }
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
        // A package may be in the unnamed module (the class path) and, in a modular compile, in
        // modules of the module path; the typing compile sees them all on its class path.
        for (PackageElement pkg : elements.getAllPackageElements(packageName)) {
            ModuleElement module = elements.getModuleOf(pkg);
            if (module.isUnnamed()) {
                addTypes(pkg, StandardLocation.CLASS_PATH, packageName, kinds, found);
            } else if (!systemModules.contains(module.getQualifiedName().toString())) {
                addTypes(pkg, StandardLocation.MODULE_PATH, module.getQualifiedName() + "/" + packageName, kinds,
                        found);
            }
        }
        return found;
    }

    private void addTypes(PackageElement pkg, Location location, String moduleAndPackage, Set<JavaFileObject.Kind> kinds,
            List<JavaFileObject> found) throws IOException {
        for (Element e : pkg.getEnclosedElements()) {
            if (e instanceof TypeElement type) {
                addClassFiles(type, location, moduleAndPackage, kinds, found);
            }
        }
    }

    /**
     * Adds the class file of {@code type} and of its member types; or, when the running compile
     * reads the type from a source that the typing compile lacks (one found on
     * {@code -sourcepath}, not named on the command line), that source.
     */
    private void addClassFiles(TypeElement type, Location location, String moduleAndPackage, Set<JavaFileObject.Kind> kinds,
            List<JavaFileObject> found) throws IOException {
        com.sun.source.util.TreePath source = trees.getPath(type);
        if (source != null) {
            JavaFileObject file = source.getCompilationUnit().getSourceFile();
            if (kinds.contains(JavaFileObject.Kind.SOURCE) && type.getNestingKind() == NestingKind.TOP_LEVEL
                    && !copied.contains(file.toUri())) {
                found.add(new TypedCopy.SourceText(file.toUri(), file.getCharContent(true).toString(),
                        elements.getBinaryName(type).toString()));
            }
            return;
        }
        if (!kinds.contains(JavaFileObject.Kind.CLASS)) {
            return;
        }
        String binaryName = elements.getBinaryName(type).toString();
        String fileName = binaryName.substring(binaryName.lastIndexOf('.') + 1) + ".class";
        try {
            FileObject file = filer.getResource(location, moduleAndPackage, fileName);
            found.add(new ClassFile(binaryName, file));
        } catch (IOException | IllegalArgumentException e) {
            return; // not on the class path as a file (for example a type javac made up for an error)
        }
        for (Element member : type.getEnclosedElements()) {
            if (member instanceof TypeElement nested && member.getKind() != ElementKind.OTHER) {
                addClassFiles(nested, location, moduleAndPackage, kinds, found);
            }
        }
    }

    @Override
    public String inferBinaryName(Location location, JavaFileObject file) {
        if (file instanceof ClassFile classFile) {
            return classFile.binaryName;
        }
        if (file instanceof TypedCopy.SourceText source && source.binaryName != null) {
            return source.binaryName;
        }
        return super.inferBinaryName(location, file);
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
