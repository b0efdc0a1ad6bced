package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.type.TypeKind;

/**
 * Stage "lower": turns the checked body into the states of a flat machine.
 *
 * <p>The machine is a {@code for (;;) switch (state)} loop. Code without awaits is copied (through
 * {@link Renderer}); each await ends a state with {@code awaitOn(future)} and a jump to a new state
 * that polls it; an {@code if} whose branches await becomes a conditional jump plus a state per
 * branch and one after. A jump is {@code state = N; continue <loop label>;}. Labels are numbered
 * when they are placed, so states appear in source order. See docs/design.md.
 */
final class Lowering {
    /** A jump target; its number is assigned when it is placed, so it prints lazily. */
    static final class Label {
        private final String comment;
        private int number = -1;
        private boolean used;

        Label(String comment) {
            this.comment = comment;
        }

        @Override
        public String toString() {
            if (number < 0) {
                throw new IllegalStateException("label never placed: " + comment);
            }
            return Integer.toString(number);
        }
    }

    /** One {@code case} of the machine's switch. */
    record State(Label label, CodeBlock code) {
        int number() {
            return label.number;
        }

        String comment() {
            return label.comment;
        }
    }

    private final Body body;
    private final Renderer renderer;
    private final Reachability reachability;
    private final MachineWriter.Vocabulary names;
    private final List<State> states = new ArrayList<>();
    private Label currentLabel;
    private CodeBlock.Builder current;
    /** Whether the end of the code emitted so far can be reached (JLS 14.22). */
    private boolean reachable;

    Lowering(Body body, Renderer renderer, MachineWriter.Vocabulary names) {
        this.body = body;
        this.renderer = renderer;
        this.reachability = new Reachability(body);
        this.names = names;
    }

    List<State> lower() {
        Label start = new Label("start");
        start.used = true;
        place(start);
        lowerStatements(body.method.getBody().getStatements());
        if (reachable) {
            if (body.element.getReturnType().getKind() == TypeKind.VOID) {
                current.addStatement("return $T.ready(null)", Names.POLL);
            } else {
                // Only after a statement whose completion javac decides by a constant (see below).
                current.addStatement("throw new $T($S)", AssertionError.class, "unreachable");
            }
        }
        finishState();
        return states;
    }

    private void lowerStatements(List<? extends StatementTree> statements) {
        for (StatementTree s : statements) {
            lowerStatement(s);
        }
    }

    private void lowerStatement(StatementTree s) {
        if (!body.containsAwait(s)) {
            emit(renderer.render(s), reachability.completesNormally(s));
            return;
        }
        switch (s.getKind()) {
            case BLOCK -> lowerStatements(((BlockTree) s).getStatements());
            case IF -> lowerIf((IfTree) s);
            case EXPRESSION_STATEMENT -> {
                ExpressionTree e = BodyChecks.strip(((ExpressionStatementTree) s).getExpression());
                if (body.isAwait(e)) {
                    suspend((MethodInvocationTree) e);
                } else {
                    AssignmentTree assign = (AssignmentTree) e;
                    CodeBlock value = suspend((MethodInvocationTree) BodyChecks.strip(assign.getExpression()));
                    current.addStatement("$L = $L", renderer.render(assign.getVariable()), value);
                }
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                CodeBlock value = suspend((MethodInvocationTree) BodyChecks.strip(v.getInitializer()));
                emit(renderer.render(v, Map.of(v.getInitializer(), value)), Reachability.Answer.YES);
            }
            case RETURN -> {
                ReturnTree r = (ReturnTree) s;
                CodeBlock value = suspend((MethodInvocationTree) BodyChecks.strip(r.getExpression()));
                emit(renderer.render(r, Map.of(r.getExpression(), value)), Reachability.Answer.NO);
            }
            default -> throw new IllegalStateException("BodyChecks let through an await in " + s.getKind());
        }
    }

    private void lowerIf(IfTree s) {
        ExpressionTree condition = BodyChecks.strip(s.getCondition());
        CodeBlock test = body.isAwait(condition)
                ? suspend((MethodInvocationTree) condition)
                : renderer.render(condition);
        StatementTree otherwise = s.getElseStatement();
        if (!body.containsAwait(s.getThenStatement()) && (otherwise == null || !body.containsAwait(otherwise))) {
            // Only the condition awaited: the if itself stays as written.
            CodeBlock ifCode = renderer.render(s, Map.of(s.getCondition(), CodeBlock.of("($L)", test)));
            emit(ifCode, reachability.completesNormally(s));
            return;
        }
        String where = body.fileName() + ":" + body.line(body.start(s));
        Label elseLabel = otherwise == null ? null : new Label("else branch of the if at " + where);
        Label end = new Label("after the if at " + where);
        current.beginControlFlow("if (!($L))", test);
        jump(elseLabel != null ? elseLabel : end);
        current.endControlFlow();
        reachable = true;
        lowerStatement(s.getThenStatement());
        if (otherwise != null) {
            if (reachable) {
                jump(end);
            }
            place(elseLabel);
            lowerStatement(otherwise);
        }
        place(end);
    }

    /**
     * Ends the current state at an await: stores the future, then polls it in a new state.
     * Returns the expression that reads the awaited value in that state.
     */
    private CodeBlock suspend(MethodInvocationTree await) {
        current.addStatement("awaitOn($L)", renderer.render(Body.awaitedFuture(await)));
        Label resume = new Label(body.fileName() + ":" + body.line(body.start(await)) + ": "
                + oneLine(body.source(await)));
        jump(resume);
        place(resume);
        TypeName valueType = Denotable.typeName(body.type(await));
        current.addStatement("$T<$T> $L = pollAwaited($L)", Names.POLL, valueType, names.poll(), names.context());
        current.beginControlFlow("if ($L.isPending())", names.poll());
        current.addStatement("return $T.pending()", Names.POLL);
        current.endControlFlow();
        return CodeBlock.of("$L.get()", names.poll());
    }

    /** Appends user code; {@code completes} says whether its end is reachable. */
    private void emit(CodeBlock code, Reachability.Answer completes) {
        if (completes == Reachability.Answer.MAYBE) {
            // Javac decides by a constant this analysis does not evaluate. An if-then statement
            // always completes normally (JLS 14.22), so whatever follows stays reachable.
            current.beginControlFlow("if (true)").add(code).add("\n").endControlFlow();
            reachable = true;
            return;
        }
        current.add(code).add("\n");
        reachable = completes == Reachability.Answer.YES;
    }

    private void jump(Label target) {
        target.used = true;
        current.addStatement("$L = $L", names.state(), target);
        current.addStatement("continue $L", names.loopLabel());
        reachable = false;
    }

    /** Starts a new state at {@code label}, jumping to it from the current one if that falls through. */
    private void place(Label label) {
        if (current != null) {
            if (reachable) {
                jump(label);
            }
            finishState();
        }
        label.number = label.used ? states.size() : -1;
        currentLabel = label;
        current = CodeBlock.builder();
        reachable = label.used;
    }

    private void finishState() {
        if (currentLabel.used) {
            states.add(new State(currentLabel, current.build()));
        }
    }

    private static String oneLine(String source) {
        String s = source.replaceAll("\\s+", " ").trim();
        return s.length() > 100 ? s.substring(0, 97) + "..." : s;
    }
}
