package dev.pollen.processor;

import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.EnumSet;
import java.util.Set;
import javax.lang.model.element.Name;

/** The statement a {@code break} or {@code continue} leaves (JLS 14.15, 14.16). */
final class JumpTargets {
    private JumpTargets() {}

    /** The statements {@code continue} targets. */
    static final Set<Tree.Kind> LOOPS = EnumSet.of(Tree.Kind.WHILE_LOOP, Tree.Kind.DO_WHILE_LOOP,
            Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP);

    /** For a labeled jump, the labeled statement; otherwise the innermost loop (or switch, for break). */
    static Tree of(Body body, Tree jump) {
        Name label = jump instanceof BreakTree b ? b.getLabel() : ((ContinueTree) jump).getLabel();
        boolean isBreak = jump instanceof BreakTree;
        for (TreePath p = body.path(jump).getParentPath(); p != null; p = p.getParentPath()) {
            Tree t = p.getLeaf();
            if (label != null) {
                if (t instanceof LabeledStatementTree labeled && labeled.getLabel().contentEquals(label)) {
                    return labeled;
                }
            } else if (LOOPS.contains(t.getKind()) || isBreak && t.getKind() == Tree.Kind.SWITCH) {
                return t;
            }
        }
        throw new IllegalStateException("no target for " + jump);
    }
}
