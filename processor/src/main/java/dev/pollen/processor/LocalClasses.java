package dev.pollen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Local classes (records, enums, interfaces) that the machine declares as its own members:
 * those that an await follows in their block, since the states after it must still name them.
 * The others stay where they are, in the one state that uses them.
 *
 * <p>A moved class keeps what it captures (locals of the method: effectively final, and
 * definitely assigned before the class) in final fields of its own, initialized from the
 * machine's fields when an instance is made. Those are the values Java captures, as long as the
 * machine's fields still hold them wherever the class can be instantiated: such locals are
 * always fields and never cleared (see {@link #captured}).
 */
final class LocalClasses {
    /** A class to move, and the method's locals it captures, in order of first use. */
    record Moved(ClassTree tree, List<VariableElement> captured) {}

    private final Map<ClassTree, Moved> moved;

    private LocalClasses(Map<ClassTree, Moved> moved) {
        this.moved = moved;
    }

    static LocalClasses of(Body body) {
        Map<ClassTree, Moved> moved = new LinkedHashMap<>(); // in source order
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitClass(ClassTree local, Void unused) {
                if (awaitsAfter(body, body.path(local))) {
                    moved.put(local, new Moved(local, capturedBy(body, local)));
                }
                return null; // a class inside it is moved with it
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
                return null; // no await in a lambda: all of it stays in one state
            }

            @Override
            public Void visitNewClass(com.sun.source.tree.NewClassTree create, Void unused) {
                scan(create.getEnclosingExpression(), unused);
                scan(create.getArguments(), unused);
                return null; // an anonymous class body, like a lambda
            }
        }.scan(body.method.getBody(), null);
        return new LocalClasses(moved);
    }

    /** The class moved for {@code tree}; null if it stays where it is. */
    Moved moved(Tree tree) {
        return moved.get(tree);
    }

    /** The moved classes, in source order. */
    List<Moved> all() {
        return new ArrayList<>(moved.values());
    }

    /** The locals that moved classes capture: fields of the machine, never cleared. */
    Set<VariableElement> captured() {
        Set<VariableElement> all = new LinkedHashSet<>();
        moved.values().forEach(m -> all.addAll(m.captured()));
        return all;
    }

    /**
     * Whether an await follows the class declared at {@code path} in its scope: the rest of its
     * block, or of its switch block for a class declared in a case.
     */
    private static boolean awaitsAfter(Body body, TreePath path) {
        Tree parent = path.getParentPath().getLeaf();
        List<? extends StatementTree> after = parent instanceof BlockTree block ? block.getStatements()
                : parent instanceof CaseTree ? casesAfter(path.getParentPath()) : List.of();
        long start = body.start(path.getLeaf());
        return after.stream().anyMatch(s -> body.start(s) > start && body.containsAwait(s));
    }

    private static List<StatementTree> casesAfter(TreePath casePath) {
        List<StatementTree> statements = new ArrayList<>();
        if (casePath.getParentPath().getLeaf() instanceof SwitchTree sw) {
            for (CaseTree c : sw.getCases()) {
                if (c.getStatements() != null) {
                    statements.addAll(c.getStatements());
                }
            }
        }
        return statements;
    }

    /** The locals and parameters of the method that {@code local}'s body uses. */
    private static List<VariableElement> capturedBy(Body body, ClassTree local) {
        Set<Element> declaredInside = new java.util.HashSet<>();
        Set<VariableElement> captured = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                declaredInside.add(body.element(variable));
                return super.visitVariable(variable, unused);
            }
        }.scan(local, null);
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                if (e instanceof VariableElement v && Body.isLocal(v) && !declaredInside.contains(v)) {
                    captured.add(v);
                }
                return null;
            }
        }.scan(local, null);
        return new ArrayList<>(captured);
    }
}
