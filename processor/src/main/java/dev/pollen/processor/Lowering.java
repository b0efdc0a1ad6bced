package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.VariableTree;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeKind;

/**
 * Stage "lower", statements: turns the checked body into the states of a flat machine.
 *
 * <p>The machine is a {@code for (;;) switch (state)} loop ({@link States}). A statement without
 * awaits is copied through {@link Renderer}; expressions that await are evaluated by
 * {@link ExpressionLowering}; an {@code if} whose branches await becomes a conditional jump, a
 * state per branch and one after. See docs/design.md.
 */
final class Lowering {
    /** What the lowering produced: the states, and the fields that hold spilled values. */
    record Result(List<States.State> states, List<MachineWriter.Field> temps) {}

    private final Body body;
    private final Renderer renderer;
    private final Reachability reachability;
    private final States states;
    private final ExpressionLowering expressions;

    Lowering(Body body, Renderer renderer, MachineWriter.Vocabulary names, NameAllocator tempNames) {
        this.body = body;
        this.renderer = renderer;
        this.reachability = new Reachability(body);
        this.states = new States(names, tempNames);
        this.expressions = new ExpressionLowering(body, renderer, states);
    }

    Result lower() {
        lowerStatements(body.method.getBody().getStatements());
        if (states.reachable()) {
            if (body.element.getReturnType().getKind() == TypeKind.VOID) {
                states.addStatement("return $T.ready(null)", Names.POLL);
            } else {
                // Reached only after a statement whose completion javac decides by a constant.
                states.addStatement("throw new $T($S)", AssertionError.class, "unreachable");
            }
        }
        List<MachineWriter.Field> temps = new java.util.ArrayList<>();
        return new Result(states.finish(temps), temps);
    }

    private void lowerStatements(List<? extends StatementTree> statements) {
        for (StatementTree s : statements) {
            lowerStatement(s);
        }
    }

    private void lowerStatement(StatementTree s) {
        if (!body.containsAwait(s)) {
            states.addUserStatement(renderer.render(s), reachability.completesNormally(s));
            return;
        }
        switch (s.getKind()) {
            case BLOCK -> lowerStatements(((BlockTree) s).getStatements());
            case IF -> lowerIf((IfTree) s);
            case EXPRESSION_STATEMENT -> {
                ExpressionTree e = ((ExpressionStatementTree) s).getExpression();
                CodeBlock value = expressions.lower(e);
                if (!body.isAwait(e)) { // a bare await's value is dropped, as Java drops it
                    states.addStatement("$L", value);
                }
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                CodeBlock value = expressions.lower(v.getInitializer());
                states.addUserStatement(renderer.render(v, Map.of(v.getInitializer(), value)), Reachability.Answer.YES);
            }
            case RETURN -> {
                ReturnTree r = (ReturnTree) s;
                CodeBlock value = expressions.lower(r.getExpression());
                states.addUserStatement(renderer.render(r, Map.of(r.getExpression(), value)), Reachability.Answer.NO);
            }
            case THROW -> {
                ThrowTree t = (ThrowTree) s;
                CodeBlock value = expressions.lower(t.getExpression());
                states.addUserStatement(renderer.render(t, Map.of(t.getExpression(), value)), Reachability.Answer.NO);
            }
            default -> throw new IllegalStateException("BodyChecks let through an await in " + s.getKind());
        }
    }

    private void lowerIf(IfTree s) {
        CodeBlock test = expressions.lower(s.getCondition());
        StatementTree otherwise = s.getElseStatement();
        if (!body.containsAwait(s.getThenStatement()) && (otherwise == null || !body.containsAwait(otherwise))) {
            // Only the condition awaited: the if itself stays as written.
            states.addUserStatement(renderer.render(s, Map.of(s.getCondition(), test)),
                    reachability.completesNormally(s));
            return;
        }
        String where = body.fileName() + ":" + body.line(body.start(s));
        States.Label elseLabel = otherwise == null ? null : new States.Label("else branch of the if at " + where);
        States.Label end = new States.Label("after the if at " + where);
        states.jumpIf(CodeBlock.of("!$L", test), elseLabel != null ? elseLabel : end);
        lowerStatement(s.getThenStatement());
        if (otherwise != null) {
            if (states.reachable()) {
                states.jump(end);
            }
            states.place(elseLabel);
            lowerStatement(otherwise);
        }
        states.place(end);
    }
}
