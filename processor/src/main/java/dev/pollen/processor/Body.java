package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The typed body of one {@code @Async} method in the {@link TypedCopy}: every tree's path, the
 * await calls, and position helpers. Read-only after construction.
 */
final class Body {
    final TypedCopy copy;
    final CompilationUnitTree unit;
    final MethodTree method;
    final ExecutableElement element;
    final TypeElement owner;
    private final String text;
    private final boolean marksLines;
    private final SourcePositions positions;
    private final Map<Tree, TreePath> paths = new IdentityHashMap<>();
    /** Every {@code await(...)} call of the body, in source order, including unsupported ones. */
    final List<MethodInvocationTree> awaits = new ArrayList<>();
    /** Every identifier spelled in the body: generated names must not shadow any of them. */
    final Set<String> identifiers = new TreeSet<>();
    /**
     * The names of the variables, classes and type variables the body declares: each obscures or
     * shadows a type of that simple name where it is in scope (JLS 6.4.1, 6.4.2).
     */
    final Set<String> declaredNames = new TreeSet<>();
    /** How many variables of each name the body declares (in any scope, lambdas included). */
    private final Map<String, Integer> declarationCounts = new HashMap<>();

    /** Whether {@link #read} wrote an unchecked cast (see {@link #wroteUncheckedCasts}). */
    private boolean uncheckedCasts;

    /** Class type variables the machine declares under another name (Denotable.renamedTypeVariables). */
    private final Map<String, String> renamedTypeVariables;

    /** {@code type} as the machine writes it (see {@link Denotable}). */
    TypeName typeName(TypeMirror type) {
        return Denotable.typeName(type, renamedTypeVariables);
    }

    /** {@code type} as the machine writes it, as a type of the typed copy (Denotable.projection). */
    TypeMirror projection(TypeMirror type) {
        return Denotable.projection(type, copy.types, copy.elements);
    }

    /**
     * {@code stored}, a value kept under {@link #typeName}'s type, read back as {@code type}: cast
     * to the intersection where typeName wrote one of its bounds only (see Denotable.memberCast).
     */
    CodeBlock read(CodeBlock stored, TypeMirror type) {
        CodeBlock cast = Denotable.memberCast(type, copy.types, renamedTypeVariables);
        uncheckedCasts |= Denotable.isUncheckedMemberCast(type, copy.types, renamedTypeVariables);
        return cast == null ? stored : CodeBlock.of("($L $L)", cast, stored);
    }

    /**
     * A cast the machine wrote to {@code type} from an unrelated projection (PrivateWidening):
     * unchecked when {@code type} has type arguments other than unbounded wildcards.
     */
    void noteCast(TypeMirror type) {
        uncheckedCasts |= type instanceof javax.lang.model.type.DeclaredType declared
                && declared.getTypeArguments().stream().anyMatch(a -> !(a instanceof javax.lang.model.type.WildcardType w
                        && w.getExtendsBound() == null && w.getSuperBound() == null));
    }

    /**
     * Whether {@link #read} wrote an unchecked cast: the machine then suppresses the warning, which
     * the source, where javac knows the intersection, does not have.
     */
    boolean wroteUncheckedCasts() {
        return uncheckedCasts;
    }

    /** Whether {@link #read} casts a value of {@code type}: it is (or is bounded by) an intersection. */
    boolean isIntersection(TypeMirror type) {
        return Denotable.memberCast(type, copy.types, renamedTypeVariables) != null;
    }

    /** A local variable of any kind, or a parameter: what lambdas and local classes capture. */
    static boolean isLocal(Element e) {
        return switch (e.getKind()) {
            case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE -> true;
            default -> false;
        };
    }

    /** Whether {@code tree} assigns the local {@code variable} (=, op=, ++, --). */
    boolean assigns(Tree tree, Element variable) {
        Boolean assigned = new com.sun.source.util.TreeScanner<Boolean, Void>() {
            @Override
            public Boolean visitAssignment(com.sun.source.tree.AssignmentTree t, Void unused) {
                return targets(t.getVariable()) || Boolean.TRUE.equals(super.visitAssignment(t, unused));
            }

            @Override
            public Boolean visitCompoundAssignment(com.sun.source.tree.CompoundAssignmentTree t, Void unused) {
                return targets(t.getVariable()) || Boolean.TRUE.equals(super.visitCompoundAssignment(t, unused));
            }

            @Override
            public Boolean visitUnary(com.sun.source.tree.UnaryTree t, Void unused) {
                return targets(t.getExpression()) || Boolean.TRUE.equals(super.visitUnary(t, unused));
            }

            private boolean targets(ExpressionTree target) {
                return target instanceof com.sun.source.tree.IdentifierTree && element(target) == variable;
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(tree, null);
        return Boolean.TRUE.equals(assigned);
    }

    Body(TypedCopy copy, CompilationUnitTree unit, TreePath methodPath) {
        this.copy = copy;
        this.unit = unit;
        this.method = (MethodTree) methodPath.getLeaf();
        this.element = (ExecutableElement) copy.trees.getElement(methodPath);
        this.owner = (TypeElement) element.getEnclosingElement();
        this.renamedTypeVariables = Denotable.renamedTypeVariables(element);
        this.positions = copy.trees.getSourcePositions();
        try {
            this.text = unit.getSourceFile().getCharContent(true).toString();
            this.marksLines = LineMap.canMark(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        new TreePathScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null) {
                    paths.put(tree, new TreePath(getCurrentPath(), tree));
                }
                return super.scan(tree, unused);
            }

            @Override
            public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
                if (isAwait(call)) {
                    awaits.add(call);
                }
                return super.visitMethodInvocation(call, unused);
            }

            @Override
            public Void visitIdentifier(com.sun.source.tree.IdentifierTree id, Void unused) {
                identifiers.add(id.getName().toString());
                return null;
            }

            @Override
            public Void visitVariable(com.sun.source.tree.VariableTree v, Void unused) {
                identifiers.add(v.getName().toString());
                declarationCounts.merge(v.getName().toString(), 1, Integer::sum);
                declaredNames.add(v.getName().toString());
                return super.visitVariable(v, unused);
            }

            @Override
            public Void visitClass(ClassTree c, Void unused) {
                declaredNames.add(c.getSimpleName().toString());
                c.getTypeParameters().forEach(t -> declaredNames.add(t.getName().toString()));
                return super.visitClass(c, unused);
            }

            @Override
            public Void visitMethod(MethodTree m, Void unused) {
                m.getTypeParameters().forEach(t -> declaredNames.add(t.getName().toString()));
                return super.visitMethod(m, unused);
            }
        }.scan(new TreePath(methodPath, method.getBody()), null);
        paths.put(method.getBody(), new TreePath(methodPath, method.getBody()));
    }

    /** Whether {@code name} is declared by one variable of the body only. */
    boolean declaresOnce(String name) {
        return declarationCounts.getOrDefault(name, 0) == 1;
    }

    TreePath path(Tree tree) {
        TreePath path = paths.get(tree);
        if (path == null) {
            throw new IllegalArgumentException("tree outside the body: " + tree.getKind());
        }
        return path;
    }

    Element element(Tree tree) {
        return copy.trees.getElement(path(tree));
    }

    TypeMirror type(Tree tree) {
        return copy.trees.getTypeMirror(path(tree));
    }

    /** {@code type} itself if primitive, its primitive type if it is a box, else null. */
    TypeMirror unboxed(TypeMirror type) {
        if (type.getKind().isPrimitive()) {
            return type;
        }
        try {
            return copy.types.unboxedType(type);
        } catch (IllegalArgumentException notBoxed) {
            return null;
        }
    }

    boolean isAwait(Tree tree) {
        if (!(tree instanceof MethodInvocationTree call)) {
            return false;
        }
        Element callee = copy.trees.getElement(paths.containsKey(call) ? paths.get(call) : null);
        return callee != null
                && callee.getKind() == ElementKind.METHOD
                && callee.getSimpleName().contentEquals("await")
                && callee.getEnclosingElement() instanceof TypeElement type
                && type.getQualifiedName().contentEquals(Names.AWAIT.canonicalName());
    }

    /**
     * Whether {@code tree} calls {@code spawn(Future)} of {@code Executor}, {@code AsyncRuntime} or
     * {@code TaskScope}: the machine passes its future through {@code spawnedAt}, which tells the
     * runtime the spawn's source line (recognised by symbol, like an await).
     */
    boolean isSpawn(Tree tree) {
        if (!(tree instanceof MethodInvocationTree call) || call.getArguments().size() != 1) {
            return false;
        }
        Element callee = copy.trees.getElement(paths.containsKey(call) ? paths.get(call) : null);
        return callee instanceof ExecutableElement method
                && method.getSimpleName().contentEquals("spawn")
                && method.getParameters().size() == 1
                && method.getEnclosingElement() instanceof TypeElement type
                && Names.SPAWNERS.contains(type.getQualifiedName().toString());
    }

    /** The argument of an {@code await(...)} call. */
    static ExpressionTree awaitedFuture(MethodInvocationTree await) {
        return await.getArguments().get(0);
    }

    /** Whether {@code tree} contains an await call outside nested lambdas and classes. */
    boolean containsAwait(Tree tree) {
        long start = start(tree);
        long end = end(tree);
        for (MethodInvocationTree await : awaits) {
            if (start(await) >= start && end(await) <= end && !insideNestedCode(await, tree)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code tree} lies in a lambda or class body nested inside {@code within}. */
    boolean insideNestedCode(Tree tree, Tree within) {
        for (TreePath p = path(tree).getParentPath(); p != null && p.getLeaf() != within; p = p.getParentPath()) {
            if (p.getLeaf() instanceof LambdaExpressionTree || p.getLeaf() instanceof ClassTree) {
                return true;
            }
            if (p.getLeaf() == method) {
                break;
            }
        }
        return false;
    }

    long start(Tree tree) {
        return positions.getStartPosition(unit, tree);
    }

    long end(Tree tree) {
        return positions.getEndPosition(unit, tree);
    }

    String text(long start, long end) {
        return text.substring((int) start, (int) end);
    }

    String source(Tree tree) {
        return text(start(tree), end(tree));
    }

    /** {@code File.java:12}: where {@code tree} starts, for comments in generated code. */
    String where(Tree tree) {
        return fileName() + ":" + line(start(tree));
    }

    /**
     * Whether {@code variable} is one of several declared in one statement
     * ({@code int a = 1, b = 2;}): javac gives them one shared type tree, which a declarator with
     * C-style brackets ({@code int a[] = {1}, b;}) wraps in array types of its own.
     */
    boolean isDeclarator(VariableTree variable) {
        Tree parent = path(variable).getParentPath().getLeaf();
        List<? extends StatementTree> siblings = parent instanceof BlockTree b ? b.getStatements()
                : parent instanceof CaseTree c && c.getStatements() != null ? c.getStatements() : List.of();
        return variable.getType() != null && siblings.stream()
                .filter(s -> s instanceof VariableTree v && v.getType() != null
                        && sharedType(v) == sharedType(variable)).count() > 1;
    }

    /** The element type under a declarator's array brackets: the type tree its statement's declarators share. */
    static Tree sharedType(VariableTree declarator) {
        Tree type = declarator.getType();
        while (type instanceof ArrayTypeTree array) {
            type = array.getType();
        }
        return type;
    }

    /**
     * Whether generated code may carry line marks for this body's source ({@link LineMap}): false
     * only for a source that holds a mark's character, whose machine then has no line map.
     */
    boolean marksLines() {
        return marksLines;
    }

    /** The user line where {@code tree} starts. */
    int lineOf(Tree tree) {
        return (int) line(start(tree));
    }

    /** 1-based line of a position. */
    long line(long position) {
        return unit.getLineMap().getLineNumber(position);
    }

    /**
     * The indentation of the line that holds {@code position} (a tab counts as one): the text of
     * a tree keeps its shape relative to that line when it is re-indented.
     */
    int lineIndent(long position) {
        int lineStart = text.lastIndexOf('\n', (int) position - 1) + 1;
        int i = lineStart;
        while (i < position && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i - lineStart;
    }

    String fileName() {
        String path = unit.getSourceFile().toUri().getPath();
        return path == null ? unit.getSourceFile().getName() : path.substring(path.lastIndexOf('/') + 1);
    }
}
