package dev.pollen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Stage "analyse", part 2: which locals must live in fields of the machine.
 *
 * <p>A local stays a Java local of {@code resume} when all its uses are in the same state as its
 * definition. This release decides it by position: a local is hoisted when a state may begin
 * between the end of its declaration and one of its uses (see {@link #splitPoints}). A local
 * declared inside a block that the lowering flattens is also hoisted when its name is declared
 * elsewhere in the body, since flattening would put both declarations in one Java scope.
 */
final class Hoisting {
    private Hoisting() {}

    /**
     * {@code try (R r = ...await...) { no await }} without catch or finally: the lowering awaits the
     * initializer, then emits the try as plain Java (so the resource, a lock's guard say, can stay
     * a local that the JIT may scalar-replace); its resource needs no field of its own.
     */
    static boolean awaitsOnlyInItsResource(Body body, com.sun.source.tree.TryTree t) {
        return t.getResources().size() == 1 && t.getResources().get(0) instanceof VariableTree
                && t.getCatches().isEmpty() && t.getFinallyBlock() == null && !body.containsAwait(t.getBlock());
    }

    /**
     * {@code keepAll}: the debug option, under which every local declared as a statement (or in a
     * for header, or as a pattern variable) lives in a field, so that a debugger sees it.
     */
    static Set<VariableElement> of(Body body, boolean keepAll) {
        Map<Element, VariableTree> declarations = new LinkedHashMap<>(); // source order
        Map<String, Integer> nameCounts = new HashMap<>();
        Set<VariableElement> hoisted = new LinkedHashSet<>();
        List<Long> splits = splitPoints(body);

        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                Element e = body.element(variable);
                nameCounts.merge(variable.getName().toString(), 1, Integer::sum);
                if (e != null && e.getKind() != ElementKind.PARAMETER && e.getKind() != ElementKind.FIELD
                        && !body.insideNestedCode(variable, body.method)) {
                    declarations.put(e, variable);
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(body.method.getBody(), null);

        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                VariableTree declaration = declarations.get(e);
                if (declaration != null && splitBetween(splits, body.end(declaration), usePosition(body, id))) {
                    hoisted.add((VariableElement) e);
                }
                return null;
            }
        }.scan(body.method.getBody(), null);

        if (keepAll) {
            declarations.forEach((e, declaration) -> {
                Tree parent = body.path(declaration).getParentPath().getLeaf();
                // Declarators of one statement in a copied block keep their shared text (Renderer).
                boolean sharedDeclarationInCopiedBlock = body.isDeclarator(declaration) && !body.containsAwait(parent);
                if ((parent instanceof BlockTree || parent.getKind() == Tree.Kind.FOR_LOOP
                        || parent.getKind() == Tree.Kind.CASE || parent.getKind() == Tree.Kind.BINDING_PATTERN
                                && !inCopiedCaseLabel(body, declaration))
                        && !sharedDeclarationInCopiedBlock) {
                    hoisted.add((VariableElement) e);
                }
            });
        }

        // A loop that awaits runs its body in several states, again and again: a local declared
        // before the loop (or in a for's initializer) and used inside it must survive them all.
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null && JumpTargets.LOOPS.contains(tree.getKind()) && body.containsAwait(tree)
                        && !body.insideNestedCode(tree, body.method)) {
                    hoistUsedInside(body, tree, declarations, hoisted);
                }
                return super.scan(tree, unused);
            }
        }.scan(body.method.getBody(), null);

        // A resource of a try-with-resources that awaits is declared before the state of its block.
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitTry(com.sun.source.tree.TryTree t, Void unused) {
                if (body.containsAwait(t) && !awaitsOnlyInItsResource(body, t)) {
                    for (Tree resource : t.getResources()) {
                        if (resource instanceof VariableTree v) {
                            hoisted.add((VariableElement) body.element(v));
                        }
                    }
                }
                return super.visitTry(t, unused);
            }
        }.scan(body.method.getBody(), null);

        // An old-style switch shares one scope among its cases, which become separate states; the
        // pattern variables of a case are stored by the dispatch, another state (PatternDispatch).
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitCase(com.sun.source.tree.CaseTree c, Void unused) {
                Tree parent = body.path(c).getParentPath().getLeaf();
                if (body.containsAwait(parent) && !body.insideNestedCode(c, body.method)) {
                    PatternDispatch.bindings(c).forEach(v -> hoisted.add((VariableElement) body.element(v)));
                }
                if (c.getStatements() != null && body.containsAwait(parent)) {
                    for (Tree statement : c.getStatements()) {
                        if (statement instanceof VariableTree v && usedOutside(body, v, c)) {
                            hoisted.add((VariableElement) body.element(v));
                        }
                    }
                }
                return super.visitCase(c, unused);
            }
        }.scan(body.method.getBody(), null);

        hoistPrivatePatternVariables(body, hoisted);

        declarations.forEach((e, declaration) -> {
            Tree parent = body.path(declaration).getParentPath().getLeaf();
            if (parent instanceof BlockTree block && block != body.method.getBody() && body.containsAwait(block)
                    && nameCounts.get(declaration.getName().toString()) > 1) {
                hoisted.add((VariableElement) e);
            }
        });
        return hoisted;
    }


    /**
     * {@code x instanceof P p} with P private: the machine cannot declare {@code p} (it can only
     * test {@code P_CLASS.isInstance}), so {@code p} lives in a field or a local of resume, which
     * the test assigns (Renderer.visitInstanceOf).
     */
    private static void hoistPrivatePatternVariables(Body body, Set<VariableElement> hoisted) {
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree test, Void unused) {
                if (test.getPattern() instanceof com.sun.source.tree.BindingPatternTree binding
                        && Denotable.mentionsPrivate(body.element(binding.getVariable()).asType())
                        && !body.insideNestedCode(test, body.method)) {
                    hoisted.add((VariableElement) body.element(binding.getVariable()));
                }
                return super.visitInstanceOf(test, unused);
            }
        }.scan(body.method.getBody(), null);
    }

    /**
     * A pattern variable of a case label of a switch that is copied as it is (it does not
     * await): only Java's own pattern assigns it, so it cannot live in a field.
     */
    private static boolean inCopiedCaseLabel(Body body, VariableTree declaration) {
        for (com.sun.source.util.TreePath p = body.path(declaration).getParentPath(); p != null; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (t.getKind() == Tree.Kind.CASE) {
                return !body.containsAwait(p.getParentPath().getLeaf());
            }
            if (!t.getKind().name().endsWith("PATTERN") && !t.getKind().name().endsWith("CASE_LABEL")) {
                return false;
            }
        }
        return false;
    }

    private static void hoistUsedInside(Body body, Tree loop, Map<Element, VariableTree> declarations,
            Set<VariableElement> hoisted) {
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                VariableTree declaration = declarations.get(e);
                if (declaration != null && declaredOutsideRepetition(body, declaration, loop)) {
                    hoisted.add((VariableElement) e);
                }
                return null;
            }
        }.scan(loop, null);
    }

    private static boolean usedOutside(Body body, VariableTree variable, Tree region) {
        Element e = body.element(variable);
        Boolean found = new TreeScanner<Boolean, Void>() {
            @Override
            public Boolean visitIdentifier(IdentifierTree id, Void unused) {
                return body.element(id) == e && (body.start(id) < body.start(region) || body.start(id) >= body.end(region));
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(body.path(region).getParentPath().getLeaf(), null);
        return Boolean.TRUE.equals(found);
    }

    /** Outside the loop, or in a for loop's initializer (which runs once). */
    private static boolean declaredOutsideRepetition(Body body, VariableTree declaration, Tree loop) {
        boolean inside = body.start(declaration) >= body.start(loop) && body.end(declaration) <= body.end(loop);
        return !inside || loop instanceof com.sun.source.tree.ForLoopTree f && f.getInitializer().contains(declaration);
    }

    /**
     * Where a name is used: where it appears, except for the variable of an assignment whose
     * right side awaits ({@code v = await(f)}, {@code v += await(f)}), which is stored after the
     * await.
     */
    private static long usePosition(Body body, IdentifierTree id) {
        Tree parent = body.path(id).getParentPath().getLeaf();
        if (parent instanceof com.sun.source.tree.AssignmentTree assign && assign.getVariable() == id
                && body.containsAwait(assign.getExpression())) {
            return body.end(assign);
        }
        if (parent instanceof com.sun.source.tree.CompoundAssignmentTree assign && assign.getVariable() == id
                && body.containsAwait(assign.getExpression())) {
            return body.end(assign);
        }
        return body.start(id);
    }

    /** Statements (and parts) that the lowering splits into states when they contain an await. */
    private static final java.util.Set<Tree.Kind> SPLIT = java.util.EnumSet.of(Tree.Kind.IF, Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.TRY,
            Tree.Kind.SWITCH, Tree.Kind.SWITCH_EXPRESSION, Tree.Kind.LABELED_STATEMENT,
            Tree.Kind.CATCH, Tree.Kind.CASE, Tree.Kind.CONDITIONAL_EXPRESSION);

    /**
     * Positions where the lowering may start a new state: the end of each await (the machine
     * suspends there), and the start and end of each compound statement, case, catch and
     * {@code ?:} that contains an await, since the lowering splits those into states of their
     * own (a try block, a case, the code after an if, ...). Locals do not survive from one state
     * to another.
     */
    private static List<Long> splitPoints(Body body) {
        List<Long> splits = new java.util.ArrayList<>();
        for (MethodInvocationTree await : body.awaits) {
            if (!body.insideNestedCode(await, body.method)) {
                splits.add(body.end(await));
            }
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree != null && SPLIT.contains(tree.getKind()) && tree != body.method.getBody()
                        && body.containsAwait(tree)) {
                    splits.add(body.start(tree));
                    splits.add(body.end(tree));
                }
                return super.scan(tree, unused);
            }

            @Override
            public Void visitLambdaExpression(com.sun.source.tree.LambdaExpressionTree lambda, Void unused) {
                return null;
            }

            @Override
            public Void visitClass(com.sun.source.tree.ClassTree c, Void unused) {
                return null;
            }
        }.scan(body.method.getBody(), null);
        return splits;
    }

    /** Whether a state may begin in {@code (from, to]}. */
    private static boolean splitBetween(List<Long> splits, long from, long to) {
        for (long at : splits) {
            if (at > from && at <= to) {
                return true;
            }
        }
        return false;
    }
}
