package dev.pollen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Stage "lower", helper: turns a piece of the body that contains no await back into source
 * text for the machine class. The user's own text is kept (comments, spacing, literals); only the
 * spans whose meaning would change in another class are rewritten, as {@link NameResolver}
 * decides, and {@code return} becomes the machine's completion.
 */
final class Renderer {
    private final Body body;
    private final NameResolver names;
    private final Frame frame;

    /** How the machine names what the body refers to. */
    record Frame(String receiverField, Map<VariableElement, String> fields, Set<VariableElement> resumeLocals,
            TypeMirror returnType, PrivateAccess privates) {}

    private record Edit(long start, long end, CodeBlock replacement) {}

    /**
     * How control leaves the code being rendered when the statements it leaves were split into
     * states: {@link Lowering} routes returns and jumps through lowered {@code finally} blocks.
     */
    interface Exits {
        /** {@code return value;} ({@code value} already converted; null in a void method). */
        CodeBlock returning(CodeBlock value);

        /** A {@code break} or {@code continue} whose target became the state {@code target}. */
        CodeBlock jumping(States.Label target);

        /**
         * A hoisted local captured by a lambda or class body: the name of a final local that
         * holds its value now, added just before the code being rendered (see visitIdentifier).
         */
        String capture(VariableElement local);
    }

    private Exits exits;

    /**
     * Where {@code break} and {@code continue} go when their target statement was split into
     * states: keyed by the target (a loop, or a labeled statement).
     */
    private final Map<Tree, States.Label> breakLabels = new IdentityHashMap<>();
    private final Map<Tree, States.Label> continueLabels = new IdentityHashMap<>();

    void exits(Exits exits) {
        this.exits = exits;
    }

    void breakTo(Tree target, States.Label label) {
        breakLabels.put(target, label);
    }

    void continueTo(Tree target, States.Label label) {
        continueLabels.put(target, label);
    }

    /** Where a switch expression split into states keeps its value, and the state after it. */
    private record YieldTarget(String result, States.Label end) {}

    private final Map<Tree, YieldTarget> yieldTargets = new IdentityHashMap<>();

    void yieldTo(Tree switchExpression, String result, States.Label end) {
        yieldTargets.put(switchExpression, new YieldTarget(result, end));
    }

    /** {@code yield value;} of a lowered switch expression: store the value, leave the switch. */
    CodeBlock yielding(com.sun.source.tree.YieldTree yield, CodeBlock value) {
        YieldTarget target = yieldTargets.get(yieldTarget(yield));
        return braced(CodeBlock.of("$L = $L; $L", target.result(), value, exits.jumping(target.end())));
    }

    private Tree yieldTarget(Tree yield) {
        for (com.sun.source.util.TreePath p = body.path(yield).getParentPath(); ; p = p.getParentPath()) {
            if (p.getLeaf().getKind() == Tree.Kind.SWITCH_EXPRESSION) {
                return p.getLeaf();
            }
        }
    }

    /** Java source for a constant value of a primitive type or String. */
    static CodeBlock literal(Object value, TypeKind kind) {
        return switch (kind) {
            case LONG -> CodeBlock.of("$LL", value);
            case FLOAT -> Float.isFinite((Float) value) ? CodeBlock.of("$Lf", value)
                    : CodeBlock.of("(float) $L", literal(((Float) value).doubleValue(), TypeKind.DOUBLE));
            case DOUBLE -> Double.isNaN((Double) value) ? CodeBlock.of("$T.NaN", Double.class)
                    : Double.isInfinite((Double) value)
                            ? CodeBlock.of("$T.$L", Double.class, (Double) value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY")
                            : CodeBlock.of("$Ld", value);
            case CHAR -> CodeBlock.of("(char) $L", (int) (Character) value);
            case BYTE -> CodeBlock.of("(byte) $L", value);
            case SHORT -> CodeBlock.of("(short) $L", value);
            case INT, BOOLEAN -> CodeBlock.of("$L", value);
            default -> CodeBlock.of("$L", LineMap.escaped(CodeBlock.of("$S", value).toString())); // String
        };
    }

    /**
     * A jump in place of one statement ({@code if (x) break;}) must stay one statement. Exits are
     * written on one line, since they land in the middle of the user's own indented text.
     */
    static CodeBlock braced(CodeBlock oneLine) {
        return CodeBlock.of("{ $L }", oneLine);
    }

    /**
     * The declaration of {@code variable} with {@code value} as initializer, or, for a local that
     * lives in a field, the assignment of its field.
     */
    CodeBlock declaration(VariableTree variable, CodeBlock value) {
        Element local = body.element(variable);
        if (frame.fields().containsKey(local)) {
            return value == null ? CodeBlock.of("")
                    : CodeBlock.builder().addStatement("$L = $L", field((VariableElement) local),
                            assignable(variable, value)).build();
        }
        if (body.isDeclarator(variable)) {
            // One of "int a = 1, b = 2;": its own text lacks the shared modifiers and type.
            CodeBlock.Builder declaration = CodeBlock.builder();
            if (body.start(variable.getModifiers()) >= 0) {
                declaration.add("$L ", render(variable.getModifiers()));
            }
            // The shared type, then the brackets of this declarator's own array dimensions.
            declaration.add("$L$L $L", render(Body.sharedType(variable)),
                    "[]".repeat(dimensions(variable.getType())), variable.getName());
            return (value == null ? declaration : declaration.add(" = $L", value)).add(";\n").build();
        }
        if (variable.getType() instanceof com.sun.source.tree.UnionTypeTree) {
            // A multi-catch parameter: a local of the alternatives' common superclass (JLS 14.20),
            // or, where their lub has interfaces too, of that intersection, which var takes from the cast.
            return body.isIntersection(local.asType())
                    ? CodeBlock.builder().addStatement("var $L = $L", variable.getName(), body.read(value, local.asType())).build()
                    : CodeBlock.builder().addStatement("$T $L = $L", body.typeName(local.asType()), variable.getName(), value).build();
        }
        if (variable.getInitializer() == null) {
            return CodeBlock.builder().addStatement("$L = $L", render(variable), value).build();
        }
        return statement(variable, Map.of(variable.getInitializer(), value));
    }

    /** A declaration's initializer, rendered as {@code value}, as the value of an assignment (see {@link #standalone}). */
    private CodeBlock assignable(VariableTree variable, CodeBlock value) {
        return standalone(variable.getInitializer(), value);
    }

    /**
     * {@code expression}, rendered as {@code code}, where it no longer stands in a declaration or
     * another initializer: an array initializer ({@code {1, 2}}) gets its creation expression.
     */
    CodeBlock standalone(ExpressionTree expression, CodeBlock code) {
        // (An array of a private type is already a creation expression: see visitNewArray.)
        boolean initializer = expression instanceof NewArrayTree array && array.getType() == null
                && !Denotable.mentionsPrivate(body.type(expression));
        return initializer ? CodeBlock.of("new $T $L", body.typeName(body.type(expression)), code) : code;
    }

    private static int dimensions(Tree type) {
        return type instanceof com.sun.source.tree.ArrayTypeTree array ? 1 + dimensions(array.getType()) : 0;
    }

    /**
     * A statement that may come from a for loop's header, whose source has no semicolon (javac's
     * trees of {@code for (int i = 0; ...; i++)} end before it).
     */
    CodeBlock statement(Tree tree, Map<Tree, CodeBlock> overrides) {
        boolean hasSemicolon = body.text(body.end(tree) - 1, body.end(tree)).equals(";");
        return CodeBlock.builder().add(render(tree, overrides)).add(hasSemicolon ? "\n" : ";\n").build();
    }

    Renderer(Body body, NameResolver names, Frame frame, LocalClasses classes) {
        this.body = body;
        this.names = names;
        this.frame = frame;
        this.classes = classes;
        this.widening = new PrivateWidening(body, names);
    }

    /** Where a value of a private type is used as an accessible supertype its projection is not. */
    private final PrivateWidening widening;

    /**
     * {@code value}, the code of {@code e} rendered on its own, converted to where {@code e}
     * flows: what a render does for the trees inside it (see EditCollector.scan), for a value
     * that the lowering stores itself.
     */
    CodeBlock converted(ExpressionTree e, CodeBlock value) {
        TypeMirror target = widening.castTarget(body.path(e));
        return target == null ? value : widen(target, value);
    }

    /** A value of a private type used as an interface it implements: its projection is not one. */
    private CodeBlock widen(TypeMirror target, CodeBlock value) {
        body.noteCast(target);
        return CodeBlock.of("(($T) $L)", body.typeName(target), value);
    }

    /** Local classes declared as members of the machine instead of where they stand. */
    private final LocalClasses classes;

    /** The moved class being rendered as a member (see {@link #member}); null otherwise. */
    private LocalClasses.Moved member;

    /**
     * A moved local class as a member of the machine: its declaration, with a final field for each
     * local it captures, which takes the local's value from the machine's field when an instance
     * is made (see {@link LocalClasses}). Its code names those locals as written.
     */
    CodeBlock member(LocalClasses.Moved moved) {
        ClassTree c = moved.tree();
        CodeBlock.Builder captures = CodeBlock.builder();
        for (VariableElement local : moved.captured()) {
            String field = frame.fields().get(local);
            if (field != null) {
                captures.add("\n    private final $T $L = $T.this.$L;", body.typeName(local.asType()),
                        local.getSimpleName(), frame.privates().machine(), field);
            }
        }
        List<Edit> edits = new ArrayList<>();
        if (!captures.isEmpty()) {
            long at = bodyStart(c);
            if (!body.text(at, body.end(c)).startsWith("\n")) {
                captures.add("\n    "); // a class on one line: its members go on the next
            }
            edits.add(new Edit(at, at, captures.build()));
        }
        member = moved;
        try {
            return render(c, Map.of(), body.lineIndent(body.start(c)), edits);
        } finally {
            member = null;
        }
    }

    /** Just after the opening brace of a class's body. */
    private long bodyStart(ClassTree c) {
        long header = body.start(c);
        List<Tree> parts = new ArrayList<>(c.getTypeParameters());
        parts.add(c.getModifiers());
        parts.add(c.getExtendsClause());
        parts.addAll(c.getImplementsClause());
        for (Tree part : parts) {
            if (part != null && body.end(part) > header) {
                header = body.end(part);
            }
        }
        return header + body.text(header, body.end(c)).indexOf('{') + 1;
    }

    CodeBlock render(Tree tree) {
        return render(tree, Map.of());
    }

    /** Renders {@code tree}, replacing each subtree in {@code overrides} by the given code. */
    CodeBlock render(Tree tree, Map<Tree, CodeBlock> overrides) {
        return render(tree, overrides, body.lineIndent(body.start(tree)));
    }

    /** {@code baseColumn}: the source indentation that becomes the generated code's indentation. */
    private CodeBlock render(Tree tree, Map<Tree, CodeBlock> overrides, int baseColumn) {
        return render(tree, overrides, baseColumn, new ArrayList<>());
    }

    /** {@code edits}: edits to make besides those the tree's names call for. */
    private CodeBlock render(Tree tree, Map<Tree, CodeBlock> overrides, int baseColumn, List<Edit> edits) {
        EditCollector collector = new EditCollector(edits, overrides, baseColumn);
        // A value rendered on its own (a spill) is widened where it is used, through its override.
        collector.widenedAlready = tree;
        return collect(tree, collector, baseColumn);
    }

    /** Renders {@code tree} with the edits {@code collector} finds in it. */
    private CodeBlock collect(Tree tree, EditCollector collector, int baseColumn) {
        List<Edit> edits = collector.edits;
        collector.scan(tree, null);
        edits.sort(Comparator.comparingLong(Edit::start));

        CodeBlock.Builder out = CodeBlock.builder();
        long at = body.start(tree);
        if (body.marksLines()) {
            // Also where the tree's text begins with an edit (break; return x;): its line is the tree's.
            out.add("$L", LineMap.mark(body.line(at)));
        }
        for (Edit edit : edits) {
            out.add("$L", copied(at, edit.start(), baseColumn));
            out.add(edit.replacement());
            at = edit.end();
        }
        out.add("$L", copied(at, body.end(tree), baseColumn));
        return out.build();
    }

    /**
     * The source text from {@code start} to {@code end}, re-indented ({@link #dedent}), with a
     * line mark (see {@link LineMap}) before it and before each of its lines that is not blank.
     */
    private String copied(long start, long end, int baseColumn) {
        String text = dedent(body.text(start, end), baseColumn);
        if (!body.marksLines() || text.isEmpty()) {
            return text;
        }
        long line = body.line(start);
        int firstEnd = text.indexOf('\n');
        StringBuilder out = new StringBuilder(text.length() + 16);
        if (firstEnd < 0 || !text.substring(0, firstEnd).isBlank()) {
            out.append(LineMap.mark(line)); // not after the end of a line that an edit began
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c);
            if (c == '\n') {
                line++;
                int next = text.indexOf('\n', i + 1);
                if (next < 0 || !text.substring(i + 1, next).isBlank()) {
                    out.append(LineMap.mark(line));
                }
            }
        }
        return out.toString();
    }

    PrivateAccess privates() {
        return frame.privates();
    }

    /**
     * Whether {@code local} (a parameter or a hoisted local) lives in a field of the machine, and
     * so survives a suspension.
     */
    boolean isField(VariableElement local) {
        return frame.fields().containsKey(local) && !frame.resumeLocals().contains(local);
    }

    /**
     * A final copy of a local of {@code resume}, made just before the code being rendered, for
     * code that Java lets read only effectively final locals (a guard, like a lambda).
     */
    CodeBlock captured(VariableElement local) {
        return CodeBlock.of("$L", exits.capture(local));
    }

    /** Whether {@code local} (a parameter or a hoisted local) lives in a field or a local of {@code resume}. */
    boolean isHoisted(VariableElement local) {
        return frame.fields().containsKey(local);
    }

    /**
     * Where a hoisted local lives, as an expression valid anywhere in {@code resume}: its field,
     * or its local of {@code resume} (see {@link Liveness}).
     */
    CodeBlock field(VariableElement local) {
        return CodeBlock.of(frame.resumeLocals().contains(local) ? "$L" : "this.$L", frame.fields().get(local));
    }

    /**
     * {@code return value;} as the machine's exit (see {@link Exits#returning}); the value with a
     * cast where Java's assignment conversion to a primitive return type would not otherwise happen
     * in {@code Poll.ready(value)}. {@code value} is null for {@code return;}.
     */
    CodeBlock returning(CodeBlock value, TypeMirror valueType) {
        TypeMirror r = frame.returnType();
        if (value == null || r.getKind() == TypeKind.VOID) {
            return exits.returning(null);
        }
        if (r.getKind().isPrimitive() && !body.copy.types.isSameType(r, valueType)
                && !TypeName.get(valueType).equals(TypeName.get(r).box())) {
            return exits.returning(CodeBlock.of("($T) ($L)", TypeName.get(r), value));
        }
        return exits.returning(value);
    }

    /**
     * The store of {@code value} by {@code write} (an assignment to {@code target}) when
     * {@code target} is a private field reached through a handle; null otherwise. {@code overrides}:
     * the parts of {@code target} that the lowering has evaluated already (its object).
     */
    CodeBlock privateWrite(ExpressionTree write, ExpressionTree target, CodeBlock value, Map<Tree, CodeBlock> overrides) {
        EditCollector collector = new EditCollector(new ArrayList<>(), overrides, 0);
        VariableElement field = collector.privateField(target);
        return field == null ? null : collector.storePrivate(write, target, field, value);
    }

    /**
     * The value a compound assignment stores, {@code (T) (operation)} (JLS 15.26.2), with the
     * cast written only where the operation's type differs from the variable's type T, since
     * javac warns about redundant casts.
     */
    CodeBlock compoundValue(CompoundAssignmentTree e, CodeBlock operation) {
        TypeKind other = isShift(e.getKind()) ? TypeKind.INT : kindOf(body.type(e.getExpression()));
        return narrowed(body.type(e.getVariable()), operation, other);
    }

    /**
     * {@code operation}, whose other operand has kind {@code other}, converted back to the
     * variable's type {@code target} as a compound assignment or {@code ++} does (JLS 15.26.2,
     * 15.15.1), with casts only where needed (javac warns about redundant ones).
     */
    private CodeBlock narrowed(TypeMirror target, CodeBlock operation, TypeKind other) {
        TypeMirror unboxedTarget = body.unboxed(target);
        if (unboxedTarget == null || unboxedTarget.getKind() == TypeKind.BOOLEAN
                || promote(unboxedTarget.getKind(), other) == unboxedTarget.getKind()) {
            return operation; // String +=, boolean &=, int += int, ...: already the variable's type
        }
        CodeBlock narrowed = CodeBlock.of("($T) ($L)", TypeName.get(unboxedTarget), operation);
        return body.copy.types.isSameType(target, unboxedTarget) ? narrowed
                : CodeBlock.of("($T) $L", TypeName.get(target), narrowed);
    }

    /** {@code variable + 1} or {@code variable - 1} in the variable's type, as {@code ++} and {@code --} store. */
    CodeBlock incremented(TypeMirror type, CodeBlock variable, Tree.Kind unary) {
        String operator = unary == Tree.Kind.PREFIX_INCREMENT || unary == Tree.Kind.POSTFIX_INCREMENT ? "+" : "-";
        return narrowed(type, CodeBlock.of("$L $L 1", variable, operator), TypeKind.INT);
    }

    private TypeKind kindOf(TypeMirror type) {
        TypeMirror unboxed = body.unboxed(type);
        return unboxed == null ? type.getKind() : unboxed.getKind();
    }


    private static TypeKind promote(TypeKind a, TypeKind b) {
        for (TypeKind wide : new TypeKind[] {TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.LONG}) {
            if (a == wide || b == wide) {
                return wide;
            }
        }
        return TypeKind.INT;
    }

    private static boolean isShift(Tree.Kind kind) {
        return kind == Tree.Kind.LEFT_SHIFT_ASSIGNMENT || kind == Tree.Kind.RIGHT_SHIFT_ASSIGNMENT
                || kind == Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT;
    }

    /**
     * Removes the source's own indentation from continuation lines: JavaPoet indents every line
     * for the position the code takes in the generated file.
     */
    private static String dedent(String text, int column) {
        if (text.indexOf('\n') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            out.append(c);
            i++;
            if (c == '\n') {
                int skipped = 0;
                while (i < text.length() && skipped < column && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                    i++;
                    skipped++;
                }
            }
        }
        return out.toString();
    }

    private final class EditCollector extends TreeScanner<Void, Void> {
        private final List<Edit> edits;
        private final Map<Tree, CodeBlock> overrides;
        private final int baseColumn;
        private final Set<Tree> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private Map<VariableElement, String> captured = new java.util.HashMap<>();
        private int lambdaDepth;
        private int classDepth;
        /** The tree this collector renders as it is: it was cast (unwidened) or will be (render). */
        private Tree widenedAlready;

        EditCollector(List<Edit> edits, Map<Tree, CodeBlock> overrides, int baseColumn) {
            this.edits = edits;
            this.overrides = overrides;
            this.baseColumn = baseColumn;
        }

        /**
         * {@code tree}, a part of the tree being rendered, rendered on its own (an argument of a
         * helper): inside the same lambdas and class bodies, so that its hoisted locals are the
         * same captured copies.
         */
        private CodeBlock nested(Tree tree) {
            EditCollector inner = new EditCollector(new ArrayList<>(), overrides, baseColumn);
            inner.lambdaDepth = lambdaDepth;
            inner.classDepth = classDepth;
            inner.captured = captured;
            return collect(tree, inner, baseColumn);
        }

        /** {@code tree} rendered by {@link #nested} but not cast again (see scan). */
        private CodeBlock unwidened(Tree tree) {
            EditCollector inner = new EditCollector(new ArrayList<>(), overrides, baseColumn);
            inner.lambdaDepth = lambdaDepth;
            inner.classDepth = classDepth;
            inner.captured = captured;
            inner.widenedAlready = tree;
            return collect(tree, inner, baseColumn);
        }

        private void replace(Tree tree, CodeBlock code) {
            edits.add(new Edit(body.start(tree), body.end(tree), code));
        }

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree != null && (body.start(tree) < 0 || body.end(tree) < 0 || !seen.add(tree))) {
                // Synthesized by javac (an anonymous class's constructor, a record component's
                // field), or seen twice (an anonymous class's supertype is both its "new" type
                // and its extends clause).
                return null;
            }
            TypeMirror widened = tree != widenedAlready && tree instanceof ExpressionTree && body.start(tree) >= 0
                    ? widening.castTarget(body.path(tree)) : null;
            if (widened != null) {
                replace(tree, widen(widened, overrides.containsKey(tree) ? overrides.get(tree) : unwidened(tree)));
                return null;
            }
            if (tree != null && overrides.containsKey(tree)) {
                replace(tree, overrides.get(tree));
                return null;
            }
            if (tree instanceof ExpressionTree label && isPrivateEnumLabel(label)) {
                // case RED of a private enum: the machine cannot name the constant; it switches on
                // the ordinal, which is the constant's position in the enum (one compilation).
                Element constant = body.element(label);
                int ordinal = (int) constant.getEnclosingElement().getEnclosedElements().stream()
                        .takeWhile(e -> e != constant).filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT).count();
                replace(tree, CodeBlock.of("$L /* $L */", ordinal, constant.getSimpleName()));
                return null;
            }
            if (isGenericOrArrayType(tree) && Denotable.mentionsPrivate(body.type(tree))) {
                // List<P>, P[]: written as the machine writes the type, private types projected.
                replace(tree, CodeBlock.of("$T", body.typeName(body.type(tree))));
                return null;
            }
            return super.scan(tree, unused);
        }

        /** A case label that names a constant of a private enum. */
        private boolean isPrivateEnumLabel(ExpressionTree tree) {
            Tree parent = body.path(tree).getParentPath().getLeaf();
            return (parent instanceof CaseTree || parent.getKind().name().equals("CONSTANT_CASE_LABEL"))
                    && body.element(tree) != null && body.element(tree).getKind() == ElementKind.ENUM_CONSTANT
                    && Denotable.isPrivateEnum(body.element(tree).asType());
        }

        @Override
        public Void visitSwitch(com.sun.source.tree.SwitchTree s, Void unused) {
            switchOnOrdinal(s.getExpression(), s, false);
            return super.visitSwitch(s, unused);
        }

        @Override
        public Void visitSwitchExpression(com.sun.source.tree.SwitchExpressionTree s, Void unused) {
            switchOnOrdinal(s.getExpression(), s, true);
            return super.visitSwitchExpression(s, unused);
        }

        /**
         * A switch over a private enum, copied: on the selector's ordinal (null throws
         * NullPointerException there, as Java's switch does), its labels written as ordinals
         * (scan). A switch expression without {@code default} gets the one javac adds, which
         * throws when a constant was added after compilation.
         */
        private void switchOnOrdinal(ExpressionTree selector, Tree s, boolean isExpression) {
            if (!Denotable.isPrivateEnum(body.type(selector))) {
                return;
            }
            replace(selector, CodeBlock.of("(($L).ordinal())", nested(selector)));
            seen.add(selector); // rendered
            List<? extends CaseTree> cases = s instanceof com.sun.source.tree.SwitchTree statement ? statement.getCases()
                    : ((com.sun.source.tree.SwitchExpressionTree) s).getCases();
            if (isExpression && cases.stream().noneMatch(c -> c.getExpressions().isEmpty())) {
                long close = body.end(s) - 1; // the switch's closing brace
                String arrow = cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE ? " ->" : ":";
                edits.add(new Edit(close, close, CodeBlock.of("default$L throw $L;\n",
                        arrow, PatternDispatch.unmatchedEnumError(body))));
            }
        }

        /** A written parameterized type (not a diamond) or array type. */
        private boolean isGenericOrArrayType(Tree tree) {
            return tree instanceof ParameterizedTypeTree generic && !generic.getTypeArguments().isEmpty()
                    || tree instanceof com.sun.source.tree.ArrayTypeTree;
        }

        @Override
        public Void visitIdentifier(IdentifierTree id, Void unused) {
            NameResolver.Resolution r = names.identifier(id);
            switch (r.kind()) {
                case HOISTED -> {
                    VariableElement local = (VariableElement) r.element();
                    if (member != null && member.captured().contains(local)) {
                        // The moved class's own copy (final: no assignment), of typeName's type.
                        replace(id, body.read(CodeBlock.of("$L", id.getName()), local.asType()));
                        return null;
                    }
                    if (lambdaDepth > 0 || classDepth > 0) {
                        // Java captures the value when the lambda is created; the field may be
                        // assigned again later (the next iteration of a loop), so copy it now.
                        replace(id, CodeBlock.of("$L", captured.computeIfAbsent(local, exits::capture)));
                    } else if (isAssigned(id)) {
                        replace(id, field(local));
                    } else {
                        replace(id, body.read(field(local), local.asType()));
                    }
                }
                case CONSTANT -> replace(id, literal(((VariableElement) r.element()).getConstantValue(),
                        r.element().asType().getKind()));
                case RECEIVER -> replace(id, CodeBlock.of("$L", frame.receiverField()));
                // An upcast without a cast, which javac would call redundant.
                case SUPER_RECEIVER -> replace(id, superReceiver(body.owner));
                case RECEIVER_MEMBER -> replace(id, CodeBlock.of("$L.$L", frame.receiverField(), id.getName()));
                case ENCLOSING_MEMBER -> replace(id, CodeBlock.of("$L.$L",
                        enclosingInstance((TypeElement) r.element().getEnclosingElement(), false), id.getName()));
                case STATIC_MEMBER -> replace(id, CodeBlock.of("$T.$L",
                        ClassName.get((TypeElement) r.element().getEnclosingElement()), id.getName()));
                case TYPE -> replace(id, CodeBlock.of("$T", ClassName.get((TypeElement) r.element())));
                case PRIVATE_TYPE -> replace(id, CodeBlock.of("$T", body.typeName(r.element().asType())));
                case PRIVATE_MEMBER -> replace(id, readPrivate(id, (VariableElement) r.element()));
                case VERBATIM -> { }
                case UNSUPPORTED -> throw new IllegalStateException("BodyChecks let through: " + r.why());
            }
            return null;
        }

        @Override
        public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
            if (body.isSpawn(call)) {
                markSpawnSite(call);
            }
            ExpressionTree callee = call.getMethodSelect();
            TypeElement superCaller = callee instanceof MemberSelectTree select && isSuper(select.getExpression())
                    ? names.superCaller(body.path(select.getExpression())) : null;
            if (superCaller != null) {
                // super.m(...), C.super.m(...): the superclass's method without virtual dispatch.
                ExecutableElement method = (ExecutableElement) body.element(call);
                replace(call, callHelper(frame.privates().callSuper(method, superCaller),
                        enclosingInstance(superCaller, true), call));
                return null;
            }
            NameResolver.Resolution r = callee instanceof IdentifierTree id ? names.identifier(id)
                    : callee instanceof MemberSelectTree select ? names.memberSelect(select) : null;
            if (r == null || r.kind() != NameResolver.Kind.PRIVATE_MEMBER) {
                return super.visitMethodInvocation(call, unused);
            }
            // A private method: call_m(receiver, arguments...)
            ExecutableElement method = (ExecutableElement) r.element();
            replace(call, callHelper(frame.privates().callMethod(method), privateReceiver(callee, method), call));
            return null;
        }

        /**
         * {@code spawn(f)} becomes {@code spawn(AsyncMachine.spawnedAt(f, CAsync$m.class, line))}:
         * two insertions around the argument, so that the argument is rendered (or overridden by
         * its lowered value) as any other, and evaluated where it was. The line is the one of the
         * name {@code spawn}, where a chained call's frame would be.
         */
        private void markSpawnSite(MethodInvocationTree call) {
            ExpressionTree future = call.getArguments().get(0);
            long line = body.line(body.end(call.getMethodSelect()) - 1);
            edits.add(new Edit(body.start(future), body.start(future), CodeBlock.of("$T.spawnedAt(", Names.ASYNC_MACHINE)));
            edits.add(new Edit(body.end(future), body.end(future),
                    CodeBlock.of(", $T.class, $L)", frame.privates().machine(), line)));
        }

        private boolean isSuper(ExpressionTree e) {
            return e instanceof IdentifierTree id ? id.getName().contentEquals("super")
                    : e instanceof MemberSelectTree select && select.getIdentifier().contentEquals("super");
        }

        /**
         * {@code helper([receiver, ]arguments...)}: a call through one of PrivateAccess's methods.
         * A source call with explicit type arguments keeps them: the helper takes the class's type
         * arguments (those of the receiver's or the created type) before the method's.
         */
        private CodeBlock callHelper(String helper, CodeBlock receiver, ExpressionTree call) {
            CodeBlock.Builder all = CodeBlock.builder();
            if (receiver != null) {
                all.add("$L", receiver);
            }
            boolean isCall = call instanceof MethodInvocationTree;
            List<? extends ExpressionTree> arguments = isCall ? ((MethodInvocationTree) call).getArguments()
                    : ((NewClassTree) call).getArguments();
            for (ExpressionTree argument : arguments) {
                all.add(all.isEmpty() ? "$L" : ", $L", nested(argument));
            }
            List<? extends Tree> explicit = isCall ? ((MethodInvocationTree) call).getTypeArguments()
                    : ((NewClassTree) call).getTypeArguments();
            if (explicit.isEmpty()) {
                return CodeBlock.of("$L($L)", helper, all.build());
            }
            Element target = body.element(call);
            TypeMirror classType = !isCall ? body.type(call)
                    : target.getModifiers().contains(javax.lang.model.element.Modifier.STATIC) ? null
                    : ((MethodInvocationTree) call).getMethodSelect() instanceof MemberSelectTree select
                            ? body.type(select.getExpression()) : body.owner.asType();
            CodeBlock.Builder types = CodeBlock.builder();
            if (classType instanceof javax.lang.model.type.DeclaredType declared) {
                for (TypeMirror t = declared; t instanceof javax.lang.model.type.DeclaredType d; t = d.getEnclosingType()) {
                    List<CodeBlock> own = d.getTypeArguments().stream()
                            .map(a -> CodeBlock.of("$T", body.typeName(a))).collect(java.util.stream.Collectors.toList());
                    own.addAll(types.isEmpty() ? List.of() : List.of(types.build()));
                    types = CodeBlock.builder().add(CodeBlock.join(own, ", "));
                }
            }
            for (Tree t : explicit) {
                types.add(types.isEmpty() ? "$L" : ", $L", nested(t));
            }
            return CodeBlock.of("$T.<$L>$L($L)", frame.privates().machine(), types.build(), helper, all.build());
        }

        @Override
        public Void visitMemberReference(MemberReferenceTree ref, Void unused) {
            NameResolver.Resolution r = names.memberReference(ref);
            if (r.kind() != NameResolver.Kind.REFERENCE_AS_LAMBDA) {
                return super.visitMemberReference(ref, unused);
            }
            // (a0, a1) -> helper([receiver, ]a0, a1): what the reference does, through PrivateAccess.
            ExecutableElement target = (ExecutableElement) r.element();
            List<String> parameters = new ArrayList<>();
            for (int i = 0; i < names.functionalMethod(body.type(ref)).getParameters().size(); i++) {
                parameters.add(fresh("a" + i));
            }
            ExpressionTree qualifier = ref.getQualifierExpression();
            List<String> arguments = new ArrayList<>(parameters);
            CodeBlock receiver;
            String helper;
            if (isSuper(qualifier)) {
                TypeElement caller = names.superCaller(body.path(qualifier));
                helper = frame.privates().callSuper(target, caller);
                receiver = enclosingInstance(caller, true);
            } else if (target.getKind() == ElementKind.CONSTRUCTOR) {
                helper = frame.privates().callConstructor(target);
                TypeElement created = (TypeElement) target.getEnclosingElement();
                receiver = NameResolver.isInner(created)
                        ? enclosingInstance((TypeElement) created.getEnclosingElement(), false) : null;
            } else {
                helper = frame.privates().callMethod(target);
                boolean isStatic = target.getModifiers().contains(javax.lang.model.element.Modifier.STATIC);
                receiver = isStatic || body.element(qualifier) instanceof TypeElement ? null : nested(qualifier);
            }
            if (receiver == null || isSuper(qualifier) || target.getKind() == ElementKind.CONSTRUCTOR
                    || NameResolver.isThis(qualifier)) {
                if (receiver != null) {
                    arguments.add(0, receiver.toString());
                }
                // Cast to the reference's type: where it is an argument of an overloaded method, an
                // untyped lambda would not pick the overload the reference did.
                replace(ref, CodeBlock.of("(($T) ($L) -> $L($L))", body.typeName(body.type(ref)),
                        String.join(", ", parameters), helper, String.join(", ", arguments)));
                return null;
            }
            // other::m: the receiver is evaluated (and null-checked) once, when the reference is,
            // as Java does; the lambda then calls the helper on it.
            String bound = fresh("receiver");
            arguments.add(0, bound);
            replace(ref, CodeBlock.of("(($T<$T, $T>) $L -> ($L) -> $L($L)).apply($T.requireNonNull($L))",
                    java.util.function.Function.class, body.typeName(body.type(qualifier)), body.typeName(body.type(ref)),
                    bound, String.join(", ", parameters), helper, String.join(", ", arguments),
                    java.util.Objects.class, receiver));
            return null;
        }

        /** A lambda parameter's name that no name of the body can meet. */
        private String fresh(String name) {
            String fresh = name;
            while (body.identifiers.contains(fresh)) {
                fresh += "_";
            }
            return fresh;
        }

        @Override
        public Void visitExpressionStatement(ExpressionStatementTree statement, Void unused) {
            ExpressionTree e = statement.getExpression();
            ExpressionTree target = e instanceof CompoundAssignmentTree compound ? compound.getVariable() : null;
            if (target == null || names.privateReadModifyWrite(e, target) != NameResolver.ReadModifyWrite.OBJECT_IN_LOCAL) {
                return super.visitExpressionStatement(statement, unused);
            }
            // next().f += v; -> { C object = next(); F_FIELD.set(object, ... F_FIELD.get(object) ...); }
            ExpressionTree object = ((MemberSelectTree) target).getExpression();
            String local = fresh("object");
            replace(statement, CodeBlock.of("{ final $T $L = $L; $L; }", body.typeName(body.type(object)), local,
                    nested(object), render(e, Map.of(object, CodeBlock.of("$L", local)), baseColumn)));
            return null;
        }

        @Override
        public Void visitAssignment(AssignmentTree assign, Void unused) {
            VariableElement field = privateField(assign.getVariable());
            if (field == null && isIntersectionFieldValue(assign)) {
                // The value of x = v has the type of x's field, one bound of x's intersection.
                replace(assign, body.read(CodeBlock.of("($L = $L)", nested(assign.getVariable()),
                        nested(assign.getExpression())), body.type(assign)));
                return null;
            }
            if (field == null) {
                return super.visitAssignment(assign, unused);
            }
            replace(assign, storePrivate(assign, assign.getVariable(), field, nested(assign.getExpression())));
            return null;
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree assign, Void unused) {
            VariableElement field = privateField(assign.getVariable());
            if (field == null) {
                return super.visitCompoundAssignment(assign, unused);
            }
            CodeBlock old = readPrivate(assign.getVariable(), field);
            CodeBlock value = compoundValue(assign, CodeBlock.of("$L $L ($L)", old,
                    ExpressionLowering.operator(assign.getKind()), nested(assign.getExpression())));
            replace(assign, storePrivate(assign, assign.getVariable(), field, value));
            return null;
        }

        @Override
        public Void visitUnary(UnaryTree unary, Void unused) {
            VariableElement field = privateField(unary.getExpression());
            if (field == null) {
                return super.visitUnary(unary, unused);
            }
            ExpressionTree target = unary.getExpression();
            // A helper method reads once, stores, and returns the old or new value; its receiver
            // is evaluated once, as its argument.
            TypeMirror type = body.type(target);
            String helper = frame.privates().increment(field, body.typeName(type), unary.getKind(),
                    old -> incremented(type, old, unary.getKind()));
            CodeBlock receiver = privateReceiver(target, field);
            replace(unary, CodeBlock.of("$L($L)", helper, receiver == null ? CodeBlock.of("") : receiver));
            return null;
        }

        /**
         * {@code HANDLE.set(receiver, value)}; where the write's value is used (a handle's set has
         * none), a helper method that stores and returns the value.
         */
        private CodeBlock storePrivate(ExpressionTree write, ExpressionTree target, VariableElement field,
                CodeBlock value) {
            CodeBlock arguments = withReceiver(target, field, value);
            return valueUsed(write)
                    ? CodeBlock.of("$L($L)", frame.privates().assign(field, body.typeName(body.type(target))), arguments)
                    : CodeBlock.of("$L.set($L)", frame.privates().field(field), arguments);
        }

        private boolean valueUsed(ExpressionTree write) {
            return !(body.path(write).getParentPath().getLeaf() instanceof ExpressionStatementTree);
        }

        /** The private field {@code target} names, if it does. */
        private VariableElement privateField(ExpressionTree target) {
            NameResolver.Resolution r = target instanceof IdentifierTree id ? names.identifier(id)
                    : target instanceof MemberSelectTree select ? names.memberSelect(select) : null;
            return r != null && r.kind() == NameResolver.Kind.PRIVATE_MEMBER && r.element() instanceof VariableElement v
                    ? v : null;
        }

        /** {@code (T) HANDLE.get(receiver)}. */
        private CodeBlock readPrivate(ExpressionTree access, VariableElement field) {
            CodeBlock receiver = privateReceiver(access, field);
            return PrivateAccess.typed(body.typeName(body.type(access)), CodeBlock.of("$L.get($L)",
                    frame.privates().field(field), receiver == null ? CodeBlock.of("") : receiver));
        }

        private CodeBlock withReceiver(ExpressionTree access, VariableElement field, CodeBlock value) {
            CodeBlock receiver = privateReceiver(access, field);
            return receiver == null ? value : CodeBlock.of("$L, $L", receiver, value);
        }

        /** The object whose private member is used: null for a static one, else the receiver. */
        private CodeBlock privateReceiver(ExpressionTree access, Element member) {
            if (member.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
                return null;
            }
            if (access instanceof MemberSelectTree select) {
                // An argument of the helper: no parentheses needed, as in ((P) o).m() (unless lowered).
                ExpressionTree receiver = select.getExpression();
                while (receiver instanceof com.sun.source.tree.ParenthesizedTree parens && !overrides.containsKey(receiver)) {
                    receiver = parens.getExpression();
                }
                return nested(receiver);
            }
            TypeElement owner = (TypeElement) member.getEnclosingElement();
            return member.getKind() == ElementKind.CONSTRUCTOR ? enclosingInstance((TypeElement) owner.getEnclosingElement(), false)
                    : enclosingInstance(owner, false);
        }

        /** {@code AsyncMachine.<Base>upcast(instance)}: the instance of {@code c} as its superclass. */
        private CodeBlock superReceiver(TypeElement c) {
            return CodeBlock.of("$T.<$T>upcast($L)", Names.ASYNC_MACHINE, body.typeName(c.getSuperclass()),
                    enclosingInstance(c, true));
        }

        /**
         * The instance that Java's {@code Outer.this} names (when {@code exact}), or the innermost
         * enclosing instance of which members of {@code outer} are members: the receiver, or an
         * instance of a class around it, reached through the enclosing-instance handles.
         */
        private CodeBlock enclosingInstance(TypeElement outer, boolean exact) {
            CodeBlock instance = CodeBlock.of("$L", frame.receiverField());
            for (TypeElement c = body.owner; exact ? !c.equals(outer) : !names.isMemberOf(c, outer);
                    c = (TypeElement) c.getEnclosingElement()) {
                instance = PrivateAccess.typed(body.typeName(c.getEnclosingElement().asType()),
                        CodeBlock.of("$L.get($L)", frame.privates().enclosingInstance(c), instance));
            }
            return instance;
        }

        @Override
        public Void visitMemberSelect(MemberSelectTree select, Void unused) {
            if (select.getIdentifier().contentEquals("class") && namesPrivateClass(body.type(select.getExpression()))) {
                replace(select, frame.privates().classLiteral(body.type(select.getExpression())));
                return null;
            }
            NameResolver.Resolution r = names.memberSelect(select);
            switch (r.kind()) {
                case RECEIVER -> replace(select, CodeBlock.of("$L", frame.receiverField()));
                case ENCLOSING -> replace(select, enclosingInstance((TypeElement) r.element(), true));
                case SUPER_RECEIVER -> replace(select, superReceiver((TypeElement) r.element()));
                case TYPE -> replace(select, CodeBlock.of("$T", ClassName.get((TypeElement) r.element())));
                case PRIVATE_TYPE -> replace(select, CodeBlock.of("$T", body.typeName(r.element().asType())));
                case PRIVATE_MEMBER -> replace(select, readPrivate(select, (VariableElement) r.element()));
                case UNSUPPORTED -> throw new IllegalStateException("BodyChecks let through: " + r.why());
                default -> super.visitMemberSelect(select, unused);
            }
            return null;
        }

        @Override
        public Void visitNewClass(NewClassTree create, Void unused) {
            NameResolver.Resolution r = names.newClass(create);
            if (r.kind() == NameResolver.Kind.PRIVATE_MEMBER) {
                // A private constructor: new_C([outer, ]arguments...)
                ExecutableElement constructor = (ExecutableElement) r.element();
                // o.new Inner(...) checks o for null before the arguments, as Java does.
                CodeBlock outer = create.getEnclosingExpression() != null
                        ? CodeBlock.of("$T.requireNonNull($L)", java.util.Objects.class, nested(create.getEnclosingExpression()))
                        : NameResolver.isInner((TypeElement) constructor.getEnclosingElement())
                        ? privateReceiver(create, constructor) : null;
                replace(create, callHelper(frame.privates().callConstructor(constructor), outer, create));
                return null;
            }
            Tree type = create.getIdentifier();
            if (r.kind() == NameResolver.Kind.INNER_CREATION) {
                // new Inner(...) -> outer.new Inner(...)
                TypeElement inner = (TypeElement) r.element();
                Tree named = type instanceof ParameterizedTypeTree generic ? generic.getType() : type;
                edits.add(new Edit(body.start(create), body.end(named), CodeBlock.of("$L.new $L",
                        enclosingInstance((TypeElement) inner.getEnclosingElement(), false), inner.getSimpleName())));
            } else {
                scan(create.getEnclosingExpression(), unused);
            }
            if (create.getEnclosingExpression() == null && r.kind() != NameResolver.Kind.INNER_CREATION) {
                scan(type, unused);
            } else {
                // outer.new Inner<A>(...) names the class simply, as written: only its arguments
                // change. (An anonymous class body holds the same name again, as its supertype.)
                if (type instanceof ParameterizedTypeTree generic) {
                    scan(generic.getTypeArguments(), unused);
                    seen.add(generic.getType());
                }
                seen.add(type);
            }
            scan(create.getTypeArguments(), unused);
            scan(create.getArguments(), unused);
            classDepth++;
            scan(create.getClassBody(), unused);
            classDepth--;
            return null;
        }

        @Override
        public Void visitClass(ClassTree c, Void unused) {
            if (classes.moved(c) != null && (member == null || member.tree() != c)) {
                replace(c, CodeBlock.of("// $L $L is a member of this machine", c.getKind().toString()
                        .toLowerCase(java.util.Locale.ROOT), c.getSimpleName()));
                return null;
            }
            classDepth++;
            if (body.path(c).getParentPath().getLeaf() instanceof NewClassTree) {
                // An anonymous class: its supertype is the "new" type, which visitNewClass wrote.
                scan(c.getMembers(), unused);
            } else {
                super.visitClass(c, unused);
            }
            classDepth--;
            return null;
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
            lambdaDepth++;
            super.visitLambdaExpression(lambda, unused);
            lambdaDepth--;
            return null;
        }

        @Override
        public Void visitAnnotation(AnnotationTree annotation, Void unused) {
            scan(annotation.getAnnotationType(), unused);
            for (ExpressionTree argument : annotation.getArguments()) {
                scan(argument instanceof AssignmentTree a ? a.getExpression() : argument, unused);
            }
            return null;
        }

        @Override
        public Void visitBreak(BreakTree jump, Void unused) {
            return jumpTo(jump, breakLabels);
        }

        @Override
        public Void visitContinue(ContinueTree jump, Void unused) {
            return jumpTo(jump, continueLabels);
        }

        /** A break or continue whose target statement was split into states becomes a jump. */
        private Void jumpTo(Tree jump, Map<Tree, States.Label> labels) {
            if (lambdaDepth == 0 && classDepth == 0) {
                States.Label target = labels.get(JumpTargets.of(body, jump));
                if (target != null) {
                    replace(jump, braced(exits.jumping(target)));
                }
            }
            return null;
        }

        @Override
        public Void visitTypeCast(com.sun.source.tree.TypeCastTree cast, Void unused) {
            TypeMirror type = body.type(cast.getType());
            TypeMirror operand = body.type(cast.getExpression());
            if (!namesPrivateClass(type) && operand != null && Denotable.mentionsPrivate(operand)
                    && body.typeName(operand).equals(body.typeName(type))) {
                // (Object) p: an upcast in the source, a cast javac calls redundant on p's projection.
                replace(cast, CodeBlock.of("($L)", nested(cast.getExpression())));
                return null;
            }
            if (!namesPrivateClass(type)) {
                return super.visitTypeCast(cast, unused);
            }
            // (P) x: the class object's cast, which lets null through and throws ClassCastException.
            replace(cast, CodeBlock.of("$L.cast($L)", frame.privates().classLiteral(type), nested(cast.getExpression())));
            return null;
        }

        /** Whether {@code type}'s erasure is a private class or an array of one: what a cast checks. */
        private boolean namesPrivateClass(TypeMirror type) {
            TypeMirror component = type;
            while (component instanceof javax.lang.model.type.ArrayType array) {
                component = array.getComponentType();
            }
            return component instanceof javax.lang.model.type.DeclaredType declared
                    && Denotable.isPrivate((TypeElement) declared.asElement());
        }

        @Override
        public Void visitNewArray(NewArrayTree create, Void unused) {
            TypeMirror type = body.type(create);
            if (!namesPrivateClass(type)) {
                return super.visitNewArray(create, unused);
            }
            TypeName projected = body.typeName(type);
            if (create.getInitializers() == null) {
                // new P[n][m][]: an array of the class P[] with n * m elements, as Java's.
                TypeMirror element = type;
                List<CodeBlock> arguments = new ArrayList<>();
                for (ExpressionTree dimension : create.getDimensions()) {
                    element = ((javax.lang.model.type.ArrayType) element).getComponentType();
                    arguments.add(nested(dimension));
                }
                arguments.add(0, frame.privates().classLiteral(element));
                replace(create, CodeBlock.of("(($T) $T.newInstance($L))", projected, java.lang.reflect.Array.class,
                        CodeBlock.join(arguments, ", ")));
                return null;
            }
            // {a, b} or new P[] {a, b}: the elements in an array of the projection, copied into
            // one of the array's class (the same elements, evaluated in order, then the array).
            List<CodeBlock> elements = new ArrayList<>();
            create.getInitializers().forEach(e -> elements.add(nested(e)));
            replace(create, CodeBlock.of("$T.copyOf(new $T {$L}, $L, $L)", java.util.Arrays.class, projected,
                    CodeBlock.join(elements, ", "), elements.size(), frame.privates().classLiteral(type)));
            return null;
        }

        @Override
        public Void visitInstanceOf(com.sun.source.tree.InstanceOfTree test, Void unused) {
            if (test.getPattern() == null && namesPrivateClass(body.type(test.getType()))) {
                // x instanceof P: false for null, as Class.isInstance.
                replace(test, CodeBlock.of("$L.isInstance($L)", frame.privates().classLiteral(body.type(test.getType())),
                        nested(test.getExpression())));
                return null;
            }
            if (test.getPattern() instanceof com.sun.source.tree.BindingPatternTree binding
                    && Denotable.mentionsPrivate(body.type(test.getType())) && lambdaDepth + classDepth == 0) {
                replace(test, privatePattern(test.getExpression(), (VariableElement) body.element(binding.getVariable())));
                return null;
            }
            List<VariableTree> stored = new ArrayList<>();
            if (lambdaDepth + classDepth == 0) {
                patternVariables(test.getPattern(), stored);
            }
            if (stored.isEmpty()) {
                return super.visitInstanceOf(test, unused);
            }
            // Pattern variables used after an await: the match also stores them in their fields,
            // which are assigned wherever Java considers the variables matched.
            CodeBlock.Builder out = CodeBlock.builder().add("($L instanceof $L", nested(test.getExpression()),
                    nested(test.getPattern()));
            for (VariableTree variable : stored) {
                out.add(" && $L", storeAlwaysTrue(variable));
            }
            replace(test, out.add(")").build());
            return null;
        }

        /**
         * {@code x instanceof P p}, P private: {@code p} lives in a field or a local of resume
         * (Hoisting), which the test assigns before {@code P_CLASS.isInstance} checks it, x
         * evaluated once. Where it does not match, {@code p} is not definitely assigned, so Java
         * cannot read what the test stored. An operand whose type does not convert to p's
         * projection is first matched against the projection.
         */
        private CodeBlock privatePattern(ExpressionTree operand, VariableElement variable) {
            CodeBlock test = frame.privates().classLiteral(variable.asType());
            CodeBlock value = nested(operand);
            if (body.copy.types.isAssignable(body.projection(body.type(operand)), body.projection(variable.asType()))) {
                return CodeBlock.of("$L.isInstance($L = $L)", test, field(variable), value);
            }
            String projected = fresh("projected");
            // A conditional, whose condition's pattern variable goes no further (unlike &&'s).
            return CodeBlock.of("($L instanceof $T $L ? $L.isInstance($L = $L) : false)", value,
                    body.typeName(variable.asType()), projected, test, field(variable), projected);
        }

        /** The pattern variables of {@code pattern} (nested in record patterns too) that live in fields. */
        private void patternVariables(Tree pattern, List<VariableTree> out) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree variable, Void unused) {
                    Element local = body.element(variable);
                    if (local != null && frame.fields().containsKey(local)) {
                        out.add(variable);
                    }
                    return null;
                }
            }.scan(pattern, null);
        }

        /**
         * {@code (field = x) == x}, true whatever {@code x} holds: a comparison javac cannot fold,
         * through {@code compare} for a floating-point x, which may be NaN.
         */
        private CodeBlock storeAlwaysTrue(VariableTree variable) {
            CodeBlock field = field((VariableElement) body.element(variable));
            TypeKind kind = body.element(variable).asType().getKind();
            if (kind == TypeKind.DOUBLE || kind == TypeKind.FLOAT) {
                return CodeBlock.of("$T.compare($L = $L, $L) == 0", kind == TypeKind.DOUBLE ? Double.class : Float.class,
                        field, variable.getName(), variable.getName());
            }
            return CodeBlock.of("($L = $L) == $L", field, variable.getName(), variable.getName());
        }

        @Override
        public Void visitYield(com.sun.source.tree.YieldTree yield, Void unused) {
            if (lambdaDepth == 0 && classDepth == 0 && yieldTargets.containsKey(yieldTarget(yield))) {
                replace(yield, yielding(yield, nested(yield.getValue())));
                return null;
            }
            return super.visitYield(yield, unused);
        }

        @Override
        public Void visitReturn(ReturnTree ret, Void unused) {
            if (lambdaDepth > 0 || classDepth > 0) {
                return super.visitReturn(ret, unused);
            }
            ExpressionTree value = ret.getExpression();
            replace(ret, value == null ? returning(null, null) : returning(nested(value), body.type(value)));
            return null;
        }

        @Override
        public Void visitVariable(VariableTree variable, Void unused) {
            Element local = body.element(variable);
            if (lambdaDepth > 0 || classDepth > 0 || !frame.fields().containsKey(local) || !isStatement(variable)) {
                return super.visitVariable(variable, unused);
            }
            // A hoisted local: its declaration becomes an assignment to its field (a for header's
            // declaration has no semicolon of its own).
            ExpressionTree init = variable.getInitializer();
            String end = body.text(body.end(variable) - 1, body.end(variable)).equals(";") ? ";" : "";
            if (init == null) {
                replace(variable, CodeBlock.of(""));
            } else {
                replace(variable, CodeBlock.of("$L = $L$L", field((VariableElement) local),
                        assignable(variable, nested(init)), end));
            }
            return null;
        }

        /** Whether {@code assign} stores a hoisted local of an intersection type, and its value is used. */
        private boolean isIntersectionFieldValue(AssignmentTree assign) {
            if (!(assign.getVariable() instanceof IdentifierTree id) || lambdaDepth > 0 || classDepth > 0
                    || body.path(assign).getParentPath().getLeaf() instanceof ExpressionStatementTree) {
                return false;
            }
            NameResolver.Resolution r = names.identifier(id);
            return r.kind() == NameResolver.Kind.HOISTED && body.isIntersection(r.element().asType());
        }

        /** Whether {@code id} is the target of {@code =} (a local of an intersection type has no other writes). */
        private boolean isAssigned(IdentifierTree id) {
            Tree target = id;
            TreePath parent = body.path(id).getParentPath();
            while (parent.getLeaf() instanceof ParenthesizedTree) { // (x) = v
                target = parent.getLeaf();
                parent = parent.getParentPath();
            }
            return parent.getLeaf() instanceof AssignmentTree assignment && assignment.getVariable() == target;
        }

        private boolean isStatement(VariableTree variable) {
            Tree parent = body.path(variable).getParentPath().getLeaf();
            return parent instanceof BlockTree || parent instanceof CaseTree || parent instanceof ForLoopTree;
        }
    }
}
