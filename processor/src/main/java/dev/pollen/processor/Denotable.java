package dev.pollen.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Source-writable versions of the types javac infers. Generated code must name the type of an
 * awaited value or a hoisted local, and some inferred types cannot be written: captured
 * wildcards, intersections, anonymous classes. Each is replaced by its upward projection (the
 * closest supertype that can be written), as {@code var} would need.
 */
final class Denotable {
    private Denotable() {}

    /**
     * {@code type} as generated code writes it. {@code renamed}: the type variables written under
     * another name (see {@link #renamedTypeVariables}), by {@link #key}.
     */
    static TypeName typeName(TypeMirror type, Map<String, String> renamed) {
        switch (type.getKind()) {
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                if (element.getNestingKind() == NestingKind.ANONYMOUS) {
                    List<? extends TypeMirror> interfaces = element.getInterfaces();
                    return typeName(interfaces.isEmpty() ? element.getSuperclass() : interfaces.get(0), renamed);
                }
                if (isPrivate(element)) {
                    return element.getSuperclass().getKind() == TypeKind.DECLARED
                            ? typeName(element.getSuperclass(), renamed) : ClassName.OBJECT; // an interface
                }
                List<? extends TypeMirror> given = declared.getTypeArguments();
                TypeName[] arguments = new TypeName[given.size()];
                for (int i = 0; i < arguments.length; i++) {
                    arguments[i] = isPrivateArgumentOfBounded(element, i, given.get(i))
                            ? WildcardTypeName.subtypeOf(Object.class) : argument(given.get(i), renamed);
                }
                if (element.getNestingKind() == NestingKind.MEMBER
                        && declared.getEnclosingType() instanceof DeclaredType outer && !outer.getTypeArguments().isEmpty()
                        && typeName(outer, renamed) instanceof ParameterizedTypeName generic) {
                    return generic.nestedClass(element.getSimpleName().toString(), List.of(arguments));
                }
                return arguments.length == 0 ? className(element) : ParameterizedTypeName.get(className(element), arguments);
            }
            case ARRAY:
                return ArrayTypeName.of(typeName(((ArrayType) type).getComponentType(), renamed));
            case TYPEVAR: {
                TypeVariable variable = (TypeVariable) type;
                String name = variable.asElement().getSimpleName().toString();
                return isCapture(variable) ? typeName(variable.getUpperBound(), renamed)
                        : TypeVariableName.get(renamed.getOrDefault(key((TypeParameterElement) variable.asElement()), name));
            }
            case WILDCARD: {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                return bound == null ? ClassName.OBJECT : typeName(bound, renamed);
            }
            case INTERSECTION:
                return typeName(((IntersectionType) type).getBounds().get(0), renamed);
            case UNION:
                return typeName(commonSuperclass(((UnionType) type).getAlternatives()), renamed);
            case NULL:
                return ClassName.OBJECT;
            case ERROR:
                throw new IllegalArgumentException("erroneous type " + type);
            default:
                return TypeName.get(type);
        }
    }

    /**
     * Whether a value stored under {@link #typeName}'s type can still reach every member of
     * {@code type}: not so for an anonymous class (no cast can name its own members). An
     * intersection keeps them through {@link #memberCast} at each read.
     */
    static boolean keepsMembers(TypeMirror type) {
        // Javac's intersection types are DeclaredTypes too, of an anonymous element.
        return !(type.getKind() == TypeKind.DECLARED && type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getNestingKind() == NestingKind.ANONYMOUS);
    }

    /**
     * The cast that gives a value stored under {@link #typeName}'s type back the members of
     * {@code type}, as {@code "(A & B)"}: where {@code type} is an intersection (JLS 4.9: from
     * {@code c ? x : y}, inference, or a capture's or wildcard's bound), of which typeName writes
     * one bound only, or a multi-catch parameter's union, whose members are those of the
     * alternatives' lub (JLS 14.20), of which typeName writes the class. Null where typeName keeps
     * every member.
     */
    static CodeBlock memberCast(TypeMirror type, Types types, Map<String, String> renamed) {
        List<TypeName> bounds = intersectionBounds(type, types, renamed);
        return bounds == null ? null
                : CodeBlock.of("($L)", bounds.stream().map(b -> CodeBlock.of("$T", b)).collect(CodeBlock.joining(" & ")));
    }

    /**
     * Whether {@link #memberCast} is an unchecked cast (JLS 5.1.6.1): a bound other than the one
     * the value is stored under has type arguments that are not all {@code ?}.
     */
    static boolean isUncheckedMemberCast(TypeMirror type, Types types, Map<String, String> renamed) {
        List<TypeName> bounds = intersectionBounds(type, types, renamed);
        return bounds != null && bounds.subList(1, bounds.size()).stream().anyMatch(b -> b instanceof ParameterizedTypeName p
                && !p.typeArguments().stream().allMatch(a -> a.equals(WildcardTypeName.subtypeOf(Object.class))));
    }

    /**
     * The bounds of the intersection {@code type} is or is bounded by, as a cast names them (JLS
     * 15.16: each once, the class first, as javac orders them); null if it is none.
     */
    private static List<TypeName> intersectionBounds(TypeMirror type, Types types, Map<String, String> renamed) {
        switch (type.getKind()) {
            case INTERSECTION: {
                Set<TypeName> bounds = new LinkedHashSet<>();
                ((IntersectionType) type).getBounds().forEach(b -> bounds.add(typeName(b, renamed)));
                return new ArrayList<>(bounds);
            }
            case UNION: {
                List<? extends TypeMirror> alternatives = ((UnionType) type).getAlternatives();
                List<TypeMirror> interfaces = commonInterfaces(alternatives, types);
                if (interfaces.isEmpty()) {
                    return null;
                }
                Set<TypeName> bounds = new LinkedHashSet<>(List.of(typeName(commonSuperclass(alternatives), renamed)));
                interfaces.forEach(i -> bounds.add(typeName(i, renamed)));
                return new ArrayList<>(bounds);
            }
            case TYPEVAR:
                return isCapture((TypeVariable) type)
                        ? intersectionBounds(((TypeVariable) type).getUpperBound(), types, renamed) : null;
            case WILDCARD: {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                return bound == null ? null : intersectionBounds(bound, types, renamed);
            }
            default:
                return null;
        }
    }

    /**
     * The interfaces of the alternatives' lub (JLS 4.10.4): the most specific ones that every
     * alternative implements.
     */
    private static List<TypeMirror> commonInterfaces(List<? extends TypeMirror> alternatives, Types types) {
        List<TypeMirror> common = new ArrayList<>();
        Deque<TypeMirror> pending = new ArrayDeque<>(List.of(alternatives.get(0)));
        while (!pending.isEmpty()) {
            TypeMirror t = pending.pop();
            if (t instanceof DeclaredType declared && declared.asElement().getKind().isInterface()
                    && alternatives.stream().allMatch(a -> types.isSubtype(a, t))
                    && common.stream().noneMatch(c -> types.isSameType(c, t))) {
                common.add(t);
            }
            pending.addAll(types.directSupertypes(t));
        }
        List<TypeMirror> all = List.copyOf(common);
        common.removeIf(i -> all.stream().anyMatch(j -> !types.isSameType(i, j) && types.isSubtype(j, i)));
        return common;
    }

    /** The most specific class all {@code types} extend (a multi-catch parameter's type, JLS 14.20). */
    private static TypeMirror commonSuperclass(List<? extends TypeMirror> types) {
        for (TypeMirror candidate = types.get(0); candidate.getKind() == TypeKind.DECLARED;
                candidate = ((TypeElement) ((DeclaredType) candidate).asElement()).getSuperclass()) {
            String name = ((TypeElement) ((DeclaredType) candidate).asElement()).getQualifiedName().toString();
            if (types.stream().allMatch(t -> extendsClass(t, name))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no common superclass of " + types);
    }

    private static boolean extendsClass(TypeMirror type, String className) {
        for (TypeMirror t = type; t.getKind() == TypeKind.DECLARED;
                t = ((TypeElement) ((DeclaredType) t).asElement()).getSuperclass()) {
            if (((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().contentEquals(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the {@code i}th type argument of {@code generic} is a private type for a bounded type
     * variable: written {@code ?}, since its projection need not be within the bound ({@code Enum<P>},
     * the superclass of a private enum, is {@code Enum<?>}; where the body uses such a type
     * otherwise, PrivateTypeChecks reports it).
     */
    static boolean isPrivateArgumentOfBounded(TypeElement generic, int i, TypeMirror argument) {
        return argument instanceof DeclaredType declared && isPrivate((TypeElement) declared.asElement())
                && i < generic.getTypeParameters().size() && isBounded(generic.getTypeParameters().get(i));
    }

    /** Whether {@code variable} has a bound other than Object. */
    static boolean isBounded(TypeParameterElement variable) {
        return variable.getBounds().stream().anyMatch(b -> !b.toString().equals("java.lang.Object"));
    }

    /** A type argument: a captured wildcard becomes a wildcard again. */
    private static TypeName argument(TypeMirror type, Map<String, String> renamed) {
        TypeVariable capture = type instanceof TypeVariable v && isCapture(v) ? v : null;
        if (capture != null || type instanceof WildcardType) {
            TypeMirror lower = capture != null ? capture.getLowerBound() : ((WildcardType) type).getSuperBound();
            if (lower != null && lower.getKind() != TypeKind.NULL) {
                return WildcardTypeName.supertypeOf(typeName(lower, renamed));
            }
            TypeMirror upperBound = capture != null ? capture.getUpperBound() : ((WildcardType) type).getExtendsBound();
            TypeName upper = upperBound == null ? ClassName.OBJECT : typeName(upperBound, renamed);
            return upper.equals(ClassName.OBJECT) ? WildcardTypeName.subtypeOf(Object.class)
                    : WildcardTypeName.subtypeOf(upper);
        }
        return typeName(type, renamed);
    }

    /**
     * The class type variables that an instance method's machine and facade declare under another
     * name (SPEC 3: "renamed where they would clash"): those hidden by a later one of the same
     * name (an inner class's, or the method's). The body cannot name a hidden one, so only types
     * javac infers mention it, and those are all written by {@link #typeName}.
     */
    static Map<String, String> renamedTypeVariables(ExecutableElement method) {
        if (method.getModifiers().contains(Modifier.STATIC)) {
            return Map.of();
        }
        List<TypeParameterElement> all = new ArrayList<>(
                AsyncMethod.classTypeParameters((TypeElement) method.getEnclosingElement()));
        all.addAll(method.getTypeParameters());
        Set<String> names = new HashSet<>();
        all.forEach(v -> names.add(v.getSimpleName().toString()));
        Map<String, String> renamed = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            TypeParameterElement v = all.get(i);
            if (all.subList(i + 1, all.size()).stream().anyMatch(w -> w.getSimpleName().equals(v.getSimpleName()))) {
                String fresh = v.getSimpleName() + "_" + v.getGenericElement().getSimpleName();
                while (!names.add(fresh)) {
                    fresh += "_";
                }
                renamed.put(key(v), fresh);
            }
        }
        return renamed;
    }

    /** The declaration of {@code v} under its generated name, with its bounds. */
    static TypeVariableName declaration(TypeParameterElement v, Map<String, String> renamed) {
        TypeName[] bounds = v.getBounds().stream().map(b -> typeName(b, renamed))
                .filter(b -> !b.equals(ClassName.OBJECT)).toArray(TypeName[]::new);
        return TypeVariableName.get(renamed.getOrDefault(key(v), v.getSimpleName().toString()), bounds);
    }

    /**
     * Whether {@code type} is private, or nested in a private type: the machine, another class of
     * the package, cannot name it and writes its projection, the nearest accessible superclass
     * (see docs/design.md, "Private types").
     */
    static boolean isPrivate(TypeElement type) {
        for (Element e = type; e instanceof TypeElement t; e = e.getEnclosingElement()) {
            if (t.getModifiers().contains(Modifier.PRIVATE)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code type} is a private enum (switched on by ordinal: Renderer.visitSwitch). */
    static boolean isPrivateEnum(TypeMirror type) {
        return type instanceof DeclaredType declared && declared.asElement().getKind() == javax.lang.model.element.ElementKind.ENUM
                && isPrivate((TypeElement) declared.asElement());
    }

    /** Whether {@code type} names a private type anywhere (an argument, a component, a bound). */
    static boolean mentionsPrivate(TypeMirror type) {
        return switch (type.getKind()) {
            case DECLARED -> isPrivate((TypeElement) ((DeclaredType) type).asElement())
                    || ((DeclaredType) type).getTypeArguments().stream().anyMatch(Denotable::mentionsPrivate);
            case ARRAY -> mentionsPrivate(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType w = (WildcardType) type;
                yield w.getExtendsBound() != null && mentionsPrivate(w.getExtendsBound())
                        || w.getSuperBound() != null && mentionsPrivate(w.getSuperBound());
            }
            case INTERSECTION -> ((IntersectionType) type).getBounds().stream().anyMatch(Denotable::mentionsPrivate);
            case UNION -> ((UnionType) type).getAlternatives().stream().anyMatch(Denotable::mentionsPrivate);
            default -> false; // a type variable's bounds are checked where it is declared
        };
    }

    /** The first private type {@code type} names (one that {@link #mentionsPrivate} is true of). */
    static TypeElement privateTypeIn(TypeMirror type) {
        if (type instanceof DeclaredType declared && isPrivate((TypeElement) declared.asElement())) {
            return (TypeElement) declared.asElement();
        }
        List<? extends TypeMirror> parts = switch (type.getKind()) {
            case DECLARED -> ((DeclaredType) type).getTypeArguments();
            case ARRAY -> List.of(((ArrayType) type).getComponentType());
            case WILDCARD -> java.util.stream.Stream.of(((WildcardType) type).getExtendsBound(),
                    ((WildcardType) type).getSuperBound()).filter(java.util.Objects::nonNull).toList();
            case INTERSECTION -> ((IntersectionType) type).getBounds();
            case UNION -> ((UnionType) type).getAlternatives();
            default -> throw new IllegalArgumentException("names no private type: " + type);
        };
        return privateTypeIn(parts.stream().filter(Denotable::mentionsPrivate).findFirst().orElseThrow());
    }

    /**
     * A class's name; a local class (or a member of one) by its simple name, since where generated
     * code names it, it is in scope (a member of the machine, or declared in the same state: see
     * LocalClasses). JavaPoet cannot name local classes.
     */
    private static ClassName className(TypeElement element) {
        if (element.getNestingKind() == NestingKind.LOCAL) {
            return ClassName.get("", element.getSimpleName().toString());
        }
        if (element.getNestingKind() == NestingKind.MEMBER && element.getEnclosingElement() instanceof TypeElement outer) {
            return className(outer).nestedClass(element.getSimpleName().toString());
        }
        return ClassName.get(element);
    }

    /** Identifies a type variable across compilations (the real one and the typed copy). */
    private static String key(TypeParameterElement v) {
        Element generic = v.getGenericElement();
        String owner = generic instanceof TypeElement type ? type.getQualifiedName().toString()
                : ((TypeElement) generic.getEnclosingElement()).getQualifiedName() + "." + generic;
        return owner + "#" + v.getSimpleName();
    }

    /**
     * Whether {@code variable} is a fresh type variable of wildcard capture (JLS 5.1.10). Javac
     * shows it as "capture#N of ?", which is not its element's name; but only a declared type
     * variable has a class, interface, method or constructor that declares it.
     */
    private static boolean isCapture(TypeVariable variable) {
        Element generic = variable.asElement() instanceof TypeParameterElement parameter
                ? parameter.getGenericElement() : null;
        return !(generic instanceof TypeElement || generic instanceof ExecutableElement);
    }

    /**
     * {@code type} as the machine writes it, as a type of the typed copy (Denotable writes the
     * same as source): a private class becomes its nearest accessible superclass.
     */
    static TypeMirror projection(TypeMirror type, Types types, javax.lang.model.util.Elements elements) {
        switch (type.getKind()) {
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                if (isPrivate(element)) {
                    return element.getSuperclass().getKind() == TypeKind.DECLARED 
                            ? projection(element.getSuperclass(), types, elements)
                            : elements.getTypeElement("java.lang.Object").asType();
                }
                if (declared.getTypeArguments().isEmpty() || !mentionsPrivate(declared)) {
                    return declared;
                }
                TypeMirror[] arguments = new TypeMirror[declared.getTypeArguments().size()];
                for (int i = 0; i < arguments.length; i++) {
                    TypeMirror argument = declared.getTypeArguments().get(i);
                    arguments[i] = isPrivateArgumentOfBounded(element, i, argument)
                            ? types.getWildcardType(null, null) : projection(argument, types, elements);
                }
                return declared.getEnclosingType() instanceof DeclaredType outer && !outer.getTypeArguments().isEmpty()
                        ? types.getDeclaredType((DeclaredType) projection(outer, types, elements), element, arguments)
                        : types.getDeclaredType(element, arguments);
            }
            case ARRAY:
                return types.getArrayType(projection(((ArrayType) type).getComponentType(), types, elements));
            case WILDCARD: {
                WildcardType w = (WildcardType) type;
                return types.getWildcardType(
                        w.getExtendsBound() == null ? null : projection(w.getExtendsBound(), types, elements),
                        w.getSuperBound() == null ? null : projection(w.getSuperBound(), types, elements));
            }
            default:
                return type;
        }
    }
}
