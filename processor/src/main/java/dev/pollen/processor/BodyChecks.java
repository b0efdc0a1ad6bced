package dev.pollen.processor;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Stage "analyse", part 3: finds what the lowering cannot compile, as errors on the exact tree.
 * When this reports nothing, {@link Lowering} and {@link Renderer} can handle the whole body.
 */
final class BodyChecks {
    record Problem(Tree tree, String message) {}

    private final Body body;
    private final NameResolver names;
    private final Set<VariableElement> hoisted;
    private final List<Problem> problems = new ArrayList<>();

    private BodyChecks(Body body, NameResolver names, Set<VariableElement> hoisted) {
        this.body = body;
        this.names = names;
        this.hoisted = hoisted;
    }

    static List<Problem> check(Body body, NameResolver names, Set<VariableElement> hoisted) {
        BodyChecks checks = new BodyChecks(body, names, hoisted);
        for (MethodInvocationTree await : body.awaits) {
            checks.checkAwait(await);
        }
        checks.checkNames();
        return checks.problems;
    }

    private void report(Tree tree, String message) {
        problems.add(new Problem(tree, message));
    }

    private void checkAwait(MethodInvocationTree await) {
        if (body.insideNestedCode(await, body.method)) {
            report(await, Messages.awaitInNestedCode());
            return;
        }
        if (insideAnotherAwait(await)) {
            return; // the outer await reports the nesting
        }
        if (body.containsAwait(Body.awaitedFuture(await))) {
            report(await, Messages.notSupportedYet("an await(...) nested in another await's argument",
                    Messages.HINT_MOVE_AWAIT));
            return;
        }
        StatementTree site = siteOf(await);
        if (site == null) {
            report(await, Messages.notSupportedYet("await(...) inside this expression ("
                    + describe(parentSkippingParens(body.path(await)).getLeaf()) + ")", Messages.HINT_MOVE_AWAIT));
            return;
        }
        // Every statement around the site must be one the lowering splits into states.
        for (TreePath p = body.path(site).getParentPath(); p.getLeaf() != body.method; p = p.getParentPath()) {
            Tree around = p.getLeaf();
            if (around.getKind() == Tree.Kind.SYNCHRONIZED) {
                report(await, Messages.awaitInSynchronized());
                return;
            }
            if (!(around instanceof BlockTree) && !(around instanceof IfTree)) {
                report(await, Messages.notSupportedYet("await(...) inside " + describe(around),
                        "Loops, try, switch and labeled statements come in the next release; until then,"
                                + " move the awaiting part into an @Async helper method."));
                return;
            }
        }
    }

    private boolean insideAnotherAwait(MethodInvocationTree await) {
        for (TreePath p = body.path(await).getParentPath(); p.getLeaf() != body.method; p = p.getParentPath()) {
            if (body.isAwait(p.getLeaf())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The statement whose lowering handles {@code await}, if the await stands where this release
     * supports it: a statement of its own, the initializer of a local, the right-hand side of a
     * plain assignment to a name, the value of a return, or the condition of an if.
     */
    private StatementTree siteOf(MethodInvocationTree await) {
        TreePath parent = parentSkippingParens(body.path(await));
        Tree p = parent.getLeaf();
        if (p instanceof ExpressionStatementTree s) {
            return s;
        }
        if (p instanceof VariableTree v && v.getInitializer() != null && isBlockStatement(parent)) {
            return v;
        }
        if (p instanceof ReturnTree r) {
            return r;
        }
        if (p instanceof IfTree i) {
            return i;
        }
        if (p instanceof AssignmentTree assign && strip(assign.getExpression()) == await
                && isAssignableName(assign.getVariable())
                && parentSkippingParens(parent).getLeaf() instanceof ExpressionStatementTree s) {
            return s;
        }
        return null;
    }

    /** {@code x}, {@code this.x} or {@code C.this.x}: evaluating it has no effect an await could reorder. */
    private boolean isAssignableName(ExpressionTree target) {
        if (target instanceof IdentifierTree) {
            return true;
        }
        return target instanceof MemberSelectTree select
                && (select.getExpression() instanceof IdentifierTree id && id.getName().contentEquals("this")
                        || select.getExpression() instanceof MemberSelectTree inner
                                && inner.getIdentifier().contentEquals("this"));
    }

    private static boolean isBlockStatement(TreePath path) {
        return path.getParentPath().getLeaf() instanceof BlockTree;
    }

    static TreePath parentSkippingParens(TreePath path) {
        TreePath parent = path.getParentPath();
        while (parent.getLeaf() instanceof ParenthesizedTree) {
            parent = parent.getParentPath();
        }
        return parent;
    }

    static ExpressionTree strip(ExpressionTree e) {
        while (e instanceof ParenthesizedTree p) {
            e = p.getExpression();
        }
        return e;
    }

    private void checkNames() {
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                // Trees javac synthesized (an anonymous class's constructor) are not the user's code.
                return tree != null && body.start(tree) < 0 ? null : super.scan(tree, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                reportIfUnsupported(id, names.identifier(id));
                return null;
            }

            @Override
            public Void visitMemberSelect(MemberSelectTree select, Void unused) {
                NameResolver.Resolution r = names.memberSelect(select);
                reportIfUnsupported(select, r);
                return r.kind() == NameResolver.Kind.VERBATIM ? super.visitMemberSelect(select, unused) : null;
            }

            @Override
            public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
                reportIfUnsupported(ref, names.memberReference(ref));
                return super.visitMemberReference(ref, unused);
            }

            @Override
            public Void visitNewClass(NewClassTree create, Void unused) {
                reportIfUnsupported(create, names.newClass(create));
                return super.visitNewClass(create, unused);
            }

            @Override
            public Void visitVariable(VariableTree variable, Void unused) {
                Element local = body.element(variable);
                if (hoisted.contains(local) && (local.getKind() != ElementKind.LOCAL_VARIABLE
                        || !isBlockStatement(body.path(variable)))) {
                    report(variable, Messages.notSupportedYet("a " + describe(variable)
                            + " that lives across an await", "Copy it into a local variable first."));
                }
                return super.visitVariable(variable, unused);
            }
        }.scan(body.method.getBody(), null);
    }

    private void reportIfUnsupported(Tree tree, NameResolver.Resolution r) {
        if (r.kind() == NameResolver.Kind.UNSUPPORTED) {
            report(tree, r.why());
        }
    }

    private String describe(Tree tree) {
        if (tree instanceof VariableTree v) {
            return switch (body.element(v).getKind()) {
                case BINDING_VARIABLE -> "pattern variable";
                case EXCEPTION_PARAMETER -> "catch parameter";
                case RESOURCE_VARIABLE -> "resource variable";
                default -> "variable declared in this position";
            };
        }
        return switch (tree.getKind()) {
            case WHILE_LOOP -> "a while loop";
            case DO_WHILE_LOOP -> "a do/while loop";
            case FOR_LOOP, ENHANCED_FOR_LOOP -> "a for loop";
            case TRY -> "a try statement";
            case CATCH -> "a catch block";
            case SWITCH, CASE -> "a switch statement";
            case SWITCH_EXPRESSION -> "a switch expression";
            case LABELED_STATEMENT -> "a labeled statement";
            default -> tree.getKind().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }
}
