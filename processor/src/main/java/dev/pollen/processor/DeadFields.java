package dev.pollen.processor;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Where a reference field of a local (or parameter) becomes dead, so that the machine clears it
 * and a suspended machine keeps nothing it will not use again. A local is dead after the
 * statement of its declaring block that holds its last use: that statement may be a loop, so
 * the field is cleared only once the loop is done. A try-with-resources resource is used until
 * its try ends (it is closed there), and dead after the try.
 */
final class DeadFields {
    private DeadFields() {}

    /** For each statement of a block, the locals whose fields to clear after it. */
    static Map<StatementTree, List<VariableElement>> of(Body body, Set<VariableElement> fieldLocals) {
        Map<Element, Tree> lastUse = new java.util.HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                if (fieldLocals.contains(e)) {
                    lastUse.merge(e, id, (a, b) -> body.start(b) > body.start(a) ? b : a);
                }
                return null;
            }

            @Override
            public Void visitVariable(com.sun.source.tree.VariableTree v, Void unused) {
                // A resource is used at the end of its try, where it is closed (through a field of
                // its own): it is dead after the try, even if the body never names it.
                Element e = body.element(v);
                if (fieldLocals.contains(e) && isResource(body, v)) {
                    lastUse.merge(e, v, (a, b) -> body.start(b) > body.start(a) ? b : a);
                }
                return super.visitVariable(v, unused);
            }
        }.scan(body.method.getBody(), null);

        Map<StatementTree, List<VariableElement>> clearAfter = new IdentityHashMap<>();
        lastUse.forEach((e, use) -> {
            VariableElement local = (VariableElement) e;
            if (local.asType().getKind().isPrimitive()) {
                return; // nothing to retain
            }
            Tree scope = e.getKind() == ElementKind.PARAMETER ? body.method.getBody() : declaringBlock(body, local);
            StatementTree statement = childOf(body, scope, use);
            if (statement != null) {
                clearAfter.computeIfAbsent(statement, k -> new ArrayList<>()).add(local);
            }
        });
        clearAfter.values().forEach(list -> list.sort(java.util.Comparator.comparing(v -> v.getSimpleName().toString())));
        return clearAfter;
    }

    /** The block whose statement declares {@code local}; null if it is not declared in a block. */
    private static Tree declaringBlock(Body body, VariableElement local) {
        Tree[] found = new Tree[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(com.sun.source.tree.VariableTree v, Void unused) {
                if (body.element(v) == local) {
                    TreePath parent = body.path(v).getParentPath();
                    if (isResource(body, v)) {
                        parent = parent.getParentPath();    // the block of its try
                    }
                    found[0] = parent.getLeaf() instanceof BlockTree ? parent.getLeaf() : null;
                }
                return super.visitVariable(v, unused);
            }
        }.scan(body.method.getBody(), null);
        return found[0];
    }

    /** Whether {@code v} is a resource of a try-with-resources. */
    private static boolean isResource(Body body, com.sun.source.tree.VariableTree v) {
        return body.path(v).getParentPath().getLeaf() instanceof com.sun.source.tree.TryTree t
                && t.getResources().contains(v);
    }

    /** The statement directly in {@code block} that contains {@code tree}. */
    private static StatementTree childOf(Body body, Tree block, Tree tree) {
        if (block == null) {
            return null;
        }
        for (TreePath p = body.path(tree); p.getParentPath() != null; p = p.getParentPath()) {
            if (p.getParentPath().getLeaf() == block) {
                return p.getLeaf() instanceof StatementTree s ? s : null;
            }
        }
        return null;
    }
}
