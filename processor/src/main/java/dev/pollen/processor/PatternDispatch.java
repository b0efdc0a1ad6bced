package dev.pollen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * Stage "lower", helper: the dispatch of a pattern switch (JLS 21 14.11.1) that awaits, which
 * jumps to the state of the case that matches.
 *
 * <p>The dispatch is a Java switch on the selector with the user's own labels and guards, each
 * case storing its pattern variables where the later states read them ({@link Hoisting} keeps
 * them all) and jumping to the case's state. javac compiles it with the same rules as the user's
 * switch: cases tested in order, {@code case null}, the NPE for a null selector without it,
 * record patterns calling accessors ({@code MatchException} when one throws), and the
 * {@code MatchException} of an exhaustive switch that nothing matched.
 *
 * <p>A guard that awaits cannot stand in a Java {@code when}: the switch is cut after each such
 * case into segments, one Java switch each, over a copy of the selector in a field. In its segment
 * the case has no guard; its state evaluates the guard first and, when false, jumps to the next
 * segment, which holds the cases after it. A segment that nothing in it matches goes on to the
 * next one; the last one throws {@code MatchException}, as the whole switch would (it is
 * exhaustive). Only the first segment sees a null selector: it sends it to {@code case null}
 * wherever that is.
 */
final class PatternDispatch {
    private static final ClassName MATCH_EXCEPTION = ClassName.get("java.lang", "MatchException");

    private final Body body;
    private final Renderer renderer;
    private final States states;

    PatternDispatch(Body body, Renderer renderer, States states) {
        this.body = body;
        this.renderer = renderer;
        this.states = states;
    }

    /**
     * Whether a switch is one that Java 21 calls enhanced (JLS 21 14.11.2), so exhaustive and
     * tested in order: a case has a pattern, a guard or {@code null}, or the selector's type is
     * none of Java 17's (a sealed interface switched on qualified enum constants).
     */
    boolean isEnhanced(ExpressionTree selectorTree, List<? extends CaseTree> cases) {
        if (cases.stream().anyMatch(NewerTrees::isPatternCase)) {
            return true;
        }
        TypeMirror type = body.type(selectorTree);
        if (type.getKind().isPrimitive() || type.getKind() != javax.lang.model.type.TypeKind.DECLARED) {
            return false;
        }
        Element element = body.copy.types.asElement(type);
        if (element.getKind() == javax.lang.model.element.ElementKind.ENUM
                || ((javax.lang.model.element.TypeElement) element).getQualifiedName().contentEquals("java.lang.String")) {
            return false;
        }
        try {
            body.copy.types.unboxedType(type);
            return false; // Integer, Character, ...
        } catch (IllegalArgumentException notBoxed) {
            return true;
        }
    }

    /** A case as its state's comment names it: {@code case 1, 2}, {@code case Point(var x, var y)}, {@code default}. */
    String describe(CaseTree c) {
        if (!NewerTrees.isPatternCase(c)) {
            return c.getExpressions().isEmpty() ? "default"
                    : "case " + c.getExpressions().stream().map(body::source).collect(Collectors.joining(", "));
        }
        List<? extends Tree> labels = NewerTrees.labels(c);
        return "case " + labels.stream().map(l -> NewerTrees.isDefault(l) ? "default" : body.source(l))
                .collect(Collectors.joining(", "));
    }

    /**
     * What an enum switch expression without {@code default} throws when no constant matches (a
     * constant added after compilation), as javac's: {@code MatchException} from Java 21 on.
     */
    CodeBlock unmatchedEnumError() {
        return unmatchedEnumError(body);
    }

    static CodeBlock unmatchedEnumError(Body body) {
        return body.copy.release >= 21 ? unmatchedSwitch() : CodeBlock.of("new $T()", IncompatibleClassChangeError.class);
    }

    /**
     * Adds the dispatch of {@code cases} (whose states are {@code labels}) on {@code selector}, the
     * lowered {@code selectorTree}. Returns, for each case whose guard awaits, the state that a
     * false guard goes to.
     */
    Map<Integer, States.Label> dispatch(ExpressionTree selectorTree, CodeBlock selector, List<? extends CaseTree> cases,
            List<States.Label> labels, String where) {
        List<Integer> ends = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            if (guardAwaits(cases.get(i)) || i == cases.size() - 1) {
                ends.add(i);
            }
        }
        if (ends.size() > 1 || guardAwaits(cases.get(cases.size() - 1))) {
            String copy = states.newTemp(body.typeName(body.type(selectorTree)));
            states.addStatement("$L = $L", copy, selector);
            selector = CodeBlock.of("$L", copy);
        }
        int nullCase = nullCase(cases);
        Map<Integer, States.Label> guardFailed = new HashMap<>();
        int from = 0;
        for (int j = 0; j < ends.size(); j++) {
            int to = ends.get(j);
            boolean last = j == ends.size() - 1;
            States.Label next = null;
            if (guardAwaits(cases.get(to))) {
                next = new States.Label("the cases after " + describe(cases.get(to)) + " of the switch at " + where,
                        body.lineOf(cases.get(to)));
                guardFailed.put(to, next);
            }
            CodeBlock.Builder dispatch = CodeBlock.builder().beginControlFlow("switch ($L)", selector);
            if (j == 0 && nullCase > to) {
                dispatch.add("case null -> {\n").indent().add(states.jumpCode(labels.get(nullCase))).unindent().add("}\n");
            }
            boolean exhaustive = false;
            for (int i = from; i <= to; i++) {
                CaseTree c = cases.get(i);
                ExpressionTree guard = guardAwaits(c) ? null : NewerTrees.guard(c);
                dispatch.add("$L$L -> {\n", labels(c), guard == null ? "" : CodeBlock.of(" when $L", guard(c, guard)))
                        .indent().add(stores(c)).add(states.jumpCode(labels.get(i))).unindent().add("}\n");
                exhaustive |= guard == null && unconditional(c, body.type(selectorTree));
            }
            if (!exhaustive && next != null) {
                dispatch.add("default -> {\n").indent().add(states.jumpCode(next)).unindent().add("}\n");
            } else if (!exhaustive && ends.size() > 1) {
                // Only a class changed after compilation gets here: the whole switch is exhaustive.
                dispatch.addStatement("default -> throw $L", unmatchedSwitch());
            }
            states.add(dispatch.endControlFlow().build());
            states.unreachable();
            if (next != null) {
                states.placeLaterTarget(next); // the guard's state jumps back here
                if (last) {
                    // A guard that awaits on the last case: no case after it, and the switch is exhaustive.
                    states.addStatement("throw $L", unmatchedSwitch());
                    states.unreachable();
                }
            }
            from = to + 1;
        }
        return guardFailed;
    }

    /** What javac's exhaustive pattern switch throws when nothing matches. */
    private static CodeBlock unmatchedSwitch() {
        return CodeBlock.of("new $T(null, null)", MATCH_EXCEPTION);
    }

    private boolean guardAwaits(CaseTree c) {
        ExpressionTree guard = NewerTrees.guard(c);
        return guard != null && body.containsAwait(guard);
    }

    private static int nullCase(List<? extends CaseTree> cases) {
        for (int i = 0; i < cases.size(); i++) {
            for (Tree label : NewerTrees.labels(cases.get(i))) {
                ExpressionTree constant = NewerTrees.constant(label);
                if (constant != null && constant.getKind() == Tree.Kind.NULL_LITERAL) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** {@code case A, B} or {@code default}, as the user wrote them (patterns and constants rendered). */
    private CodeBlock labels(CaseTree c) {
        CodeBlock.Builder out = CodeBlock.builder();
        List<? extends Tree> labels = NewerTrees.labels(c);
        for (Tree label : labels) {
            out.add(out.isEmpty() ? "" : ", ");
            if (NewerTrees.isDefault(label)) {
                out.add("default");
            } else {
                Tree part = NewerTrees.pattern(label);
                out.add("$L", renderer.render(part != null ? part : NewerTrees.constant(label)));
            }
        }
        return labels.size() == 1 && NewerTrees.isDefault(labels.get(0)) ? out.build() : CodeBlock.of("case $L", out.build());
    }

    /**
     * A guard in the dispatch: the case's pattern variables are the pattern's own there (their
     * fields are stored only when the case is taken); a local of {@code resume}, which other
     * states assign, is read through a final copy, since Java lets a guard read only effectively
     * final locals.
     */
    private CodeBlock guard(CaseTree c, ExpressionTree guard) {
        Set<Element> bindings = bindings(c).stream().map(body::element).collect(Collectors.toSet());
        Map<Tree, CodeBlock> overrides = new HashMap<>();
        Map<VariableElement, CodeBlock> copies = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree id, Void unused) {
                Element e = body.element(id);
                if (bindings.contains(e)) {
                    overrides.put(id, CodeBlock.of("$L", id.getName()));
                } else if (e instanceof VariableElement local && renderer.isHoisted(local) && !renderer.isField(local)) {
                    overrides.put(id, copies.computeIfAbsent(local, renderer::captured));
                }
                return null;
            }
        }.scan(guard, null);
        return renderer.render(guard, overrides);
    }

    /** Stores of the case's pattern variables into the fields (or locals of resume) the case's states read. */
    private CodeBlock stores(CaseTree c) {
        CodeBlock.Builder out = CodeBlock.builder();
        for (VariableTree v : bindings(c)) {
            VariableElement local = (VariableElement) body.element(v);
            if (local != null && renderer.isHoisted(local)) {
                out.addStatement("$L = $L", renderer.field(local), v.getName());
            }
        }
        return out.build();
    }

    /** The pattern variables that a case's labels declare (not {@code _}). */
    static List<VariableTree> bindings(CaseTree c) {
        List<VariableTree> out = new ArrayList<>();
        for (Tree label : NewerTrees.labels(c)) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void visitVariable(VariableTree v, Void unused) {
                    if (!v.getName().isEmpty() && !v.getName().contentEquals("_")) {
                        out.add(v);
                    }
                    return super.visitVariable(v, unused);
                }
            }.scan(NewerTrees.pattern(label), null);
        }
        return out;
    }

    /**
     * Whether a case matches every non-null selector (JLS 21 14.30.3): a type pattern whose
     * type's erasure is a supertype of the selector type's erasure, or {@code default}. Then its
     * segment must have no {@code default} of Pollen's (javac rejects both together).
     */
    private boolean unconditional(CaseTree c, TypeMirror selectorType) {
        for (Tree label : NewerTrees.labels(c)) {
            Tree pattern = NewerTrees.pattern(label);
            if (NewerTrees.isDefault(label)) {
                return true;
            }
            if (pattern != null && pattern.getKind() == Tree.Kind.BINDING_PATTERN) {
                TypeMirror type = body.element(((com.sun.source.tree.BindingPatternTree) pattern).getVariable()).asType();
                if (body.copy.types.isSubtype(body.copy.types.erasure(selectorType), body.copy.types.erasure(type))) {
                    return true;
                }
            }
        }
        return false;
    }
}
