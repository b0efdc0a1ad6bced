package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

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
    private final PatternDispatch patterns;

    /**
     * A {@code try} whose {@code finally} block was split into states, while its try and catch
     * blocks are being lowered: every way out of them goes through the finally state, with the
     * way recorded in the leave field (see AsyncMachine's LEAVE_ constants, or a target state).
     */
    private static final class Finally {
        final States.Label start;
        final String leave;
        final String thrown;
        /** Jump targets outside the try that break/continue reached through this finally. */
        final java.util.Set<States.Label> exits = new java.util.LinkedHashSet<>();
        boolean returns;

        Finally(States.Label start, String leave, String thrown) {
            this.start = start;
            this.leave = leave;
            this.thrown = thrown;
        }
    }

    private final MachineWriter.Vocabulary names;
    private final java.util.Deque<Finally> finallies = new java.util.ArrayDeque<>();
    /** For each break/continue target, how many lowered finally blocks enclosed it. */
    private final Map<States.Label, Integer> targetDepth = new java.util.HashMap<>();
    private String resultField;
    private int tryCount;
    /** Reference fields of locals to clear after a statement: their last use (DeadFields). */
    private final Map<StatementTree, List<VariableElement>> deadAfter;

    Lowering(Body body, Renderer renderer, MachineWriter.Vocabulary names, NameAllocator tempNames,
            Map<StatementTree, List<VariableElement>> deadAfter) {
        this.body = body;
        this.deadAfter = deadAfter;
        this.renderer = renderer;
        this.names = names;
        this.reachability = new Reachability(body);
        List<? extends StatementTree> statements = body.method.getBody().getStatements();
        this.states = new States(names, tempNames,
                body.lineOf(statements.isEmpty() ? body.method.getBody() : statements.get(0)), body.marksLines());
        this.expressions = new ExpressionLowering(body, renderer, states, this::lowerSwitchExpression);
        this.patterns = new PatternDispatch(body, renderer, states);
        renderer.exits(new Renderer.Exits() {
            @Override
            public CodeBlock returning(CodeBlock value) {
                return Lowering.this.returning(value);
            }

            @Override
            public CodeBlock jumping(States.Label target) {
                return Lowering.this.jumping(target);
            }

            @Override
            public String capture(VariableElement local) {
                String name = states.newLocalName(local.getSimpleName() + "Captured");
                CodeBlock value = body.read(renderer.field(local), local.asType());
                if (body.isIntersection(local.asType())) {
                    // No name to declare it with: var takes the intersection from the cast.
                    states.addStatement("final var $L = $L", name, value);
                } else {
                    states.addStatement("final $T $L = $L", body.typeName(local.asType()), name, value);
                }
                return name;
            }
        });
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
            List<VariableElement> dead = deadAfter.get(s);
            if (dead != null && states.reachable()) {
                dead.forEach(local -> states.addStatement("$L = null", renderer.field(local)));
            }
        }
    }

    private void lowerStatement(StatementTree s) {
        if (s instanceof VariableTree v && body.isDeclarator(v)) {
            // One of "int a = 1, b = 2;": javac starts each at the shared type, so only its own
            // initializer tells whether it awaits.
            ExpressionTree init = v.getInitializer();
            if (init == null || !body.containsAwait(init)) {
                states.add(renderer.declaration(v, init == null ? null : renderer.render(init)));
                return;
            }
        }
        if (!body.containsAwait(s)) {
            states.addUserStatement(renderer.render(s), reachability.completesNormally(s));
            return;
        }
        int temps = states.tempMark();
        lowerAwaiting(s);
        states.releaseTemps(temps);
    }

    private void lowerAwaiting(StatementTree s) {
        switch (s.getKind()) {
            case BLOCK -> lowerStatements(((BlockTree) s).getStatements());
            case IF -> lowerIf((IfTree) s);
            case WHILE_LOOP -> lowerWhile((WhileLoopTree) s);
            case DO_WHILE_LOOP -> lowerDoWhile((DoWhileLoopTree) s);
            case FOR_LOOP -> lowerFor((ForLoopTree) s);
            case ENHANCED_FOR_LOOP -> lowerForEach((EnhancedForLoopTree) s);
            case LABELED_STATEMENT -> lowerLabeled((LabeledStatementTree) s);
            case TRY -> lowerTry((TryTree) s);
            case SWITCH -> lowerSwitch((SwitchTree) s);
            case ASSERT -> lowerAssert((com.sun.source.tree.AssertTree) s);
            case EXPRESSION_STATEMENT -> {
                ExpressionTree e = ((ExpressionStatementTree) s).getExpression();
                CodeBlock value = expressions.lower(e);
                if (!body.isAwait(e)) { // a bare await's value is dropped, as Java drops it
                    states.addStatement("$L", value);
                }
            }
            case VARIABLE -> {
                VariableTree v = (VariableTree) s;
                if (body.isDeclarator(v)) {
                    states.add(renderer.declaration(v, expressions.lowerConverted(v.getInitializer())));
                } else {
                    CodeBlock value = expressions.lower(v.getInitializer());
                    states.addUserStatement(renderer.render(v, Map.of(v.getInitializer(), value)), Reachability.Answer.YES);
                }
            }
            case RETURN -> {
                ReturnTree r = (ReturnTree) s;
                CodeBlock value = expressions.lower(r.getExpression());
                states.addUserStatement(renderer.render(r, Map.of(r.getExpression(), value)), Reachability.Answer.NO);
            }
            case YIELD -> {
                // yield v; whose value awaits: store it, then leave the switch expression.
                com.sun.source.tree.YieldTree y = (com.sun.source.tree.YieldTree) s;
                states.add(renderer.yielding(y, expressions.lowerConverted(y.getValue())));
                states.unreachable();
            }
            case THROW -> {
                ThrowTree t = (ThrowTree) s;
                CodeBlock value = expressions.lower(t.getExpression());
                states.addUserStatement(renderer.render(t, Map.of(t.getExpression(), value)), Reachability.Answer.NO);
            }
            default -> throw new IllegalStateException("BodyChecks let through an await in " + s.getKind());
        }
    }

    /**
     * A loop whose body awaits: a state for its test (the target of {@code continue} and of the
     * back jump), the body's states, and a state after it (the target of {@code break}).
     */
    private void lowerWhile(WhileLoopTree s) {
        States.Label test = loopLabel("test of the while loop", s);
        States.Label end = loopLabel("after the while loop", s);
        jumpTargets(s, end, test);
        states.placeLoopHead(test);
        states.jumpIf(CodeBlock.of("!$L", expressions.lower(s.getCondition())), end);
        lowerStatement(s.getStatement());
        if (states.reachable()) {
            states.jump(test);
        }
        states.place(end);
    }

    private void lowerDoWhile(DoWhileLoopTree s) {
        States.Label top = loopLabel("body of the do loop", s);
        States.Label test = loopLabel("test of the do loop", s);
        States.Label end = loopLabel("after the do loop", s);
        jumpTargets(s, end, test);
        states.placeLoopHead(top);
        lowerStatement(s.getStatement());
        states.place(test);
        states.jumpIf(expressions.lower(s.getCondition()), top);
        states.place(end);
    }

    private void lowerFor(ForLoopTree s) {
        s.getInitializer().forEach(this::lowerHeaderStatement);
        States.Label test = loopLabel("test of the for loop", s);
        States.Label update = loopLabel("update of the for loop", s);
        States.Label end = loopLabel("after the for loop", s);
        jumpTargets(s, end, update);
        states.placeLoopHead(test);
        if (s.getCondition() != null) {
            states.jumpIf(CodeBlock.of("!($L)", expressions.lower(s.getCondition())), end);
        }
        lowerStatement(s.getStatement());
        states.place(update);
        s.getUpdate().forEach(this::lowerHeaderStatement);
        if (states.reachable()) {
            states.jump(test);
        }
        states.place(end);
    }

    /**
     * {@code for (T x : e)} as JLS 14.14.2 defines it: over an array, an index into a saved copy
     * of the array reference; over an Iterable, its iterator. Both live in fields.
     */
    private void lowerForEach(EnhancedForLoopTree s) {
        VariableTree variable = s.getVariable();
        TypeMirror collectionType = body.type(s.getExpression());
        CodeBlock collection = expressions.lower(s.getExpression());
        States.Label test = loopLabel("test of the for-each loop", s);
        States.Label end = loopLabel("after the for-each loop", s);
        jumpTargets(s, end, test);
        CodeBlock next;
        if (collectionType.getKind() == TypeKind.ARRAY) {
            String array = states.newTemp(body.typeName(collectionType));
            String index = states.newTemp(TypeName.INT);
            states.addStatement("$L = $L", array, collection);
            states.addStatement("$L = 0", index);
            states.placeLoopHead(test);
            states.jumpIf(CodeBlock.of("$L >= $L.length", index, array), end);
            next = CodeBlock.of("$L[$L++]", array, index);
        } else {
            // The iterator's element type, not the variable's: the declaration converts each
            // element to the variable's type (unboxing, widening, boxing) as Java's does.
            TypeMirror elementType = iterableElement(collectionType);
            TypeName element = body.typeName(elementType);
            TypeName iteratorType = ParameterizedTypeName.get(ClassName.get(Iterator.class),
                    element.equals(ClassName.OBJECT) ? WildcardTypeName.subtypeOf(Object.class)
                            : WildcardTypeName.subtypeOf(element));
            String iterator = states.newTemp(iteratorType);
            states.addStatement("$L = $L.iterator()", iterator, asReceiver(s.getExpression(), collection));
            states.placeLoopHead(test);
            states.jumpIf(CodeBlock.of("!$L.hasNext()", iterator), end);
            next = body.read(CodeBlock.of("$L.next()", iterator), elementType);
        }
        // The loop variable, declared (or, when it lives across an await, assigned) each iteration.
        states.add(renderer.declaration(variable, next));
        lowerStatement(s.getStatement());
        if (states.reachable()) {
            states.jump(test);
        }
        states.place(end);
    }

    /**
     * {@code code}, the lowered {@code e}, where it is the object of a method call: in parentheses
     * unless {@code e} is a primary expression (JLS 15.8), as {@code c ? a : b} or a cast is not.
     */
    private static CodeBlock asReceiver(ExpressionTree e, CodeBlock code) {
        return switch (e.getKind()) {
            case IDENTIFIER, MEMBER_SELECT, METHOD_INVOCATION, PARENTHESIZED, NEW_CLASS, ARRAY_ACCESS -> code;
            default -> CodeBlock.of("($L)", code);
        };
    }

    /**
     * X where {@code type} is a subtype of {@code Iterable<X>} (JLS 14.14.2); Object where it is
     * a subtype of the raw Iterable only.
     */
    private TypeMirror iterableElement(TypeMirror type) {
        Types types = body.copy.types;
        TypeElement iterable = body.copy.elements.getTypeElement(Iterable.class.getName());
        Deque<TypeMirror> pending = new ArrayDeque<>(List.of(type));
        while (!pending.isEmpty()) {
            TypeMirror t = pending.pop();
            if (t instanceof DeclaredType declared && declared.asElement().equals(iterable)) {
                return declared.getTypeArguments().isEmpty()
                        ? body.copy.elements.getTypeElement(Object.class.getName()).asType()
                        : declared.getTypeArguments().get(0);
            }
            pending.addAll(types.directSupertypes(t));
        }
        throw new IllegalArgumentException("not an Iterable: " + type);
    }

    /** A part of a for loop's header: a declaration or an expression, with no semicolon in source. */
    private void lowerHeaderStatement(StatementTree s) {
        if (s instanceof VariableTree v) {
            states.add(v.getInitializer() == null ? renderer.statement(v, Map.of())
                    : renderer.declaration(v, expressions.lowerConverted(v.getInitializer())));
        } else {
            states.addStatement("$L", expressions.lower(((ExpressionStatementTree) s).getExpression()));
        }
    }

    /**
     * A switch statement whose cases await: a Java switch on the selector that only jumps to the
     * state of the matching case; the cases' code follows in order, so that old-style cases fall
     * through, and an arrow case jumps past the switch when it completes.
     */
    private void lowerSwitch(SwitchTree s) {
        lowerCases(s, s.getExpression(), s.getCases(), null);
    }

    /**
     * A switch expression whose selector or cases await: as a switch statement whose arrow
     * expressions and {@code yield}s store the value in a field and jump past the switch.
     */
    private CodeBlock lowerSwitchExpression(SwitchExpressionTree e) {
        String result = states.newTemp(body.typeName(body.type(e)));
        lowerCases(e, e.getExpression(), e.getCases(), result);
        return body.read(CodeBlock.of("$L", result), body.type(e));
    }

    /** {@code result}: the field that receives a switch expression's value; null for a statement. */
    private void lowerCases(Tree s, ExpressionTree selectorTree, List<? extends CaseTree> cases, String result) {
        String where = body.where(s);
        CodeBlock selector = expressions.lower(selectorTree);
        if (Denotable.isPrivateEnum(body.type(selectorTree))) {
            selector = CodeBlock.of("($L).ordinal()", selector); // the labels are ordinals (Renderer)
        }
        States.Label end = new States.Label("after the switch at " + where, body.lineOf(s));
        targetDepth.put(end, finallies.size());
        if (result == null) {
            renderer.breakTo(s, end);
        } else {
            renderer.yieldTo(s, result, end);
        }
        List<States.Label> labels = new java.util.ArrayList<>();
        for (CaseTree c : cases) {
            labels.add(new States.Label(patterns.describe(c) + " of the switch at " + where, body.lineOf(c)));
        }
        Map<Integer, States.Label> guardFailed = Map.of();
        if (patterns.isEnhanced(selectorTree, cases)) {
            guardFailed = patterns.dispatch(selectorTree, selector, cases, labels, where);
        } else {
            dispatch(selector, cases, labels, end, result);
        }
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            states.place(labels.get(i));
            States.Label next = guardFailed.get(i);
            if (next != null) {
                // A guard that awaits, after its pattern matched: when false, the cases after it.
                states.jumpIf(CodeBlock.of("!($L)", expressions.lower(NewerTrees.guard(c))), next);
            }
            if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                if (c.getBody() instanceof ExpressionTree value) {
                    states.addStatement("$L = $L", result, expressions.lowerConverted(value));
                } else {
                    lowerStatement((StatementTree) c.getBody());
                }
                if (states.reachable()) {
                    states.jump(end);
                }
            } else {
                lowerStatements(c.getStatements());
            }
        }
        states.place(end);
    }

    /**
     * The dispatch of a switch on constants: a Java switch on the selector that jumps to the
     * state of the matching case.
     */
    private void dispatch(CodeBlock selector, List<? extends CaseTree> cases, List<States.Label> labels,
            States.Label end, String result) {
        CodeBlock.Builder dispatch = CodeBlock.builder().beginControlFlow("switch ($L)", selector);
        boolean hasDefault = false;
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            if (c.getExpressions().isEmpty()) {
                hasDefault = true;
                dispatch.add("default:\n");
            } else {
                CodeBlock.Builder values = CodeBlock.builder();
                for (ExpressionTree value : c.getExpressions()) {
                    values.add(values.isEmpty() ? "$L" : ", $L", renderer.render(value));
                }
                dispatch.add("case $L:\n", values.build());
            }
            dispatch.indent().add(states.jumpCode(labels.get(i))).unindent();
        }
        if (!hasDefault && result != null) {
            // An enum switch expression without default: Java throws when a constant is new.
            dispatch.add("default:\n").indent()
                    .addStatement("throw $L", patterns.unmatchedEnumError()).unindent();
            hasDefault = true;
        }
        states.add(dispatch.endControlFlow().build());
        if (!hasDefault) {
            states.jump(end);
        } else {
            states.unreachable();
        }
    }

    /**
     * {@code assert test : detail;} whose test or detail awaits (JLS 14.10): nothing is evaluated
     * when assertions are disabled for the class.
     */
    private void lowerAssert(com.sun.source.tree.AssertTree s) {
        States.Label end = new States.Label("after the assert at " + body.where(s), body.lineOf(s));
        TypeElement topLevel = body.owner;
        while (topLevel.getEnclosingElement() instanceof TypeElement outer) {
            topLevel = outer;
        }
        states.jumpIf(CodeBlock.of("!$L", renderer.privates().assertionsEnabled(topLevel)), end);
        states.jumpIf(expressions.lower(s.getCondition()), end);
        if (s.getDetail() == null) {
            states.addStatement("throw new $T()", AssertionError.class);
        } else {
            states.addStatement("throw new $T($L)", AssertionError.class, expressions.lower(s.getDetail()));
        }
        states.unreachable();
        states.place(end);
    }

    private void lowerLabeled(LabeledStatementTree s) {
        if (JumpTargets.LOOPS.contains(s.getStatement().getKind())) {
            labeledLoop = s; // the loop registers its targets under this label too
            lowerStatement(s.getStatement());
            return;
        }
        States.Label end = new States.Label("after the statement labeled " + s.getLabel() + " at " + body.where(s), body.lineOf(s));
        targetDepth.put(end, finallies.size());
        renderer.breakTo(s, end);
        lowerStatement(s.getStatement());
        states.place(end);
    }


    /** The labeled statement around the loop being lowered, if any. */
    private LabeledStatementTree labeledLoop;

    /** Routes break and continue of {@code loop} (and of its label) to the given states. */
    private void jumpTargets(StatementTree loop, States.Label breakTarget, States.Label continueTarget) {
        targetDepth.put(breakTarget, finallies.size());
        targetDepth.put(continueTarget, finallies.size());
        renderer.breakTo(loop, breakTarget);
        renderer.continueTo(loop, continueTarget);
        if (labeledLoop != null && labeledLoop.getStatement() == loop) {
            renderer.breakTo(labeledLoop, breakTarget);
            renderer.continueTo(labeledLoop, continueTarget);
        }
    }

    /**
     * A break or continue to {@code target}: through the finally blocks between, innermost first.
     * On one line, as it replaces a statement in the user's text.
     */
    private CodeBlock jumping(States.Label target) {
        if (finallies.size() > targetDepth.get(target)) {
            Finally f = finallies.peek();
            f.exits.add(target);
            return CodeBlock.of("$L = $L; $L", f.leave, states.recorded(target), states.jumpInline(f.start));
        }
        return states.jumpInline(target);
    }

    /** {@code return value;}: through the enclosing finally blocks, then out of the machine. */
    private CodeBlock returning(CodeBlock value) {
        if (finallies.isEmpty()) {
            return CodeBlock.of("return $T.ready($L);", Names.POLL, value == null ? "null" : value);
        }
        Finally f = finallies.peek();
        f.returns = true;
        CodeBlock leave = CodeBlock.of("$L = LEAVE_RETURNING; $L", f.leave, states.jumpInline(f.start));
        // It may stand where one statement does.
        return Renderer.braced(value == null ? leave : CodeBlock.of("$L = $L; $L", result(), value, leave));
    }

    /** The field that keeps a returned value while finally blocks run. */
    private String result() {
        if (resultField == null) {
            resultField = states.newField("result", TypeName.get(body.element.getReturnType()).box());
        }
        return resultField;
    }

    private void lowerTry(TryTree s) {
        if (Hoisting.awaitsOnlyInItsResource(body, s)
                && !renderer.isHoisted((VariableElement) body.element(s.getResources().get(0)))) {
            // The await is done before the try starts: nothing is open while the machine is
            // suspended, so the try itself is plain Java (JLS 14.20.3 applies to it unchanged).
            VariableTree resource = (VariableTree) s.getResources().get(0);
            CodeBlock value = expressions.lowerConverted(resource.getInitializer());
            states.addUserStatement(renderer.render(s, Map.of(resource.getInitializer(), value)),
                    reachability.completesNormally(s));
            return;
        }
        Runnable block = s.getResources().isEmpty()
                ? () -> lowerStatement(s.getBlock())
                : () -> lowerResources(s, 0);
        java.util.function.Consumer<Finally> finallyBlock = s.getFinallyBlock() == null
                ? null
                : f -> lowerStatement(s.getFinallyBlock());
        lowerProtected(s, block, s.getCatches(), finallyBlock);
    }

    /**
     * try-with-resources as JLS 14.20.3 defines it: each resource, outermost first, is a try
     * whose finally closes it, adding a failure of close() as suppressed to the exception that
     * is leaving the block.
     */
    private void lowerResources(TryTree s, int index) {
        if (index == s.getResources().size()) {
            lowerStatement(s.getBlock());
            return;
        }
        Tree resource = s.getResources().get(index);
        String field = states.newField("resource" + (tryCount + 1), body.typeName(body.type(resource)));
        CodeBlock read = body.read(CodeBlock.of("$L", field), body.type(resource));
        if (resource instanceof VariableTree v) {
            states.addStatement("$L = $L", field, expressions.lowerConverted(v.getInitializer()));
            states.add(renderer.declaration(v, read));
        } else {
            states.addStatement("$L = $L", field, expressions.lower((ExpressionTree) resource));
        }
        lowerProtected(resource, () -> lowerResources(s, index + 1), List.of(), f -> {
            CodeBlock close = CodeBlock.builder()
                    .beginControlFlow("if ($L != null)", field)
                    .beginControlFlow("if ($L == LEAVE_THROWING)", f.leave)
                    .beginControlFlow("try")
                    .addStatement("$L.close()", read)
                    .nextControlFlow("catch ($T $L)", Throwable.class, names.caught())
                    .addStatement("$L.addSuppressed($L)", f.thrown, names.caught())
                    .endControlFlow()
                    .nextControlFlow("else")
                    .addStatement("$L.close()", read)
                    .endControlFlow()
                    .addStatement("$L = null", field)
                    .endControlFlow()
                    .build();
            states.add(close);
        });
    }

    /**
     * A try whose blocks await. Its try block is a region whose handler picks the catch clause
     * (the exception kept in a field, since the catch block is another state); with a finally
     * block, try and catch blocks form an outer region whose handler records the exception and
     * runs the finally state. Every normal exit, return, break and continue goes through the
     * finally state too, which then resumes the exit it recorded (JLS 14.20.2).
     */
    private void lowerProtected(Tree at, Runnable block, List<? extends CatchTree> catches,
            java.util.function.Consumer<Finally> finallyBlock) {
        String where = body.where(at);
        int line = body.lineOf(at);
        int n = ++tryCount;
        States.Label end = new States.Label("after the try at " + where, line);
        Finally f = null;
        States.Region finallyRegion = null;
        if (finallyBlock != null) {
            f = new Finally(new States.Label("finally block of the try at " + where, line),
                    states.newField("leave" + n, TypeName.INT),
                    states.newField("thrown" + n, ClassName.get(Throwable.class)));
            finallyRegion = new States.Region("try and catch blocks of the try at " + where);
            states.enter(finallyRegion);
            finallies.push(f);
            states.onCancel(cleanupFrom(f));
        }
        States.Region catchRegion = catches.isEmpty() ? null : new States.Region("try block at " + where);
        if (catchRegion != null) {
            states.enter(catchRegion);
        }
        states.place(new States.Label("try block at " + where, line));
        block.run();
        leaveNormally(f, end);

        if (catchRegion != null) {
            states.exit(catchRegion);
            String caught = states.newField("caught" + n, ClassName.get(Throwable.class));
            CodeBlock.Builder handler = CodeBlock.builder();
            List<States.Label> catchLabels = new java.util.ArrayList<>();
            for (CatchTree c : catches) {
                States.Label label = new States.Label("catch (" + ExpressionLowering.oneLine(body.source(c.getParameter()))
                        + ") at " + body.where(c), body.lineOf(c));
                catchLabels.add(label);
                handler.beginControlFlow("if ($L)", instanceOfAny(names.caught(), c.getParameter().getType()))
                        .addStatement("$L = $L", caught, names.caught())
                        .add(states.jumpCode(label))
                        .endControlFlow();
            }
            catchRegion.handler = handler.addStatement("throw $L", names.caught()).build();
            for (int i = 0; i < catches.size(); i++) {
                CatchTree c = catches.get(i);
                states.place(catchLabels.get(i));
                TypeName type = body.typeName(body.element(c.getParameter()).asType());
                states.add(renderer.declaration(c.getParameter(), CodeBlock.of("($T) $L", type, caught)));
                states.addStatement("$L = null", caught);
                lowerStatement(c.getBlock());
                leaveNormally(f, end);
            }
        }

        if (f != null) {
            finallies.pop();
            states.exit(finallyRegion);
            states.onCancel(finallies.isEmpty() ? null : cleanupFrom(finallies.peek()));
            finallyRegion.handler = CodeBlock.builder()
                    .addStatement("$L = $L", f.thrown, names.caught())
                    .addStatement("$L = LEAVE_THROWING", f.leave)
                    .add(states.jumpCode(f.start))
                    .build();
            states.place(f.start);
            finallyBlock.accept(f);
            if (states.reachable()) {
                resumeExit(f);
            }
        }
        states.place(end);
    }

    /** What cleanupOnCancel does for an await inside {@code f}'s try: leave it by cancellation. */
    private static CodeBlock cleanupFrom(Finally f) {
        return CodeBlock.builder().addStatement("$L = LEAVE_CANCELLED", f.leave).addStatement("return $L", f.start).build();
    }

    /** The end of a try or catch block: on to the finally block, or past the try. */
    private void leaveNormally(Finally f, States.Label end) {
        if (!states.reachable()) {
            return;
        }
        if (f != null) {
            states.addStatement("$L = LEAVE_NORMALLY", f.leave);
            states.jump(f.start);
        } else {
            states.jump(end);
        }
    }

    /** The end of a finally block: resumes the way its try was left. */
    private void resumeExit(Finally f) {
        CodeBlock.Builder code = CodeBlock.builder();
        code.beginControlFlow("if ($L == LEAVE_THROWING)", f.leave)
                .addStatement("$T $L = $L", Throwable.class, names.caught(), f.thrown)
                .addStatement("$L = null", f.thrown)
                .addStatement("throw $L", names.caught())
                .endControlFlow();
        if (f.returns) {
            code.beginControlFlow("if ($L == LEAVE_RETURNING)", f.leave)
                    .add(returningStored())
                    .endControlFlow();
        }
        code.beginControlFlow("if ($L == LEAVE_CANCELLED)", f.leave).add(cancelling()).endControlFlow();
        for (States.Label target : f.exits) {
            code.beginControlFlow("if ($L == $L)", f.leave, target)
                    .add("// on to: $L\n", target.comment())
                    .add(jumping(target)).add("\n")
                    .endControlFlow();
        }
        states.add(code.build());
    }

    /** A return whose value is already in the result field, continuing outward. */
    private CodeBlock returningStored() {
        if (finallies.isEmpty()) {
            boolean isVoid = body.element.getReturnType().getKind() == TypeKind.VOID;
            return CodeBlock.builder().addStatement("return $T.ready($L)", Names.POLL, isVoid ? "null" : result()).build();
        }
        Finally outer = finallies.peek();
        outer.returns = true;
        return CodeBlock.builder().addStatement("$L = LEAVE_RETURNING", outer.leave).add(states.jumpCode(outer.start)).build();
    }

    /** A cancellation continuing outward: the next finally block, or the end of the machine. */
    private CodeBlock cancelling() {
        if (finallies.isEmpty()) {
            return CodeBlock.builder().addStatement("return cancelled()").build();
        }
        Finally outer = finallies.peek();
        return CodeBlock.builder().addStatement("$L = LEAVE_CANCELLED", outer.leave).add(states.jumpCode(outer.start)).build();
    }

    /** {@code e instanceof A || e instanceof B} for the types of a (multi-)catch parameter. */
    private CodeBlock instanceOfAny(String variable, Tree type) {
        List<? extends Tree> alternatives = type instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(type);
        CodeBlock.Builder test = CodeBlock.builder();
        for (int i = 0; i < alternatives.size(); i++) {
            test.add(i == 0 ? "$L instanceof $L" : " || $L instanceof $L", variable, renderer.render(alternatives.get(i)));
        }
        return test.build();
    }

    private States.Label loopLabel(String what, StatementTree loop) {
        return new States.Label(what + " at " + body.where(loop), body.lineOf(loop));
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
        String where = body.where(s);
        States.Label elseLabel = otherwise == null ? null : new States.Label("else branch of the if at " + where, body.lineOf(otherwise));
        States.Label end = new States.Label("after the if at " + where, body.lineOf(s));
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
