package dev.pollen.processor;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Stage "analyse", part of {@link BodyChecks}: where the body uses a private type in a way its
 * projection cannot express. The machine writes a private type P as its nearest accessible
 * superclass S ({@link Denotable}) and reaches P's members through handles, which is exact as long
 * as a value of P only flows where a value of S may flow: into a variable, parameter or element
 * of P (projected to S too), a receiver, a cast, {@code instanceof}, {@code ==}, string
 * concatenation, or an accessible supertype the machine casts it to ({@link PrivateWidening}).
 * A {@code List<P>} used as another generic type, a bound of a type variable, a switch over a
 * private enum and the like are reported here instead.
 */
final class PrivateTypeChecks {
    private final Body body;
    private final NameResolver names;
    private final Types types;
    private final BiConsumer<Tree, String> report;
    private final PrivateWidening widening;

    private PrivateTypeChecks(Body body, NameResolver names, BiConsumer<Tree, String> report) {
        this.body = body;
        this.names = names;
        this.widening = new PrivateWidening(body, names);
        this.types = body.copy.types;
        this.report = report;
    }

    static void check(Body body, NameResolver names, BiConsumer<Tree, String> report) {
        PrivateTypeChecks checks = new PrivateTypeChecks(body, names, report);
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (tree == null || body.start(tree) < 0) {
                    return null; // synthesized by javac
                }
                // One error for a construct: not again for its parts.
                return checks.checkTree(tree) ? super.scan(tree, unused) : null;
            }
        }.scan(body.method.getBody(), null);
    }

    /** Reports what is wrong with {@code tree} itself; false when it did. */
    private boolean checkTree(Tree tree) {
        if (tree instanceof ClassTree local) {
            return checkSupertypes(local);
        }
        if (tree instanceof CatchTree c && Denotable.mentionsPrivate(body.type(c.getParameter().getType()))) {
            return report(c.getParameter(), "a catch clause of the private exception type %s", body.type(c.getParameter().getType()));
        }
        if (tree instanceof InstanceOfTree test && test.getPattern() != null // getType() is null for a record pattern
                && Denotable.mentionsPrivate(body.type(test.getPattern()))) {
            return checkPattern(test);
        }
        if (isPattern(tree) && !(body.path(tree).getParentPath().getLeaf() instanceof InstanceOfTree)
                && body.type(tree) != null && Denotable.mentionsPrivate(body.type(tree))) {
            // A case label's or record pattern's: the machine's switch would test the projection.
            return report(tree, "a pattern of the private type %s in a case label or record pattern", body.type(tree));
        }
        if (tree instanceof MemberReferenceTree ref && ref.getMode() == MemberReferenceTree.ReferenceMode.NEW
                && body.type(ref.getQualifierExpression()).getKind() == TypeKind.ARRAY
                && Denotable.mentionsPrivate(body.type(ref.getQualifierExpression()))) {
            return report(ref, "an array constructor reference (%s[]::new)", body.type(ref.getQualifierExpression()));
        }
        if (tree instanceof VariableTree variable && variable.getType() != null) {
            return checkProjectable(variable.getType(), body.element(variable).asType());
        }
        if (tree instanceof MethodInvocationTree call && !checkTypeArguments(call)) {
            return false;
        }
        if (!(tree instanceof ExpressionTree e) || isNameOfType(e)) {
            return true;
        }
        TypeMirror type = body.type(e);
        if (type == null || !Denotable.mentionsPrivate(type)) {
            return true;
        }
        if (!isLocal(e) && !checkProjectable(e, type)) { // a local's type is checked at its declaration
            return false;
        }
        if (tree instanceof LambdaExpressionTree || tree instanceof MemberReferenceTree) {
            return true; // typed by where it stands, in the machine as in the source
        }
        String problem = flow(body.path(e), type);
        return problem == null || report(e, problem, type);
    }

    /**
     * {@code x instanceof P p}: the machine assigns {@code p}, a field or a local of resume, in
     * the test, which it cannot do inside a lambda or class body; a record pattern would need P's
     * accessors in the pattern.
     */
    private boolean checkPattern(InstanceOfTree test) {
        TypeMirror type = body.type(test.getPattern());
        if (!(test.getPattern() instanceof com.sun.source.tree.BindingPatternTree)) {
            return report(test, "a record pattern of the private type %s", type);
        }
        if (body.insideNestedCode(test, body.method)) {
            return report(test, "a pattern of the private type %s (instanceof %<s v) in a lambda or class body", type);
        }
        return true;
    }

    /**
     * The selector of a switch over a private enum with constant labels only: the machine switches
     * on its ordinal (Renderer). A pattern switch ({@code case null}, patterns, guards) is not.
     */
    private static boolean isSwitchOnOrdinal(Tree parent, TypeMirror type) {
        List<? extends com.sun.source.tree.CaseTree> cases = parent instanceof com.sun.source.tree.SwitchTree s ? s.getCases()
                : parent instanceof com.sun.source.tree.SwitchExpressionTree e ? e.getCases() : null;
        return cases != null && Denotable.isPrivateEnum(type) && cases.stream().noneMatch(NewerTrees::isPatternCase);
    }

    /** A type pattern or a record pattern (javac 21+: DECONSTRUCTION_PATTERN). */
    private static boolean isPattern(Tree tree) {
        return tree.getKind() == Tree.Kind.BINDING_PATTERN || tree.getKind().name().equals("DECONSTRUCTION_PATTERN");
    }

    private boolean isLocal(ExpressionTree e) {
        return e instanceof com.sun.source.tree.IdentifierTree && body.element(e) != null && Body.isLocal(body.element(e));
    }

    /** A name that denotes a type (or a package), not a value. */
    private boolean isNameOfType(ExpressionTree e) {
        if (!(e instanceof com.sun.source.tree.IdentifierTree || e instanceof MemberSelectTree)) {
            return e instanceof com.sun.source.tree.ParameterizedTypeTree || e instanceof com.sun.source.tree.ArrayTypeTree
                    || e instanceof com.sun.source.tree.PrimitiveTypeTree;
        }
        Element element = body.element(e);
        return element == null || element instanceof TypeElement || element.getKind() == ElementKind.PACKAGE;
    }

    /**
     * What is wrong where the value {@code path} leads to (of {@code type}, naming a private type)
     * flows; null where its projection flows as well.
     */
    private String flow(TreePath path, TypeMirror type) {
        Tree value = path.getLeaf();
        TreePath parentPath = path.getParentPath();
        Tree parent = parentPath.getLeaf();
        if (parent instanceof ParenthesizedTree) {
            return null; // the parenthesized expression is checked where it flows
        }
        if (widening.castTarget(path) != null) {
            return null; // the machine widens S with a cast to the accessible type P is used as
        }
        if (parent instanceof ConditionalExpressionTree c && c.getCondition() != value) {
            // Checked where it flows when its type names a private type too; else it is the target.
            TypeMirror conditional = body.type(c);
            return Denotable.mentionsPrivate(conditional) || assignable(type, conditional) ? null
                    : "a value of the private type %s used as " + conditional;
        }
        if (parent instanceof MemberSelectTree select) {
            return receiverProblem(select, type);
        }
        if (parent instanceof com.sun.source.tree.CaseTree || parent.getKind().name().equals("CONSTANT_CASE_LABEL")) {
            return null; // a case label: the switch is reported
        }
        if (parent instanceof ArrayAccessTree || parent instanceof com.sun.source.tree.TypeCastTree
                || parent instanceof InstanceOfTree || parent instanceof BinaryTree
                || parent instanceof com.sun.source.tree.ExpressionStatementTree
                || parent instanceof com.sun.source.tree.ThrowTree || parent instanceof com.sun.source.tree.SynchronizedTree
                || parent instanceof com.sun.source.tree.AssertTree
                || parent instanceof com.sun.source.tree.CompoundAssignmentTree) {
            return null; // S is checked, cast, compared or concatenated as P is
        }
        if (parent instanceof EnhancedForLoopTree loop) {
            TypeMirror element = elementType(type);
            return element != null && assignable(element, body.element(loop.getVariable()).asType()) ? null
                    : "a loop over elements of the private type %s that the loop variable cannot take";
        }
        TypeMirror target = widening.target(parentPath, value);
        if (isSwitchOnOrdinal(parent, type)) {
            return null;
        }
        if (target == null) {
            return parent instanceof com.sun.source.tree.SwitchTree || parent.getKind().name().equals("SWITCH_EXPRESSION")
                    ? "a switch over the private enum %s" : "a value of the private type %s in this position";
        }
        return assignable(type, target) ? null : "a value of the private type %s used as " + target;
    }

    /** The element type of an array or an {@code Iterable}; null when neither. */
    private TypeMirror elementType(TypeMirror collection) {
        if (collection instanceof ArrayType array) {
            return array.getComponentType();
        }
        if (!(collection instanceof DeclaredType declared)) {
            return null;
        }
        TypeElement iterable = body.copy.elements.getTypeElement("java.lang.Iterable");
        ExecutableElement iterator = (ExecutableElement) iterable.getEnclosedElements().stream()
                .filter(m -> m.getSimpleName().contentEquals("iterator")).findFirst().orElseThrow();
        TypeMirror it = ((ExecutableType) types.asMemberOf(declared, iterator)).getReturnType();
        return it instanceof DeclaredType d && !d.getTypeArguments().isEmpty() ? d.getTypeArguments().get(0) : null;
    }

    /**
     * A receiver of a private type: a member the machine reaches through a handle takes its
     * projection; another must be a member of the projection.
     */
    private String receiverProblem(MemberSelectTree select, TypeMirror type) {
        Element member = body.element(select);
        if (member == null || names.reachedThroughHandle(member) || type.getKind() == TypeKind.ARRAY
                || !(member.getEnclosingElement() instanceof TypeElement owner)) {
            return null; // a handle, an array's length or clone()
        }
        return types.isSubtype(types.erasure(body.projection(type)), types.erasure(owner.asType())) ? null
                : "a use of " + owner.getSimpleName() + "." + member.getSimpleName() + " on a value of the private type %s";
    }

    /** Whether a value of {@code from} flows into {@code to} in the machine, where both are projected. */
    private boolean assignable(TypeMirror from, TypeMirror to) {
        return types.isAssignable(body.projection(from), body.projection(to));
    }

    /**
     * A private type as the argument of a bounded type parameter ({@code EnumSet<Color>}): its
     * projection is not within the bound. Reports and returns false when so.
     */
    private boolean checkProjectable(Tree at, TypeMirror type) {
        TypeMirror bad = boundedPrivateArgument(type);
        return bad == null || report(at, "the private type %s as the argument of a bounded type variable (" + bad + ")", type);
    }

    private TypeMirror boundedPrivateArgument(TypeMirror type) {
        if (type instanceof ArrayType array) {
            return boundedPrivateArgument(array.getComponentType());
        }
        if (!(type instanceof DeclaredType declared)) {
            return null;
        }
        List<? extends TypeParameterElement> parameters = ((TypeElement) declared.asElement()).getTypeParameters();
        for (int i = 0; i < declared.getTypeArguments().size() && i < parameters.size(); i++) {
            TypeMirror argument = declared.getTypeArguments().get(i);
            if (Denotable.mentionsPrivate(argument) && Denotable.isBounded(parameters.get(i))) {
                return declared;
            }
            TypeMirror inner = boundedPrivateArgument(argument);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }

    /**
     * A generic method whose bounded type variable javac inferred as a private type
     * ({@code Collections.max(List<P>)}): in the machine it would infer the projection, which is
     * not within the bound.
     */
    private boolean checkTypeArguments(MethodInvocationTree call) {
        if (!(body.element(call) instanceof ExecutableElement method)
                || !(body.type(call.getMethodSelect()) instanceof ExecutableType instantiated)) {
            return true;
        }
        Map<TypeParameterElement, TypeMirror> inferred = new HashMap<>();
        ExecutableType declared = (ExecutableType) method.asType();
        match(declared.getReturnType(), instantiated.getReturnType(), inferred);
        for (int i = 0; i < declared.getParameterTypes().size() && i < instantiated.getParameterTypes().size(); i++) {
            match(declared.getParameterTypes().get(i), instantiated.getParameterTypes().get(i), inferred);
        }
        for (TypeParameterElement v : method.getTypeParameters()) {
            TypeMirror t = inferred.get(v);
            if (t != null && Denotable.mentionsPrivate(t) && Denotable.isBounded(v)) {
                return report(call, "a call of " + method.getSimpleName() + " whose bounded type variable "
                        + v.getSimpleName() + " is inferred as the private type %s", t);
            }
        }
        return true;
    }

    /** Records what each type variable of {@code declared} is in {@code actual}, walking both in parallel. */
    private static void match(TypeMirror declared, TypeMirror actual, Map<TypeParameterElement, TypeMirror> inferred) {
        if (declared instanceof TypeVariable v && v.asElement() instanceof TypeParameterElement p) {
            inferred.putIfAbsent(p, actual);
        } else if (declared instanceof ArrayType a && actual instanceof ArrayType b) {
            match(a.getComponentType(), b.getComponentType(), inferred);
        } else if (declared instanceof WildcardType a && actual instanceof WildcardType b) {
            if (a.getExtendsBound() != null && b.getExtendsBound() != null) {
                match(a.getExtendsBound(), b.getExtendsBound(), inferred);
            }
            if (a.getSuperBound() != null && b.getSuperBound() != null) {
                match(a.getSuperBound(), b.getSuperBound(), inferred);
            }
        } else if (declared instanceof DeclaredType a && actual instanceof DeclaredType b
                && a.getTypeArguments().size() == b.getTypeArguments().size()) {
            for (int i = 0; i < a.getTypeArguments().size(); i++) {
                match(a.getTypeArguments().get(i), b.getTypeArguments().get(i), inferred);
            }
        }
    }

    /**
     * A class declared in the body is copied into the machine: it cannot extend or implement a
     * private type (Comparator<P> is fine: Comparator<S>, its methods' P written S too), and two
     * methods of one name of which one takes a private type could clash once projected.
     */
    private boolean checkSupertypes(ClassTree local) {
        Tree parent = body.path(local).getParentPath().getLeaf();
        List<Tree> supertypes = new java.util.ArrayList<>(local.getImplementsClause());
        supertypes.add(parent instanceof NewClassTree create ? create.getIdentifier() : local.getExtendsClause());
        for (Tree supertype : supertypes) {
            if (supertype != null && body.type(supertype) instanceof DeclaredType declared
                    && Denotable.isPrivate((TypeElement) declared.asElement())) {
                return report(supertype, "a class declared in the body that extends or implements the private type %s",
                        declared);
            }
        }
        Map<String, Integer> methods = new HashMap<>();
        for (Tree member : local.getMembers()) {
            if (member instanceof com.sun.source.tree.MethodTree method && body.start(method) >= 0) {
                methods.merge(method.getName().toString(), 1, Integer::sum);
            }
        }
        for (Tree member : local.getMembers()) {
            if (member instanceof com.sun.source.tree.MethodTree method && methods.get(method.getName().toString()) > 1
                    && method.getParameters().stream().anyMatch(p -> Denotable.mentionsPrivate(body.element(p).asType()))) {
                return report(method, "overloads of " + method.getName() + " in a class declared in the body, one taking"
                        + " the private type %s", method.getParameters().stream().map(p -> body.element(p).asType())
                        .filter(Denotable::mentionsPrivate).findFirst().orElseThrow());
            }
        }
        return true;
    }

    /** Reports {@code what} ({@code %s}: the private type's name) at {@code at}; false, for "not all right". */
    private boolean report(Tree at, String what, TypeMirror type) {
        String name = Denotable.privateTypeIn(type).getSimpleName().toString();
        report.accept(at, Messages.privateTypeUse(String.format(java.util.Locale.ROOT, what, name), name));
        return false;
    }
}
