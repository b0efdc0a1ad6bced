package dev.pollen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.sun.source.tree.Tree;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Private members of the method's class and of the classes around it, which the machine (another
 * class) reaches through method and var handles kept in static final fields: the JIT treats
 * those as constants and compiles the access to a direct call or load. (Also the one other
 * static the machine needs: whether assertions are enabled.)
 */
final class PrivateAccess {
    private final Types types;
    private final javax.lang.model.util.Elements elements;
    private final NameAllocator names;
    private final ClassName machine;
    private final TypeElement owner;
    private final Map<Object, String> handles = new LinkedHashMap<>();
    private final List<CodeBlock> lookups = new ArrayList<>();
    private final List<FieldSpec> fields = new ArrayList<>();
    private final List<MethodSpec> methods = new ArrayList<>();

    /**
     * {@code machine}: the class these members go into, which qualifies calls with type arguments;
     * {@code owner}: the method's class, whose subclass access reaches inherited protected members.
     */
    PrivateAccess(Types types, javax.lang.model.util.Elements elements, NameAllocator names, ClassName machine,
            TypeElement owner) {
        this.types = types;
        this.elements = elements;
        this.names = names;
        this.machine = machine;
        this.owner = owner;
    }

    ClassName machine() {
        return machine;
    }

    /**
     * The machine's method that calls the private method {@code method}:
     * {@code name([receiver, ]arguments...)}.
     */
    String callMethod(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
        return caller(method, "call_" + method.getSimpleName(), methodHandle(method), method,
                (ExecutableType) method.asType(), isStatic ? List.of() : AsyncMethod.classTypeParameters(owner),
                isStatic ? null : typeName(owner.asType()), typeName(method.getReturnType()));
    }

    /**
     * The machine's method for {@code super.m(...)} in the method's class {@code caller}:
     * {@code super_m(receiver, arguments...)}, the superclass's method without virtual dispatch.
     */
    String callSuper(ExecutableElement method, TypeElement caller) {
        ExecutableType seen = (ExecutableType) types.asMemberOf((DeclaredType) caller.asType(), method);
        return caller(new SuperKey(method), "super_" + method.getSimpleName(), superHandle(method, caller), method,
                seen, AsyncMethod.classTypeParameters(caller), typeName(caller.asType()),
                typeName(seen.getReturnType()));
    }

    /**
     * The machine's method that calls the private constructor {@code constructor}:
     * {@code new_C([outer, ]arguments...)}; an inner class's takes its enclosing instance first.
     */
    String callConstructor(ExecutableElement constructor) {
        TypeElement owner = (TypeElement) constructor.getEnclosingElement();
        boolean inner = NameResolver.isInner(owner);
        return caller(constructor, "new_" + owner.getSimpleName(), constructorHandle(constructor), constructor,
                (ExecutableType) constructor.asType(), AsyncMethod.classTypeParameters(owner),
                inner ? typeName(owner.getEnclosingElement().asType()) : null, typeName(owner.asType()));
    }

    /**
     * A static method of the machine that invokes {@code handle}: declared like {@code target}
     * as {@code seen} from its receiver (whose type is {@code receiver}, null for none), generic in
     * {@code classVariables} and the target's own type variables. It declares what the target
     * throws and rethrows whatever the handle throws unchanged, so that a call reads as the
     * source's call and type-checks as it, inside lambdas too (a handle's invoke throws Throwable).
     */
    private String caller(Object key, String hint, String handle, ExecutableElement target, ExecutableType seen,
            List<? extends TypeParameterElement> classVariables, TypeName receiver, TypeName returns) {
        return handles.computeIfAbsent(new CallerKey(key), k -> {
            MethodSpec.Builder m = MethodSpec.methodBuilder(names.newName(hint))
                    .addModifiers(Modifier.PRIVATE, Modifier.STATIC).returns(returns);
            classVariables.forEach(v -> m.addTypeVariable(TypeVariableName.get(v)));
            target.getTypeParameters().forEach(v -> m.addTypeVariable(TypeVariableName.get(v)));
            List<String> arguments = new ArrayList<>();
            if (receiver != null) {
                m.addParameter(receiver, "receiver");
                arguments.add("receiver");
            }
            for (int i = 0; i < target.getParameters().size(); i++) {
                String name = "a" + i;
                m.addParameter(typeName(seen.getParameterTypes().get(i)), name);
                arguments.add(name);
            }
            if (target.isVarArgs()) {
                m.varargs(true);
                TypeMirror last = seen.getParameterTypes().get(seen.getParameterTypes().size() - 1);
                if (!isReifiable(((javax.lang.model.type.ArrayType) last).getComponentType())) {
                    m.addAnnotation(SafeVarargs.class);
                }
            }
            seen.getThrownTypes().forEach(t -> m.addException(typeName(t)));
            String invoke = handle + ".invoke(" + String.join(", ", arguments) + ")";
            m.beginControlFlow("try");
            if (returns.equals(TypeName.VOID)) {
                m.addStatement("$L", invoke);
            } else {
                m.addStatement("return $L", typed(returns, CodeBlock.of("$L", invoke)));
            }
            return addMethod(m.nextControlFlow("catch ($T e)", Throwable.class)
                    .addStatement("throw $T.rethrow(e)", Names.SNEAKY)
                    .endControlFlow());
        });
    }

    private record CallerKey(Object target) {}

    private static boolean isReifiable(TypeMirror type) {
        return switch (type.getKind()) {
            case TYPEVAR -> false;
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream()
                    .allMatch(a -> a.getKind() == javax.lang.model.type.TypeKind.WILDCARD
                            && ((javax.lang.model.type.WildcardType) a).getExtendsBound() == null
                            && ((javax.lang.model.type.WildcardType) a).getSuperBound() == null);
            case ARRAY -> isReifiable(((javax.lang.model.type.ArrayType) type).getComponentType());
            default -> true;
        };
    }

    /**
     * A protected field or method of a class in another package that the method's class (or one
     * around it) inherits: Java lets the body use it, and the machine reaches it through a handle
     * looked up in that subclass, whose private lookup has the subclass's access.
     */
    static boolean isProtectedElsewhere(javax.lang.model.element.Element e, TypeElement owner,
            javax.lang.model.util.Elements elements) {
        return (e.getKind() == javax.lang.model.element.ElementKind.FIELD
                        || e.getKind() == javax.lang.model.element.ElementKind.METHOD)
                && e.getModifiers().contains(Modifier.PROTECTED)
                && !elements.getPackageOf(e).equals(elements.getPackageOf(owner))
                && e.getEnclosingElement() instanceof TypeElement;
    }

    /** The class whose private lookup finds {@code member}: its own, or for a protected one the subclass. */
    private TypeElement lookupClass(javax.lang.model.element.Element member) {
        TypeElement declaring = (TypeElement) member.getEnclosingElement();
        if (!member.getModifiers().contains(Modifier.PROTECTED)) {
            return declaring;
        }
        for (javax.lang.model.element.Element c = owner; c instanceof TypeElement t; c = c.getEnclosingElement()) {
            if (types.isSubtype(types.erasure(t.asType()), types.erasure(declaring.asType()))) {
                return t;
            }
        }
        return declaring;
    }

    /** The handle of a private (or inherited protected) method. */
    private String methodHandle(ExecutableElement method) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        String find = method.getModifiers().contains(Modifier.STATIC) ? "findStatic" : "findVirtual";
        return handle(method, method.getSimpleName() + "_method", MethodHandle.class,
                name -> CodeBlock.of("$L = lookup($L).$L($L, $S, $L)", name, classLiteral(lookupClass(method).asType()),
                        find, classLiteral(owner.asType()), method.getSimpleName(), methodType(method)));
    }

    /**
     * The handle for {@code super.m(...)} in the method's class {@code caller}: the superclass's
     * method, invoked without virtual dispatch (invokespecial), as Java's {@code super} call.
     */
    private String superHandle(ExecutableElement method, TypeElement caller) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        return handle(new SuperKey(method), "super_" + method.getSimpleName(), MethodHandle.class,
                name -> CodeBlock.of("$L = lookup($T.class).findSpecial($T.class, $S, $L, $T.class)", name,
                        ClassName.get(caller), ClassName.get(owner), method.getSimpleName(), methodType(method),
                        ClassName.get(caller)));
    }

    /** A key apart from {@link #method}'s: the same method may be called both ways. */
    private record SuperKey(ExecutableElement method) {}

    /** The handle of a private constructor; an inner class's takes its enclosing instance first. */
    private String constructorHandle(ExecutableElement constructor) {
        TypeElement owner = (TypeElement) constructor.getEnclosingElement();
        return handle(constructor, "new_" + owner.getSimpleName(), MethodHandle.class, name -> {
            CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType(void.class", MethodType.class);
            if (NameResolver.isInner(owner)) {
                type.add(", $L", classLiteral(owner.getEnclosingElement().asType()));
            }
            constructor.getParameters().forEach(p -> type.add(", $L", classLiteral(p.asType())));
            CodeBlock ownerClass = classLiteral(owner.asType());
            return CodeBlock.of("$L = lookup($L).findConstructor($L, $L)", name, ownerClass, ownerClass,
                    type.add(")").build());
        });
    }

    /** The handle of a private (or inherited protected) field. */
    String field(VariableElement field) {
        TypeElement owner = (TypeElement) field.getEnclosingElement();
        String find = isStatic(field) ? "findStaticVarHandle" : "findVarHandle";
        return handle(field, field.getSimpleName() + "_field", VarHandle.class,
                name -> CodeBlock.of("$L = lookup($L).$L($L, $S, $L)", name,
                        classLiteral(lookupClass(field).asType()), find, classLiteral(owner.asType()),
                        field.getSimpleName(), classLiteral(field.asType())));
    }

    /**
     * The handle on the enclosing instance of the inner class {@code inner}
     * ({@code AsyncMachine.enclosingInstance}: the field javac keeps it in has no name in Java).
     */
    String enclosingInstance(TypeElement inner) {
        return handle(new EnclosingKey(inner), "outer_of_" + inner.getSimpleName(), VarHandle.class,
                name -> CodeBlock.of("$L = enclosingInstance(lookup($T.class))", name, ClassName.get(inner)));
    }

    private record EnclosingKey(TypeElement inner) {}

    /**
     * A method that stores a value into a private field and returns it: an assignment whose value
     * is used, since a handle's {@code set} returns nothing. One per field and type the body
     * sees it with (a generic field may be seen with several).
     */
    String assign(VariableElement field, TypeName type) {
        String handle = field(field);
        return handles.computeIfAbsent(new HelperKey(field, type, Tree.Kind.ASSIGNMENT), k -> {
            MethodSpec.Builder m = fieldHelper(field, field.getSimpleName() + "_assign", type)
                    .addParameter(type, "value");
            return addMethod(m.addStatement(isStatic(field) ? "$L.set(value)" : "$L.set(receiver, value)", handle)
                    .addStatement("return value"));
        });
    }

    /**
     * A method for {@code x++}, {@code ++x}, {@code x--} or {@code --x} (kind {@code unary}) of a
     * private field: reads the field once, stores {@code incremented.apply(old)}, and returns the
     * old value (postfix) or the new one (prefix). Its receiver is evaluated once, as an argument.
     */
    String increment(VariableElement field, TypeName type, Tree.Kind unary, UnaryOperator<CodeBlock> incremented) {
        String handle = field(field);
        return handles.computeIfAbsent(new HelperKey(field, type, unary), k -> {
            String suffix = switch (unary) {
                case POSTFIX_INCREMENT -> "_increment";
                case POSTFIX_DECREMENT -> "_decrement";
                case PREFIX_INCREMENT -> "_preIncrement";
                default -> "_preDecrement";
            };
            boolean prefix = unary == Tree.Kind.PREFIX_INCREMENT || unary == Tree.Kind.PREFIX_DECREMENT;
            MethodSpec.Builder m = fieldHelper(field, field.getSimpleName() + suffix, type);
            String receiver = isStatic(field) ? "" : "receiver";
            m.addStatement("$T old = $L", type, typed(type, CodeBlock.of("$L.get($L)", handle, receiver)));
            if (prefix) {
                return addMethod(m.addStatement("$T updated = $L", type, incremented.apply(CodeBlock.of("old")))
                        .addStatement("$L.set($Lupdated)", handle, isStatic(field) ? "" : "receiver, ")
                        .addStatement("return updated"));
            }
            return addMethod(m.addStatement("$L.set($L$L)", handle, isStatic(field) ? "" : "receiver, ",
                            incremented.apply(CodeBlock.of("old")))
                    .addStatement("return old"));
        });
    }

    /**
     * {@code call}, a handle's signature-polymorphic {@code get} or {@code invoke}, as {@code type}:
     * a cast, which gives the call its type, or for a type variable or parameterized type
     * (whose cast javac 21 and later flag as unchecked) {@code AsyncMachine.<T>uncheckedCast(call)}.
     */
    static CodeBlock typed(TypeName type, CodeBlock call) {
        return isGeneric(type) ? CodeBlock.of("$T.<$T>uncheckedCast($L)", Names.ASYNC_MACHINE, type, call)
                : CodeBlock.of("(($T) $L)", type, call);
    }

    private static boolean isGeneric(TypeName type) {
        return type instanceof com.palantir.javapoet.ParameterizedTypeName || type instanceof TypeVariableName
                || type instanceof com.palantir.javapoet.ArrayTypeName array && isGeneric(array.componentType());
    }

    /** Helpers are instance methods, so that the field's type may use the machine's type variables. */
    private MethodSpec.Builder fieldHelper(VariableElement field, String hint, TypeName type) {
        MethodSpec.Builder m = MethodSpec.methodBuilder(names.newName(hint)).addModifiers(Modifier.PRIVATE).returns(type);
        if (!isStatic(field)) {
            m.addParameter(Object.class, "receiver");
        }
        return m;
    }

    private static boolean isStatic(VariableElement field) {
        return field.getModifiers().contains(Modifier.STATIC);
    }

    private String addMethod(MethodSpec.Builder method) {
        MethodSpec built = method.build();
        methods.add(built);
        return built.name();
    }

    private record HelperKey(VariableElement field, TypeName type, Tree.Kind kind) {}

    /**
     * Whether assertions are enabled for the method's top-level class: what javac's own
     * {@code $assertionsDisabled} reads, for an {@code assert} whose test awaits.
     */
    String assertionsEnabled(TypeElement topLevel) {
        return handles.computeIfAbsent("assertions", k -> {
            String name = names.newName("ASSERTIONS_ENABLED");
            fields.add(FieldSpec.builder(boolean.class, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
                    .initializer("$T.class.desiredAssertionStatus()", ClassName.get(topLevel)).build());
            return name;
        });
    }

    /** The static final field for {@code key}'s handle, declared the first time it is asked for. */
    private String handle(Object key, String hint, Class<?> type, java.util.function.Function<String, CodeBlock> lookup) {
        String known = handles.get(key);
        if (known != null) {
            return known;
        }
        String name = names.newName(constantName(hint));
        CodeBlock init = lookup.apply(name); // may declare class constants, initialized before it
        handles.put(key, name);
        add(name, type, init);
        return name;
    }

    private CodeBlock methodType(ExecutableElement method) {
        CodeBlock.Builder type = CodeBlock.builder().add("$T.methodType($L", MethodType.class,
                classLiteral(method.getReturnType()));
        method.getParameters().forEach(p -> type.add(", $L", classLiteral(p.asType())));
        return type.add(")").build();
    }

    /**
     * The class object of {@code type}'s erasure: {@code T.class}, or for a private type (or an
     * array of one), which the machine cannot name, a static final field {@code P_CLASS} of type
     * {@code Class<S>} (S its projection, see {@link Denotable}), found once through the lookup.
     * Finding a class does not initialize it, as naming {@code P.class} does not.
     */
    CodeBlock classLiteral(TypeMirror type) {
        TypeMirror erased = types.erasure(type);
        if (!Denotable.mentionsPrivate(erased)) {
            return CodeBlock.of("$T.class", TypeName.get(erased));
        }
        String known = handles.get(new ClassKey(erased.toString()));
        if (known != null) {
            return CodeBlock.of("$L", known);
        }
        CodeBlock init;
        String hint;
        if (erased instanceof javax.lang.model.type.ArrayType array) {
            CodeBlock component = classLiteral(array.getComponentType());
            hint = component + "_array";
            init = CodeBlock.of("$L.arrayType()", component);
        } else {
            TypeElement element = (TypeElement) types.asElement(erased);
            hint = element.getSimpleName() + "_class";
            init = CodeBlock.of("lookup($T.class).findClass($S)", ClassName.get(topLevel(element)),
                    elements.getBinaryName(element).toString());
        }
        String name = names.newName(constantName(hint).replace("_CLASS_ARRAY", "_ARRAY"));
        handles.put(new ClassKey(erased.toString()), name);
        TypeName projected = ParameterizedTypeName.get(ClassName.get(Class.class), typeName(erased));
        fields.add(FieldSpec.builder(projected, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        lookups.add(CodeBlock.of("$L = $T.uncheckedCast($L)", name, Names.ASYNC_MACHINE, init));
        return CodeBlock.of("$L", name);
    }

    private record ClassKey(String erasure) {}

    private static TypeElement topLevel(TypeElement type) {
        TypeElement top = type;
        while (top.getEnclosingElement() instanceof TypeElement outer) {
            top = outer;
        }
        return top;
    }

    /** A type of a helper's signature: as the machine writes it (a private type as its projection). */
    private static TypeName typeName(TypeMirror type) {
        return Denotable.typeName(type, Map.of());
    }

    private void add(String name, Class<?> type, CodeBlock init) {
        fields.add(FieldSpec.builder(type, name, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL).build());
        lookups.add(init);
    }

    List<FieldSpec> fields() {
        return fields;
    }

    List<MethodSpec> methods() {
        return methods;
    }

    /** The static initializer that looks the handles up; empty when none is needed. */
    CodeBlock staticInitializer() {
        if (lookups.isEmpty()) {
            return CodeBlock.of("");
        }
        CodeBlock.Builder init = CodeBlock.builder().beginControlFlow("try");
        lookups.forEach(l -> init.addStatement("$L", l));
        return init.nextControlFlow("catch ($T e)", ReflectiveOperationException.class)
                .addStatement("throw new $T(e)", ExceptionInInitializerError.class)
                .endControlFlow()
                .build();
    }

    /** Whether there are handles to look up (and so a lookup helper and static initializer). */
    boolean hasLookups() {
        return !lookups.isEmpty();
    }

    /** The lookup helper the initializer uses. */
    static CodeBlock lookupMethodBody() {
        return CodeBlock.builder()
                .addStatement("return $T.privateLookupIn(owner, $T.lookup())", MethodHandles.class, MethodHandles.class)
                .build();
    }

    private static String constantName(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }
}
