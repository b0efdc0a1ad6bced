package dev.pollen.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Stage "analyse", part 3: which of the locals that leave the state of their declaration
 * ({@link Hoisting}) are live across an await, and so must be fields of the machine. The others
 * are locals of {@code resume}: they survive the moves from state to state within one call, and
 * a suspension (which returns from {@code resume}) loses nothing that is read again.
 *
 * <p>A local is live across an await when, within one lifetime of the local (one run of its
 * scope), a read of it may run after the await: a read that follows the await in the source
 * (except in the else branch of an if whose then branch holds the await), or
 * a read anywhere in a loop that contains the await and not the local's declaration (the next
 * iteration), unless every path from the await to the read assigns the local first (a statement
 * {@code x = ...;} before the read in a block that control enters only from its start). Control
 * in Java runs forward in the source except through loops, so this over-approximates liveness:
 * a local it calls dead is dead. A plain assignment {@code x = ...} is not a read. A
 * try-with-resources resource is read at the end of its try, when it is closed.
 */
final class Liveness {
    private Liveness() {}

    /** The members of {@code locals} that are live across an await. */
    static Set<VariableElement> acrossAwaits(Body body, Set<VariableElement> locals) {
        Map<Element, VariableTree> declarations = new HashMap<>();
        Map<Element, List<IdentifierTree>> reads = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                Element e = body.element(variable);
                if (locals.contains(e)) {
                    declarations.put(e, variable);
                }
                return super.visitVariable(variable, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                if (locals.contains(e) && !isAssigned(body, id)) {
                    reads.computeIfAbsent(e, k -> new ArrayList<>()).add(id);
                }
                return null;
            }
        }.scan(body.method.getBody(), null);

        Set<VariableElement> live = new LinkedHashSet<>();
        for (VariableElement local : locals) {
            VariableTree declaration = declarations.get(local);
            Tree scope = scope(body, declaration);
            if (closedAfterAwait(body, declaration)) {
                live.add(local);
                continue;
            }
            for (MethodInvocationTree await : body.awaits) {
                if (within(body, await, scope) && !body.insideNestedCode(await, body.method)
                        && readAfter(body, await, reads.getOrDefault(local, List.of()), declaration, scope)) {
                    live.add(local);
                    break;
                }
            }
        }
        return live;
    }

    private static boolean readAfter(Body body, Tree await, List<IdentifierTree> reads, VariableTree declaration,
            Tree scope) {
        for (IdentifierTree read : reads) {
            if (reachesFrom(body, await, read, declaration, scope) && !killedBetween(body, await, read)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code read} may run after {@code await} in the same lifetime of the local. */
    private static boolean reachesFrom(Body body, Tree await, Tree read, VariableTree declaration, Tree scope) {
        if (body.start(read) >= body.end(await) && !inElseOfIfAround(body, await, read)) {
            return true;
        }
        // Loops around the await, up to the scope (itself a loop for a for's own variables).
        for (TreePath p = body.path(await); p != null; p = p.getParentPath()) {
            Tree loop = p.getLeaf();
            if (JumpTargets.LOOPS.contains(loop.getKind()) && within(body, read, loop)
                    && !repeatsDeclaration(body, loop, declaration)) {
                return true;
            }
            if (loop == scope) {
                break;
            }
        }
        return false;
    }

    /**
     * Whether every path from {@code await} to {@code read} assigns the local first: a statement
     * {@code x = ...;} (or {@code T x = ...;}) of a block holding the read before it, and the await outside that block,
     * before the statement's end, or after the read with no loop inside the block leading back
     * (control enters a block only at its start).
     */
    private static boolean killedBetween(Body body, Tree await, IdentifierTree read) {
        Element local = body.element(read);
        for (TreePath p = body.path(read); p.getParentPath() != null; p = p.getParentPath()) {
            if (!(p.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree block)) {
                continue;
            }
            boolean awaitInBlock = within(body, await, block);
            for (com.sun.source.tree.StatementTree statement : block.getStatements()) {
                if (body.end(statement) > body.start(read)) {
                    break; // at or past the read's statement: x = f(x) reads before it writes
                }
                if (assigns(body, statement, local)
                        && (!awaitInBlock || body.end(await) <= body.end(statement)
                                || body.start(await) >= body.end(read) && !loopInside(body, block, await, read))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code read} is in the else branch of an if whose then branch holds {@code await}. */
    private static boolean inElseOfIfAround(Body body, Tree await, Tree read) {
        for (TreePath p = body.path(await); p.getParentPath() != null; p = p.getParentPath()) {
            if (p.getParentPath().getLeaf() instanceof com.sun.source.tree.IfTree branch
                    && p.getLeaf() == branch.getThenStatement() && branch.getElseStatement() != null
                    && within(body, read, branch.getElseStatement())) {
                return true;
            }
        }
        return false;
    }

    /** {@code x = ...;}, or the declaration {@code T x = ...;} (whose initializer may await). */
    private static boolean assigns(Body body, com.sun.source.tree.StatementTree statement, Element local) {
        if (statement instanceof VariableTree declaration) {
            return declaration.getInitializer() != null && body.element(declaration) == local;
        }
        return statement instanceof com.sun.source.tree.ExpressionStatementTree e
                && e.getExpression() instanceof AssignmentTree assign
                && assign.getVariable() instanceof IdentifierTree target && body.element(target) == local;
    }

    /** Whether a loop strictly inside {@code block} holds both {@code a} and {@code b}. */
    private static boolean loopInside(Body body, Tree block, Tree a, Tree b) {
        for (TreePath p = body.path(a).getParentPath(); p != null && p.getLeaf() != block; p = p.getParentPath()) {
            if (JumpTargets.LOOPS.contains(p.getLeaf().getKind()) && within(body, b, p.getLeaf())) {
                return true;
            }
        }
        return false;
    }

    /** Whether each iteration of {@code loop} declares the local afresh (it is in the loop, not in a for's initializer). */
    private static boolean repeatsDeclaration(Body body, Tree loop, VariableTree declaration) {
        if (loop instanceof ForLoopTree f && f.getInitializer().contains(declaration)) {
            return false;
        }
        return within(body, declaration, loop);
    }

    /**
     * The tree one run of which is one lifetime of the local: its declaring block, for-loop,
     * catch or try; for a local declared in a case of an old-style switch, the whole switch
     * (the cases share one scope).
     */
    static Tree scope(Body body, VariableTree declaration) {
        TreePath parent = body.path(declaration).getParentPath();
        if (parent.getLeaf().getKind() == Tree.Kind.BINDING_PATTERN) {
            // A pattern variable's scope follows the flow of its matches (it may outlive its
            // statement: if (!(o instanceof T t)) return;): take the block around the statement.
            while (!(parent.getLeaf() instanceof com.sun.source.tree.StatementTree)
                    || !(parent.getParentPath().getLeaf() instanceof com.sun.source.tree.BlockTree
                            || parent.getParentPath().getLeaf() instanceof CaseTree)) {
                parent = parent.getParentPath();
            }
            parent = parent.getParentPath();
        }
        return parent.getLeaf() instanceof CaseTree ? parent.getParentPath().getLeaf() : parent.getLeaf();
    }

    private static boolean closedAfterAwait(Body body, VariableTree declaration) {
        Tree parent = body.path(declaration).getParentPath().getLeaf();
        return parent instanceof TryTree t && t.getResources().contains(declaration) && body.containsAwait(t);
    }

    /** {@code x = ...}: the name is written, not read. */
    private static boolean isAssigned(Body body, IdentifierTree id) {
        Tree parent = body.path(id).getParentPath().getLeaf();
        return parent instanceof AssignmentTree assign && assign.getVariable() == id;
    }

    private static boolean within(Body body, Tree tree, Tree region) {
        return body.start(tree) >= body.start(region) && body.end(tree) <= body.end(region);
    }
}
