package dev.pollen.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Decides what each name of the body means once the code moves into the generated machine class,
 * which lives in the same package as the method's class but is not nested in it.
 *
 * <p>Shared by {@link BodyChecks} (which reports what cannot be moved) and {@link Renderer} (which
 * rewrites what must change), so the two can never disagree.
 */
final class NameResolver {
    /** What a name becomes in the machine. */
    enum Kind {
        /** Stays as written. */
        VERBATIM,
        /** A local that lives in a field of the machine. */
        HOISTED,
        /**
         * A constant local (JLS 4.12.4) used in another state than its declaration: written as
         * its value, which javac inlines anyway, so that it stays a constant ({@code case K:}).
         */
        CONSTANT,
        /** {@code this} or {@code C.this}: the machine's receiver field. */
        RECEIVER,
        /**
         * {@code Outer.this} for a class {@code Outer} around the method's (inner) class
         * ({@link #element} is {@code Outer}): reached from the receiver through handles.
         */
        ENCLOSING,
        /** An instance member of an enclosing instance, named without {@code Outer.this}. */
        ENCLOSING_MEMBER,
        /**
         * {@code new Inner(...)} of an inner member class whose enclosing instance is implicit
         * ({@link #element} is {@code Inner}): written {@code outer.new Inner(...)}.
         */
        INNER_CREATION,
        /**
         * {@code super} in {@code super.f} (or {@code C.super} in {@code C.super.f}; {@link #element}
         * is C): the instance seen as its superclass, whose field {@code f} Java then selects
         * (fields are not virtual).
         */
        SUPER_RECEIVER,
        /** An instance member of the receiver reached through implicit {@code this}. */
        RECEIVER_MEMBER,
        /** A static member named without its class (same class, enclosing class, static import). */
        STATIC_MEMBER,
        /** A type: written through JavaPoet so that it is imported or qualified. */
        TYPE,
        /**
         * A private type, or one nested in a private type ({@link #element}), named as a type: the
         * machine writes its projection, and finds its class object (for casts, {@code instanceof},
         * arrays, {@code P.class}) through the lookup (see {@link Denotable}).
         */
        PRIVATE_TYPE,
        /** A private field or method of the class or its nest: reached through a handle. */
        PRIVATE_MEMBER,
        /**
         * A method reference the machine cannot write as such ({@code super::m}, or one naming a
         * private method or constructor): written as a lambda that calls it.
         */
        REFERENCE_AS_LAMBDA,
        /** Something the generated class cannot express yet; {@link #why} says what. */
        UNSUPPORTED
    }

    record Resolution(Kind kind, Element element, String why) {
        static Resolution of(Kind kind, Element element) {
            return new Resolution(kind, element, null);
        }
    }

    private static final Resolution VERBATIM = Resolution.of(Kind.VERBATIM, null);

    private final Body body;
    private final Set<VariableElement> hoisted;
    private final Set<VariableElement> constants;
    private final PackageElement pkg;

    NameResolver(Body body, Set<VariableElement> hoisted) {
        this(body, hoisted, Set.of());
    }

    /** {@code constants}: constant locals written as their values (see {@link Kind#CONSTANT}). */
    NameResolver(Body body, Set<VariableElement> hoisted, Set<VariableElement> constants) {
        this.body = body;
        this.hoisted = hoisted;
        this.constants = constants;
        this.pkg = body.copy.elements.getPackageOf(body.owner);
    }

    Resolution identifier(IdentifierTree id) {
        String name = id.getName().toString();
        TreePath path = body.path(id);
        if (name.equals("this")) {
            return nestedClass(path) != null ? VERBATIM : Resolution.of(Kind.RECEIVER, body.owner);
        }
        if (name.equals("super")) {
            TypeElement caller = isSuperCall(path) ? superCaller(path) : null;
            if (caller != null && hidesClassTypeVariable(
                    (javax.lang.model.element.ExecutableElement) body.element(path.getParentPath().getParentPath().getLeaf()),
                    caller)) {
                return unsupported("a super call of a method whose type variable hides the class's");
            }
            if (nestedClass(path) != null || isSuperCall(path) || path.getParentPath().getLeaf() instanceof MemberReferenceTree) {
                return VERBATIM;
            }
            return path.getParentPath().getLeaf() instanceof MemberSelectTree select
                    && body.element(select) != null && body.element(select).getKind() == ElementKind.FIELD
                    ? Resolution.of(Kind.SUPER_RECEIVER, body.owner)
                    : unsupported("super in this position");
        }
        if (isAnnotationArgumentName(path)) {
            return VERBATIM;
        }
        Element e = body.element(id);
        if (e == null || e.getKind() == ElementKind.ENUM_CONSTANT && isCaseLabel(path)) {
            return VERBATIM; // case labels name enum constants unqualified
        }
        switch (e.getKind()) {
            case LOCAL_VARIABLE, PARAMETER, EXCEPTION_PARAMETER, RESOURCE_VARIABLE, BINDING_VARIABLE:
                if (constants.contains(e)) {
                    return Resolution.of(Kind.CONSTANT, e);
                }
                return hoisted.contains(e) ? Resolution.of(Kind.HOISTED, e) : VERBATIM;
            case FIELD, ENUM_CONSTANT, METHOD:
                return member(e, path);
            default:
                return e instanceof TypeElement type ? type(type) : VERBATIM;
        }
    }

    Resolution memberSelect(MemberSelectTree select) {
        Element e = body.element(select);
        String name = select.getIdentifier().toString();
        if (name.equals("this")) {
            Element outer = body.element(select.getExpression());
            if (declaredInBody(outer)) {
                return VERBATIM; // a local or anonymous class's own this
            }
            return outer.equals(body.owner) ? Resolution.of(Kind.RECEIVER, body.owner)
                    : Resolution.of(Kind.ENCLOSING, outer);
        }
        if (name.equals("class")) {
            return VERBATIM; // a class literal, whose type Renderer writes (P.class: the class object's field)
        }
        if (name.equals("super")) {
            // C.super.m(...) is a call that Renderer makes through a handle where it must
            Element named = body.element(select.getExpression());
            if (isSuperCall(body.path(select)) || declaredInBody(named)
                    || body.path(select).getParentPath().getLeaf() instanceof MemberReferenceTree) {
                return VERBATIM;
            }
            // C.super.f or Outer.super.f: the field of that class's superclass, on its instance.
            return Resolution.of(Kind.SUPER_RECEIVER, named);
        }
        if (e instanceof TypeElement type) {
            return type(type);
        }
        if (e != null && reachedThroughHandle(e)) {
            ExpressionTree object = select.getExpression();
            if (e.getModifiers().contains(Modifier.STATIC) && !(body.element(object) instanceof TypeElement)
                    && !(object instanceof IdentifierTree)) {
                // Java evaluates x() in x().s and drops its value; the handle takes no object.
                return unsupported("a private static member named through an expression (x().s)");
            }
            return privateMember(e);
        }
        if (e != null && !accessible(e)) {
            return inaccessible(e);
        }
        return VERBATIM;
    }

    /**
     * A private member, reached through PrivateAccess. A method or constructor is called through a
     * static method of the machine generic in its class's type variables and its own, which
     * must then have distinct names.
     */
    private Resolution privateMember(Element e) {
        if (e instanceof javax.lang.model.element.ExecutableElement method
                && hidesClassTypeVariable(method, (TypeElement) method.getEnclosingElement())) {
            return unsupported("a private method or constructor whose type variable hides its class's");
        }
        return Resolution.of(Kind.PRIVATE_MEMBER, e);
    }

    /** Whether a type variable of {@code method} has the name of one of {@code type}'s (as an instance sees them). */
    static boolean hidesClassTypeVariable(javax.lang.model.element.ExecutableElement method, TypeElement type) {
        if (method.getModifiers().contains(Modifier.STATIC) && method.getKind() == ElementKind.METHOD) {
            return false;
        }
        return method.getTypeParameters().stream().anyMatch(mine -> AsyncMethod.classTypeParameters(type).stream()
                .anyMatch(theirs -> theirs.getSimpleName().equals(mine.getSimpleName())));
    }

    /**
     * For {@code super.m(...)} or {@code X.super.m(...)} ({@code superPath} leads to {@code super}
     * or {@code X.super}): the class whose superclass's (or superinterface X's) method is meant,
     * which the machine calls through a handle: the method's class, or a class around it. Null
     * when it is a class declared in the body, where the call stays as written.
     */
    TypeElement superCaller(TreePath superPath) {
        if (superPath.getLeaf() instanceof IdentifierTree) {
            return nestedClass(superPath) == null ? body.owner : null;
        }
        TypeElement named = (TypeElement) body.element(((MemberSelectTree) superPath.getLeaf()).getExpression());
        if (!named.getKind().isInterface()) {
            return declaredInBody(named) ? null : named;
        }
        // X.super.m(): X is a direct superinterface of the innermost class around that has it as one.
        for (TreePath p = superPath.getParentPath(); p != null && p.getLeaf() != body.method; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree && body.copy.trees.getElement(p) instanceof TypeElement local
                    && implementsDirectly(local, named)) {
                return null;
            }
        }
        TypeElement c = body.owner;
        while (!implementsDirectly(c, named) && c.getEnclosingElement() instanceof TypeElement outer) {
            c = outer;
        }
        return c;
    }

    private boolean implementsDirectly(TypeElement c, TypeElement iface) {
        return c.getInterfaces().stream().anyMatch(i -> body.copy.types.asElement(i).equals(iface));
    }

    /** How a compound assignment ({@code x.f += v}) to a private field is written. */
    enum ReadModifyWrite {
        /** Not to a private field reached through a handle, or its object may be named twice. */
        AS_IS,
        /**
         * A statement whose object is computed in place ({@code next().f += v;}): written as a
         * block that evaluates the object once into a local,
         * {@code { final C object = next(); F_FIELD.set(object, ...); }}.
         */
        OBJECT_IN_LOCAL,
        UNSUPPORTED
    }

    /**
     * A compound assignment to a private field reads it through one handle call and stores
     * through another, naming its object twice (an increment calls one helper method instead).
     * Fine where that yields the same object both times ({@code this}, {@code Outer.this}, a
     * local {@code write} does not assign), or where an await in it makes the lowering keep the
     * object in a temporary; else the statement is rewritten, unless its value is used.
     */
    ReadModifyWrite privateReadModifyWrite(Tree write, ExpressionTree target) {
        Resolution r = target instanceof MemberSelectTree select ? memberSelect(select) : null;
        if (r == null || r.kind() != Kind.PRIVATE_MEMBER || !(r.element() instanceof VariableElement)
                || isStableReceiver(((MemberSelectTree) target).getExpression(), write) || body.containsAwait(write)) {
            return ReadModifyWrite.AS_IS;
        }
        TreePath parent = body.path(write).getParentPath();
        boolean forUpdate = parent.getParentPath().getLeaf() instanceof com.sun.source.tree.ForLoopTree loop
                && loop.getUpdate().contains(parent.getLeaf());
        return parent.getLeaf() instanceof com.sun.source.tree.ExpressionStatementTree && !forUpdate
                ? ReadModifyWrite.OBJECT_IN_LOCAL : ReadModifyWrite.UNSUPPORTED;
    }

    /**
     * {@code this}, {@code Outer.this}, a class naming a static field ({@code C.counter}, {@code p.C.counter}:
     * no object at all), or a local or parameter that {@code write} does not assign.
     */
    private boolean isStableReceiver(ExpressionTree receiver, Tree write) {
        if (isThis(receiver) || body.element(receiver) instanceof TypeElement) {
            return true;
        }
        Element local = receiver instanceof IdentifierTree ? body.element(receiver) : null;
        return local != null && Body.isLocal(local) && !body.assigns(write, local);
    }

    /** {@code this} or {@code Outer.this}: a receiver whose value never changes. */
    static boolean isThis(ExpressionTree receiver) {
        return receiver instanceof IdentifierTree id ? id.getName().contentEquals("this")
                : receiver instanceof MemberSelectTree select && select.getIdentifier().contentEquals("this");
    }

    /** {@code super.m(...)}: the machine calls it through a handle (see Renderer). */
    static boolean isSuperCall(TreePath superPath) {
        TreePath select = superPath.getParentPath();
        return select.getLeaf() instanceof MemberSelectTree
                && select.getParentPath().getLeaf() instanceof com.sun.source.tree.MethodInvocationTree call
                && call.getMethodSelect() == select.getLeaf();
    }

    /**
     * A member the machine reaches through a handle: private in the nest, protected elsewhere, a
     * member of a private type (even a public one: the machine cannot name its class), or one whose
     * type or signature names a private type (the machine writes it as its projection).
     */
    boolean reachedThroughHandle(Element e) {
        return isPrivateInNest(e) || PrivateAccess.isProtectedElsewhere(e, body.owner, body.copy.elements)
                || isMemberKind(e) && e.getEnclosingElement() instanceof TypeElement owner && !declaredInBody(e)
                        && (isPrivateType(owner) || signatureMentionsPrivate(e));
    }

    /** Whether the type of a field, or the signature of a method or constructor, names a private type. */
    static boolean signatureMentionsPrivate(Element e) {
        if (!(e instanceof javax.lang.model.element.ExecutableElement method)) {
            return Denotable.mentionsPrivate(e.asType());
        }
        return Denotable.mentionsPrivate(method.getReturnType())
                || method.getParameters().stream().anyMatch(p -> Denotable.mentionsPrivate(p.asType()))
                || method.getThrownTypes().stream().anyMatch(Denotable::mentionsPrivate);
    }

    private static boolean isMemberKind(Element e) {
        return e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD
                || e.getKind() == ElementKind.CONSTRUCTOR || e.getKind() == ElementKind.ENUM_CONSTANT;
    }

    /** A private type (or one nested in one) that is not declared in the body. */
    boolean isPrivateType(TypeElement type) {
        return Denotable.isPrivate(type) && !declaredInBody(type);
    }

    /**
     * A private field or method that Java lets the body use because it belongs to the same
     * top-level class (a nestmate), and that the machine reaches through a handle.
     */
    boolean isPrivateInNest(Element e) {
        return (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD
                        || e.getKind() == ElementKind.CONSTRUCTOR)
                && e.getModifiers().contains(Modifier.PRIVATE)
                && !declaredInBody(e)
                && outermost(e).equals(outermost(body.owner));
    }

    private static Element outermost(Element e) {
        Element top = e;
        for (Element x = e; x instanceof TypeElement || x.getEnclosingElement() instanceof TypeElement; x = x.getEnclosingElement()) {
            if (x instanceof TypeElement) {
                top = x;
            }
        }
        return top;
    }

    Resolution memberReference(MemberReferenceTree ref) {
        Element e = body.element(ref);
        ExpressionTree qualifier = ref.getQualifierExpression();
        boolean isSuper = qualifier instanceof IdentifierTree id ? id.getName().contentEquals("super")
                : qualifier instanceof MemberSelectTree select && select.getIdentifier().contentEquals("super");
        if (isSuper) {
            return superCaller(body.path(qualifier)) == null ? VERBATIM : asLambda(ref, e);
        }
        if (body.type(qualifier).getKind() == javax.lang.model.type.TypeKind.ARRAY) {
            return VERBATIM; // T[]::new, whose constructor belongs to no class (PrivateTypeChecks: P[]::new)
        }
        if (e != null && reachedThroughHandle(e)) {
            if (e.getKind() == ElementKind.CONSTRUCTOR && isInner((TypeElement) e.getEnclosingElement())
                    && enclosedInBody(body.path(ref), (TypeElement) e.getEnclosingElement())) {
                return unsupported("a reference to a private constructor of an inner class of a class declared in the body");
            }
            Resolution member = privateMember(e);
            return member.kind() == Kind.UNSUPPORTED ? member : asLambda(ref, e);
        }
        return e != null && !accessible(e) ? inaccessible(e) : VERBATIM;
    }

    /** Whether {@code type}'s constructors that could take {@code arguments} arguments are all private. */
    private static boolean onlyPrivateConstructors(TypeElement type, int arguments) {
        List<javax.lang.model.element.ExecutableElement> candidates = javax.lang.model.util.ElementFilter
                .constructorsIn(type.getEnclosedElements()).stream()
                .filter(c -> c.getParameters().size() == arguments || c.isVarArgs()).collect(java.util.stream.Collectors.toList());
        return !candidates.isEmpty() && candidates.stream().allMatch(c -> c.getModifiers().contains(Modifier.PRIVATE));
    }

    /** A method reference the machine writes as a lambda, unless no lambda can stand for it. */
    private Resolution asLambda(MemberReferenceTree ref, Element target) {
        return functionalMethod(body.type(ref)).getTypeParameters().isEmpty()
                ? Resolution.of(Kind.REFERENCE_AS_LAMBDA, target)
                : unsupported("a reference to a private or super method for a generic functional interface method"
                        + " (no lambda can implement it)");
    }

    /** The abstract method of the functional interface {@code type}. */
    javax.lang.model.element.ExecutableElement functionalMethod(javax.lang.model.type.TypeMirror type) {
        TypeElement object = body.copy.elements.getTypeElement("java.lang.Object");
        TypeElement iface = (TypeElement) body.copy.types.asElement(type);
        for (Element member : body.copy.elements.getAllMembers(iface)) {
            if (member instanceof javax.lang.model.element.ExecutableElement method
                    && method.getModifiers().contains(Modifier.ABSTRACT)
                    && object.getEnclosedElements().stream().noneMatch(o -> o instanceof javax.lang.model.element.ExecutableElement m
                            && sameSignature(method, m))) {
                return method;
            }
        }
        throw new IllegalStateException("not a functional interface: " + type);
    }

    /** Whether {@code a} has the name and erased parameter types of {@code b} (an Object method). */
    private boolean sameSignature(javax.lang.model.element.ExecutableElement a, javax.lang.model.element.ExecutableElement b) {
        if (!a.getSimpleName().equals(b.getSimpleName()) || a.getParameters().size() != b.getParameters().size()) {
            return false;
        }
        for (int i = 0; i < a.getParameters().size(); i++) {
            if (!body.copy.types.isSameType(body.copy.types.erasure(a.getParameters().get(i).asType()),
                    body.copy.types.erasure(b.getParameters().get(i).asType()))) {
                return false;
            }
        }
        return true;
    }

    Resolution newClass(NewClassTree create) {
        Element constructor = body.element(create);
        if (constructor != null && create.getClassBody() == null && reachedThroughHandle(constructor)) {
            TypeElement created = (TypeElement) constructor.getEnclosingElement();
            return isInner(created) && create.getEnclosingExpression() == null && enclosedInBody(body.path(create), created)
                    ? unsupported("a private constructor of an inner class of a class declared in the body")
                    : privateMember(constructor);
        }
        if (constructor != null && !accessible(constructor)) {
            return inaccessible(constructor);
        }
        if (create.getClassBody() != null && body.element(create.getIdentifier()) instanceof TypeElement supertype
                && !declaredInBody(supertype) && supertype.getKind() == ElementKind.CLASS
                && onlyPrivateConstructors(supertype, create.getArguments().size())) {
            return inaccessible(supertype);
        }
        // An anonymous class's constructor belongs to it: the class created is its supertype.
        Element created = create.getClassBody() != null ? body.element(create.getIdentifier())
                : constructor == null ? null : constructor.getEnclosingElement();
        if (create.getEnclosingExpression() == null && created instanceof TypeElement inner
                && isInner(inner) && !enclosedInBody(body.path(create), inner)) {
            return Resolution.of(Kind.INNER_CREATION, inner);
        }
        return VERBATIM;
    }

    private Resolution member(Element e, TreePath path) {
        TypeElement owner = (TypeElement) e.getEnclosingElement();
        if (declaredInBody(owner)) {
            return VERBATIM;
        }
        ClassTree nested = nestedClass(path);
        if (nested != null) {
            Element nestedType = body.copy.trees.getElement(body.path(nested));
            if (nestedType != null && body.copy.types.isSubtype(
                    body.copy.types.erasure(nestedType.asType()), body.copy.types.erasure(owner.asType()))) {
                return VERBATIM; // the nested class's own (or inherited) member
            }
        }
        if (reachedThroughHandle(e)) {
            return privateMember(e);
        }
        if (!accessible(e)) {
            return inaccessible(e);
        }
        if (e.getModifiers().contains(Modifier.STATIC)) {
            return Resolution.of(Kind.STATIC_MEMBER, e);
        }
        return Resolution.of(isMemberOf(body.owner, owner) ? Kind.RECEIVER_MEMBER : Kind.ENCLOSING_MEMBER, e);
    }

    private Resolution type(TypeElement type) {
        if (type.getNestingKind() == NestingKind.LOCAL || type.getNestingKind() == NestingKind.ANONYMOUS) {
            return VERBATIM;
        }
        if (isPrivateType(type)) {
            return Resolution.of(Kind.PRIVATE_TYPE, type);
        }
        return accessible(type) ? Resolution.of(Kind.TYPE, type) : inaccessible(type);
    }

    /** Whether code in another class of the method's package may use {@code e}. */
    private boolean accessible(Element e) {
        if (declaredInBody(e)) {
            return true;
        }
        Set<Modifier> modifiers = e.getModifiers();
        if (modifiers.contains(Modifier.PRIVATE)) {
            return false;
        }
        if (modifiers.contains(Modifier.PUBLIC)) {
            return true;
        }
        // Package-private and protected members are reachable only from the same package.
        PackageElement where = body.copy.elements.getPackageOf(e);
        return where == null || where.equals(pkg);
    }

    /** Whether the members of {@code owner} are members of {@code type} (its subclass). */
    boolean isMemberOf(TypeElement type, TypeElement owner) {
        return body.copy.types.isSubtype(body.copy.types.erasure(type.asType()), body.copy.types.erasure(owner.asType()));
    }

    /** An inner member class: its instances have an enclosing instance. */
    static boolean isInner(TypeElement type) {
        return type.getNestingKind() == NestingKind.MEMBER && type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.STATIC);
    }

    /**
     * Whether a class declared in the body around {@code path} provides the enclosing instance
     * of {@code inner} (it, or a superclass, declares {@code inner}).
     */
    private boolean enclosedInBody(TreePath path, TypeElement inner) {
        TypeElement outer = (TypeElement) inner.getEnclosingElement();
        for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != body.method; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree && body.copy.trees.getElement(p) instanceof TypeElement local
                    && isMemberOf(local, outer)) {
                return true;
            }
        }
        return false;
    }

    private boolean declaredInBody(Element e) {
        for (Element x = e; x != null; x = x.getEnclosingElement()) {
            if (x instanceof TypeElement t && (t.getNestingKind() == NestingKind.LOCAL
                    || t.getNestingKind() == NestingKind.ANONYMOUS)) {
                return true;
            }
        }
        return false;
    }

    /** The innermost class body around {@code path} inside the method (a local or anonymous class). */
    ClassTree nestedClass(TreePath path) {
        for (TreePath p = path.getParentPath(); p != null && p.getLeaf() != body.method; p = p.getParentPath()) {
            if (p.getLeaf() instanceof ClassTree c) {
                return c;
            }
        }
        return null;
    }

    /**
     * Whether {@code path} is a case's constant: javac 17 makes it a child of the case, javac 21
     * and later of a constant case label in the case (a kind javac 17's API does not name).
     */
    private static boolean isCaseLabel(TreePath path) {
        Tree parent = path.getParentPath().getLeaf();
        return parent instanceof CaseTree || parent.getKind().name().equals("CONSTANT_CASE_LABEL");
    }

    private static boolean isAnnotationArgumentName(TreePath path) {
        TreePath parent = path.getParentPath();
        return parent.getLeaf() instanceof AssignmentTree assign
                && assign.getVariable() == path.getLeaf()
                && parent.getParentPath().getLeaf() instanceof AnnotationTree;
    }

    private static Resolution unsupported(String what) {
        return new Resolution(Kind.UNSUPPORTED, null, Messages.notSupportedYet(what, Messages.HINT_HELPER));
    }

    private static Resolution inaccessible(Element e) {
        String what = e instanceof TypeElement t ? t.getQualifiedName().toString()
                : e.getEnclosingElement().getSimpleName() + "." + e.getSimpleName();
        return new Resolution(Kind.UNSUPPORTED, e, Messages.inaccessibleMember(what));
    }
}
