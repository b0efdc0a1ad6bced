package dev.pollen.processor;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Whether a statement "can complete normally" in the sense of JLS 14.22, so that the machine
 * knows whether code it appends after the user's statement (a jump to the next state) is
 * reachable. Javac rejects unreachable statements, so a wrong YES would make generated code fail
 * to compile and a wrong NO would drop a jump. When the rules hinge on a constant expression this
 * class cannot evaluate, the answer is {@link Answer#MAYBE} and the caller makes the question moot.
 */
final class Reachability {
    enum Answer {
        YES, NO, MAYBE;

        Answer or(Answer other) {
            return this == YES || other == YES ? YES : this == MAYBE || other == MAYBE ? MAYBE : NO;
        }

        Answer and(Answer other) {
            return this == NO || other == NO ? NO : this == MAYBE || other == MAYBE ? MAYBE : YES;
        }
    }

    private final Body body;

    Reachability(Body body) {
        this.body = body;
    }

    Answer completesNormally(List<? extends StatementTree> statements) {
        return statements.isEmpty() ? Answer.YES : completesNormally(statements.get(statements.size() - 1));
    }

    Answer completesNormally(StatementTree s) {
        switch (s.getKind()) {
            case RETURN, THROW, BREAK, CONTINUE, YIELD:
                return Answer.NO;
            case BLOCK:
                return completesNormally(((BlockTree) s).getStatements());
            case LABELED_STATEMENT: {
                LabeledStatementTree labeled = (LabeledStatementTree) s;
                return breaksOut(labeled.getStatement(), labeled) ? Answer.YES
                        : completesNormally(labeled.getStatement());
            }
            case IF: {
                IfTree i = (IfTree) s;
                return i.getElseStatement() == null ? Answer.YES
                        : completesNormally(i.getThenStatement()).or(completesNormally(i.getElseStatement()));
            }
            case WHILE_LOOP:
                return loop(((WhileLoopTree) s).getCondition(), s);
            case FOR_LOOP:
                return loop(((ForLoopTree) s).getCondition(), s);
            case DO_WHILE_LOOP: {
                DoWhileLoopTree loop = (DoWhileLoopTree) s;
                if (breaksOut(loop, loop)) {
                    return Answer.YES;
                }
                Answer constant = constantTrue(loop.getCondition());
                if (constant == Answer.NO) {
                    // Reaches its condition if the body completes or continues: MAYBE covers continue.
                    return completesNormally(loop.getStatement()) == Answer.YES ? Answer.YES : Answer.MAYBE;
                }
                return constant == Answer.YES ? Answer.NO : Answer.MAYBE;
            }
            case SYNCHRONIZED:
                return completesNormally(((SynchronizedTree) s).getBlock());
            case TRY: {
                TryTree t = (TryTree) s;
                Answer body = completesNormally(t.getBlock());
                for (var c : t.getCatches()) {
                    body = body.or(completesNormally(c.getBlock()));
                }
                return t.getFinallyBlock() == null ? body : body.and(completesNormally(t.getFinallyBlock()));
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) s;
                boolean hasDefault = sw.getCases().stream().anyMatch(c -> c.getExpressions().isEmpty());
                return !hasDefault || breaksOut(sw, sw) ? Answer.YES : Answer.MAYBE;
            }
            default:
                return Answer.YES; // expression statements, declarations, empty, assert, local classes
        }
    }

    /** {@code while}/{@code for}: completes unless the condition is constant true and no break exits. */
    private Answer loop(ExpressionTree condition, StatementTree loop) {
        if (breaksOut(loop, loop)) {
            return Answer.YES;
        }
        if (condition == null) {
            return Answer.NO;
        }
        Answer constant = constantTrue(condition);
        return constant == Answer.YES ? Answer.NO : constant == Answer.NO ? Answer.YES : Answer.MAYBE;
    }

    /** Whether {@code e} is a constant expression with value true (YES), surely not (NO), or unknown. */
    private Answer constantTrue(ExpressionTree e) {
        if (e instanceof ParenthesizedTree p) {
            return constantTrue(p.getExpression());
        }
        if (e instanceof LiteralTree literal) {
            return Boolean.TRUE.equals(literal.getValue()) ? Answer.YES : Answer.NO;
        }
        if (e.getKind() == Tree.Kind.IDENTIFIER || e.getKind() == Tree.Kind.MEMBER_SELECT) {
            Element element = body.element(e);
            if (element instanceof VariableElement v && v.getConstantValue() != null) {
                return Boolean.TRUE.equals(v.getConstantValue()) ? Answer.YES : Answer.NO;
            }
            return Answer.NO;
        }
        if (e instanceof UnaryTree || e instanceof BinaryTree) {
            // Possibly a constant built from constants (1 == 1, !DEBUG): not evaluated here.
            return onlyConstantParts(e) ? Answer.MAYBE : Answer.NO;
        }
        return Answer.NO; // calls, assignments, instanceof, ... are never constant
    }

    private boolean onlyConstantParts(ExpressionTree e) {
        if (e instanceof ParenthesizedTree p) {
            return onlyConstantParts(p.getExpression());
        }
        if (e instanceof UnaryTree u) {
            return onlyConstantParts(u.getExpression());
        }
        if (e instanceof BinaryTree b) {
            return onlyConstantParts(b.getLeftOperand()) && onlyConstantParts(b.getRightOperand());
        }
        if (e instanceof LiteralTree) {
            return true;
        }
        if (e.getKind() == Tree.Kind.IDENTIFIER || e.getKind() == Tree.Kind.MEMBER_SELECT) {
            return body.element(e) instanceof VariableElement v && v.getConstantValue() != null;
        }
        return false;
    }

    /** Statements a plain {@code break} inside them exits (so it does not exit an outer one). */
    private static final java.util.Set<Tree.Kind> BREAKABLE = java.util.EnumSet.of(Tree.Kind.WHILE_LOOP,
            Tree.Kind.DO_WHILE_LOOP, Tree.Kind.FOR_LOOP, Tree.Kind.ENHANCED_FOR_LOOP, Tree.Kind.SWITCH,
            Tree.Kind.SWITCH_EXPRESSION);

    /** Whether {@code within} holds a break that exits {@code target} (a loop, switch or label). */
    private static boolean breaksOut(Tree within, Tree target) {
        String label = target instanceof LabeledStatementTree l ? l.getLabel().toString() : null;
        Boolean found = new TreeScanner<Boolean, Integer>() {
            /** {@code depth}: how many breakable statements inside {@code target} enclose the tree. */
            @Override
            public Boolean scan(Tree tree, Integer depth) {
                if (tree == null || tree instanceof ClassTree || tree instanceof LambdaExpressionTree) {
                    return false; // a break cannot leave a class body or a lambda
                }
                if (tree instanceof BreakTree b) {
                    return b.getLabel() == null ? depth == 0 && label == null : b.getLabel().contentEquals(
                            label == null ? "" : label);
                }
                boolean nested = tree != target && BREAKABLE.contains(tree.getKind());
                return super.scan(tree, nested ? depth + 1 : depth);
            }

            @Override
            public Boolean reduce(Boolean a, Boolean b) {
                return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
            }
        }.scan(within, 0);
        return Boolean.TRUE.equals(found);
    }
}
