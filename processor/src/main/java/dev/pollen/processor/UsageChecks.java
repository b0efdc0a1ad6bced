package dev.pollen.processor;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.tools.Diagnostic;

/**
 * Stage "validate" for the code of one user file outside what becomes machines, read in the typed
 * copy and reported on the real trees at the same positions:
 * <ul>
 * <li>an await outside any {@code @Async} method (an error: it would throw at run time);
 * <li>a direct call or method reference to an {@code @Async} method instead of its facade (an
 *     error: the body would run outside a machine and throw at its first await);
 * <li>{@code @Async} on a method of a local or anonymous class (an error: javac does not show such
 *     methods to processors, and generated classes could not name the class anyway);
 * <li>a statement that calls a facade and drops its future (a warning, like Rust's must_use).
 * </ul>
 */
final class UsageChecks {
    private final TypedCopy copy;
    private final CompilationUnitTree unit;
    private final Trees realTrees;
    private final CompilationUnitTree real;
    private final PollenProcessor.RealTrees realAt;
    private final Set<String> facadeClasses;

    UsageChecks(TypedCopy copy, CompilationUnitTree unit, Trees realTrees, CompilationUnitTree real,
            Set<String> facadeClasses) {
        this.copy = copy;
        this.unit = unit;
        this.realTrees = realTrees;
        this.real = real;
        this.realAt = new PollenProcessor.RealTrees(realTrees, real, real);
        this.facadeClasses = facadeClasses;
    }

    void check() {
        new TreePathScanner<Void, Void>() {
            /** How many @Async methods enclose the current tree (local ones count: they get their own error). */
            private int asyncDepth;

            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                Element e = copy.trees.getElement(getCurrentPath());
                boolean async = e != null && PollenProcessor.isAsync(e);
                if (async && inLocalClass(e)) {
                    report(Diagnostic.Kind.ERROR, Messages.localClass(className((TypeElement) e.getEnclosingElement())),
                            method);
                }
                asyncDepth += async ? 1 : 0;
                super.visitMethod(method, unused);
                asyncDepth -= async ? 1 : 0;
                return null;
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                Element callee = copy.trees.getElement(getCurrentPath());
                if (asyncDepth == 0 && isAwait(callee)) {
                    report(Diagnostic.Kind.ERROR, Messages.awaitOutsideAsync(), call);
                }
                checkDirectUse(callee, call);
                return super.visitMethodInvocation(call, unused);
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree reference, Void unused) {
                checkDirectUse(copy.trees.getElement(getCurrentPath()), reference);
                return super.visitMemberReference(reference, unused);
            }

            @Override
            public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
                if (statement.getExpression() instanceof MethodInvocationTree call) {
                    Element callee = copy.trees.getElement(new TreePath(getCurrentPath(), call));
                    if (callee != null && callee.getEnclosingElement() instanceof TypeElement owner
                            && facadeClasses.contains(owner.getQualifiedName().toString())) {
                        report(Diagnostic.Kind.WARNING, Messages.droppedFuture(
                                owner.getSimpleName() + "." + callee.getSimpleName() + "(...)"), call);
                    }
                }
                return super.visitExpressionStatement(statement, unused);
            }
        }.scan(unit, null);
    }

    /**
     * A call or method reference naming an @Async method that has a facade to call instead (one of
     * a local or private class has its own error, and no facade).
     */
    private void checkDirectUse(Element callee, Tree use) {
        if (callee instanceof ExecutableElement method && PollenProcessor.isAsync(method) && !inLocalClass(method)
                && SignatureChecks.facadeProblems(method).isEmpty()) {
            String arguments = method.getModifiers().contains(Modifier.STATIC) ? "(...)" : "(receiver, ...)";
            String facade = Names.facadeClass((TypeElement) method.getEnclosingElement()).simpleName() + "."
                    + method.getSimpleName() + arguments;
            report(Diagnostic.Kind.ERROR, Messages.directCall(AsyncMethod.describe(method), facade), use);
        }
    }

    private static boolean isAwait(Element callee) {
        return callee != null && callee.getSimpleName().contentEquals("await")
                && callee.getEnclosingElement() instanceof TypeElement owner
                && owner.getQualifiedName().contentEquals(Names.AWAIT.canonicalName());
    }

    /** Whether {@code e} is declared in a local or anonymous class, or in a class nested in one. */
    static boolean inLocalClass(Element e) {
        for (Element outer = e.getEnclosingElement(); outer instanceof TypeElement type;
                outer = outer.getEnclosingElement()) {
            if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
                return true;
            }
        }
        return false;
    }

    /** "the local class L", "an anonymous class" or "the class M nested in a local class". */
    static String className(TypeElement type) {
        return switch (type.getNestingKind()) {
            case ANONYMOUS -> "an anonymous class";
            case LOCAL -> "the local class " + type.getSimpleName();
            default -> "the class " + type.getSimpleName() + " nested in a local or anonymous class";
        };
    }

    private void report(Diagnostic.Kind kind, String message, Tree copyTree) {
        Tree at = realAt.find(copy.trees.getSourcePositions().getStartPosition(unit, copyTree), copyTree.getKind());
        if (at != null) {
            realTrees.printMessage(kind, message, at, real);
        }
    }
}
