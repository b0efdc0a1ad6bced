package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Stage "lower", expressions: evaluates an expression that contains awaits, in Java's order, as
 * code spread over states. Each operand evaluated before a later await is first saved in a field
 * (a spill, as Roslyn's spiller does), since the state that resumes after the await has lost the
 * locals of the state before. The expression is then rewritten with its operands replaced by the
 * saved values. {@code &&}, {@code ||} and {@code ?:} become jumps, so the side not taken is never
 * evaluated. Which expression kinds may hold an await is decided by {@link BodyChecks}.
 */
final class ExpressionLowering {
    private final Body body;
    private final Renderer renderer;
    private final States states;
    /** Switch expressions hold statements, which {@link Lowering} lowers. */
    private final java.util.function.Function<SwitchExpressionTree, CodeBlock> switches;

    ExpressionLowering(Body body, Renderer renderer, States states,
            java.util.function.Function<SwitchExpressionTree, CodeBlock> switches) {
        this.body = body;
        this.renderer = renderer;
        this.states = states;
        this.switches = switches;
    }

    /**
     * {@link #lower}, converted to where {@code e} flows (Renderer.converted): for a value the
     * caller stores itself rather than rendering {@code e}'s parent over it.
     */
    CodeBlock lowerConverted(ExpressionTree e) {
        return renderer.converted(e, lower(e));
    }

    /** Emits what must run before the value is known; returns the code that yields the value. */
    CodeBlock lower(ExpressionTree e) {
        if (!body.containsAwait(e)) {
            return renderer.render(e);
        }
        if (body.isAwait(e)) {
            MethodInvocationTree await = (MethodInvocationTree) e;
            CodeBlock future = lower(Body.awaitedFuture(await));
            return body.read(states.suspend(future, body.typeName(body.type(await)),
                    body.where(await) + ": " + oneLine(body.source(await)), body.lineOf(await)), body.type(await));
        }
        switch (e.getKind()) {
            case CONDITIONAL_AND:
            case CONDITIONAL_OR:
                return shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case SWITCH_EXPRESSION:
                return switches.apply((SwitchExpressionTree) e);
            default:
                if (e instanceof CompoundAssignmentTree compound && body.containsAwait(compound.getExpression())) {
                    return compoundAssignment(compound);
                }
                return inOrder(e, operands(e));
        }
    }

    /**
     * Lowers {@code operands} (the parts of {@code e} in evaluation order) up to the last one that
     * awaits, saving each earlier value that a later await would otherwise lose.
     */
    private CodeBlock inOrder(ExpressionTree e, List<ExpressionTree> operands) {
        Map<Tree, CodeBlock> lowered = new IdentityHashMap<>();
        int last = lastAwaiting(operands);
        for (int i = 0; i <= last; i++) {
            ExpressionTree operand = operands.get(i);
            CodeBlock code = lower(operand);
            TypeMirror unboxed = Unboxing.target(body, operand);
            if (i < last && unboxed != null) {
                code = spill(unboxed, code); // unboxed (and a null box failing) before the await
            } else if (i < last && !isStable(operand)) {
                // An array initializer nested in another ({{a}, {await(f)}}) stands only there.
                code = spill(body.type(operand), renderer.standalone(operand, code));
            }
            lowered.put(operand, code);
        }
        return renderer.render(e, lowered);
    }

    /**
     * {@code a && b}: b runs only when a is true ({@code ||}: false). The test of a stays in the
     * jump's condition, so that its pattern variables remain in scope for b (JLS 6.3.1).
     */
    private CodeBlock shortCircuit(BinaryTree e) {
        boolean and = e.getKind() == Tree.Kind.CONDITIONAL_AND;
        String result = states.newTemp(TypeName.BOOLEAN);
        CodeBlock left = lower(e.getLeftOperand());
        States.Label end = new States.Label("after " + oneLine(body.source(e)) + " at " + body.where(e), body.lineOf(e));
        states.jumpIf(and ? CodeBlock.of("!($L)", left) : left,
                CodeBlock.builder().addStatement("$L = $L", result, !and).build(), end);
        states.addStatement("$L = $L", result, lower(e.getRightOperand()));
        states.place(end);
        return CodeBlock.of("$L", result);
    }

    /** {@code c ? x : y}: only the branch taken runs. */
    private CodeBlock conditional(ConditionalExpressionTree e) {
        String result = states.newTemp(body.typeName(body.type(e)));
        CodeBlock condition = lower(e.getCondition());
        States.Label otherwise = new States.Label("false branch of ?: at " + body.where(e), body.lineOf(e.getFalseExpression()));
        States.Label end = new States.Label("after ?: at " + body.where(e), body.lineOf(e));
        states.jumpIf(CodeBlock.of("!($L)", condition), otherwise);
        states.addStatement("$L = $L", result, lowerConverted(e.getTrueExpression()));
        states.jump(end);
        states.place(otherwise);
        states.addStatement("$L = $L", result, lowerConverted(e.getFalseExpression()));
        states.place(end);
        return body.read(CodeBlock.of("$L", result), body.type(e));
    }

    /**
     * {@code v op= await(f)}: Java reads v's old value before evaluating the right-hand side
     * (JLS 15.26.2), so it is saved first, unless v is a local kept in a field that the right-hand
     * side does not assign (nothing else can change it meanwhile); the implicit cast to v's type is
     * written out. A boxed v is saved unboxed: Java unboxes the saved value before the right-hand
     * side runs, so a null fails first.
     */
    private CodeBlock compoundAssignment(CompoundAssignmentTree e) {
        Map<Tree, CodeBlock> lowered = new IdentityHashMap<>();
        for (ExpressionTree part : lvalueParts(e.getVariable())) {
            TypeMirror unboxed = Unboxing.target(body, part);
            lowered.put(part, unboxed != null ? spill(unboxed, lower(part))
                    : isStable(part) ? lower(part) : spill(part, lower(part)));
        }
        CodeBlock variable = renderer.render(e.getVariable(), lowered);
        CodeBlock old = variable;
        TypeMirror type = body.type(e.getVariable());
        if (!type.getKind().isPrimitive() && body.unboxed(type) != null) {
            old = spill(body.unboxed(type), variable);
        } else if (!isFieldLocal(e.getVariable()) || body.assigns(e.getExpression(), body.element(e.getVariable()))) {
            old = spill(e.getVariable(), variable);
        }
        CodeBlock value = lower(e.getExpression());
        CodeBlock operation = CodeBlock.of("$L $L ($L)", old, operator(e.getKind()), value);
        CodeBlock stored = renderer.compoundValue(e, operation);
        CodeBlock privateWrite = renderer.privateWrite(e, e.getVariable(), stored, lowered);
        return privateWrite != null ? privateWrite : CodeBlock.of("$L = $L", variable, stored);
    }

    private CodeBlock spill(ExpressionTree operand, CodeBlock code) {
        return spill(body.type(operand), code);
    }

    private CodeBlock spill(TypeMirror type, CodeBlock code) {
        String temp = states.newTemp(body.typeName(type));
        states.addStatement("$L = $L", temp, code);
        return body.read(CodeBlock.of("$L", temp), type);
    }

    /** The parts of {@code e} that Java evaluates, in order (JLS 15.7). */
    private List<ExpressionTree> operands(ExpressionTree e) {
        List<ExpressionTree> operands = new ArrayList<>();
        if (e instanceof MethodInvocationTree call) {
            if (call.getMethodSelect() instanceof MemberSelectTree select && isValue(select.getExpression())) {
                operands.add(select.getExpression());
            }
            operands.addAll(call.getArguments());
        } else if (e instanceof NewClassTree create) {
            if (create.getEnclosingExpression() != null) {
                operands.add(create.getEnclosingExpression());
            }
            operands.addAll(create.getArguments());
        } else if (e instanceof NewArrayTree array) {
            if (array.getDimensions() != null) {
                operands.addAll(array.getDimensions());
            }
            if (array.getInitializers() != null) {
                operands.addAll(array.getInitializers());
            }
        } else if (e instanceof ArrayAccessTree access) {
            operands.add(access.getExpression());
            operands.add(access.getIndex());
        } else if (e instanceof MemberSelectTree select) {
            operands.add(select.getExpression());
        } else if (e instanceof com.sun.source.tree.MemberReferenceTree reference) {
            // Java evaluates the receiver once, when the reference is (JLS 15.13.3).
            operands.add(reference.getQualifierExpression());
        } else if (e instanceof BinaryTree binary) {
            operands.add(binary.getLeftOperand());
            operands.add(binary.getRightOperand());
        } else if (e instanceof UnaryTree unary) {
            operands.add(unary.getExpression());
        } else if (e instanceof TypeCastTree cast) {
            operands.add(cast.getExpression());
        } else if (e instanceof ParenthesizedTree parens) {
            operands.add(parens.getExpression());
        } else if (e instanceof InstanceOfTree test) {
            operands.add(test.getExpression());
        } else if (e instanceof AssignmentTree assign) {
            operands.addAll(lvalueParts(assign.getVariable()));
            operands.add(assign.getExpression());
        } else if (e instanceof CompoundAssignmentTree compound) {
            operands.addAll(lvalueParts(compound.getVariable()));
        } else {
            throw new IllegalStateException("BodyChecks let through an await in " + e.getKind());
        }
        return operands;
    }

    /** What Java evaluates to find the variable of an assignment: array and index, or the object. */
    private List<ExpressionTree> lvalueParts(ExpressionTree variable) {
        if (variable instanceof ParenthesizedTree parens) {
            return lvalueParts(parens.getExpression());
        }
        if (variable instanceof ArrayAccessTree access) {
            return List.of(access.getExpression(), access.getIndex());
        }
        if (variable instanceof MemberSelectTree select && isValue(select.getExpression())) {
            return List.of(select.getExpression());
        }
        return List.of();
    }

    /** Whether {@code e} denotes a value (not a type or package naming a static member). */
    private boolean isValue(ExpressionTree e) {
        Element element = e instanceof IdentifierTree || e instanceof MemberSelectTree ? body.element(e) : null;
        return !(element instanceof TypeElement || element instanceof PackageElement);
    }

    /**
     * Operands whose value an await cannot change: no need to save them. Besides literals and
     * {@code this}, a local or parameter kept in a field that its statement does not assign: only
     * the machine's own code writes it, and none runs during the await.
     */
    private boolean isStable(ExpressionTree e) {
        if (e instanceof LiteralTree || !isValue(e)) {
            return true;
        }
        if (!(e instanceof IdentifierTree id)) {
            return false;
        }
        if (id.getName().contentEquals("this") || id.getName().contentEquals("super")) {
            return true;
        }
        return isFieldLocal(id) && !body.assigns(enclosingStatement(id), body.element(id));
    }

    /** Only a local kept in a field survives an await: a Java local of this state is gone in the next. */
    private boolean isFieldLocal(ExpressionTree e) {
        return e instanceof IdentifierTree
                && body.element(e) instanceof javax.lang.model.element.VariableElement local && renderer.isField(local);
    }

    private Tree enclosingStatement(Tree tree) {
        for (com.sun.source.util.TreePath p = body.path(tree); ; p = p.getParentPath()) {
            if (p.getLeaf() instanceof com.sun.source.tree.StatementTree) {
                return p.getLeaf();
            }
        }
    }

    private int lastAwaiting(List<ExpressionTree> operands) {
        for (int i = operands.size() - 1; i >= 0; i--) {
            if (body.containsAwait(operands.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException("no operand awaits");
    }


    static String oneLine(String source) {
        String s = source.replaceAll("\\s+", " ").trim();
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }

    static String operator(Tree.Kind kind) {
        return switch (kind) {
            case PLUS_ASSIGNMENT -> "+";
            case MINUS_ASSIGNMENT -> "-";
            case MULTIPLY_ASSIGNMENT -> "*";
            case DIVIDE_ASSIGNMENT -> "/";
            case REMAINDER_ASSIGNMENT -> "%";
            case LEFT_SHIFT_ASSIGNMENT -> "<<";
            case RIGHT_SHIFT_ASSIGNMENT -> ">>";
            case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT -> ">>>";
            case AND_ASSIGNMENT -> "&";
            case OR_ASSIGNMENT -> "|";
            case XOR_ASSIGNMENT -> "^";
            default -> throw new IllegalArgumentException(kind.toString());
        };
    }
}
