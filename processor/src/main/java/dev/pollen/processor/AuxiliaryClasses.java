package dev.pollen.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether the machine names an auxiliary class: a top-level class declared in a source file
 * named after another class. Javac warns ({@code -Xlint:auxiliaryclass}) when a class in another
 * file uses one; the body in its own file may use it silently, so the machine suppresses that
 * warning where it applies, as the body caused none.
 */
final class AuxiliaryClasses {
    private AuxiliaryClasses() {}

    /**
     * Whether a type the body names or infers, or the method's class or one of its supertypes
     * (which super calls name), is an auxiliary class of a source of this compilation.
     */
    static boolean named(Body body) {
        Set<TypeElement> types = new HashSet<>();
        Deque<TypeMirror> pending = new ArrayDeque<>();
        pending.add(body.owner.asType());
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null && body.start(tree) >= 0) {
                    Element e = body.element(tree);
                    if (e != null && e.asType() != null) {
                        pending.add(e.asType());
                    }
                    TypeMirror type = body.type(tree);
                    if (type != null) {
                        pending.add(type);
                    }
                }
                return super.scan(tree, unused);
            }
        }.scan(body.method.getBody(), null);
        while (!pending.isEmpty()) {
            TypeMirror type = pending.pop();
            if (type.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
            if (types.add(element)) {
                pending.addAll(((DeclaredType) type).getTypeArguments());
                pending.add(element.getSuperclass());
                pending.addAll(element.getInterfaces());
            }
        }
        for (TypeElement type : types) {
            if (isAuxiliary(body, topLevel(type))) {
                return true;
            }
        }
        return false;
    }

    private static TypeElement topLevel(TypeElement type) {
        TypeElement top = type;
        for (Element e = type; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
            if (e instanceof TypeElement t) {
                top = t;
            }
        }
        return top;
    }

    private static boolean isAuxiliary(Body body, TypeElement top) {
        TreePath path = body.copy.trees.getPath(top);
        if (path == null) {
            return false; // from a class file
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        String file = unit.getSourceFile().getName().replace('\\', '/');
        return !file.endsWith("/" + top.getSimpleName() + ".java") && !file.equals(top.getSimpleName() + ".java");
    }
}
