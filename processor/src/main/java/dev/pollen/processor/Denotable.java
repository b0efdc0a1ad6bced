package dev.pollen.processor;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.List;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Source-writable versions of the types javac infers. Generated code must name the type of an
 * awaited value or a hoisted local, and some inferred types cannot be written: captured
 * wildcards, intersections, anonymous classes. Each is replaced by its upward projection (the
 * closest supertype that can be written), as {@code var} would need.
 */
final class Denotable {
    private Denotable() {}

    static TypeName typeName(TypeMirror type) {
        switch (type.getKind()) {
            case DECLARED: {
                DeclaredType declared = (DeclaredType) type;
                TypeElement element = (TypeElement) declared.asElement();
                if (element.getNestingKind() == NestingKind.ANONYMOUS) {
                    List<? extends TypeMirror> interfaces = element.getInterfaces();
                    return typeName(interfaces.isEmpty() ? element.getSuperclass() : interfaces.get(0));
                }
                if (element.getNestingKind() == NestingKind.LOCAL) {
                    // Its simple name: where generated code names it, the class is in scope (it is
                    // a member of the machine, or declared in the same state: see LocalClasses).
                    ClassName local = ClassName.get("", element.getSimpleName().toString());
                    return declared.getTypeArguments().isEmpty() ? local : ParameterizedTypeName.get(local,
                            declared.getTypeArguments().stream().map(Denotable::argument).toArray(TypeName[]::new));
                }
                if (declared.getTypeArguments().isEmpty() || !hasCapture(declared)) {
                    return TypeName.get(declared);
                }
                TypeName[] arguments = declared.getTypeArguments().stream()
                        .map(Denotable::argument).toArray(TypeName[]::new);
                return ParameterizedTypeName.get(ClassName.get(element), arguments);
            }
            case ARRAY:
                return ArrayTypeName.of(typeName(((ArrayType) type).getComponentType()));
            case TYPEVAR: {
                TypeVariable variable = (TypeVariable) type;
                return isCapture(variable) ? typeName(variable.getUpperBound())
                        : TypeVariableName.get(variable.asElement().getSimpleName().toString());
            }
            case WILDCARD: {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                return bound == null ? ClassName.OBJECT : typeName(bound);
            }
            case INTERSECTION:
                return typeName(((IntersectionType) type).getBounds().get(0));
            case UNION:
                return typeName(commonSuperclass(((UnionType) type).getAlternatives()));
            case NULL:
                return ClassName.OBJECT;
            case ERROR:
                throw new IllegalArgumentException("erroneous type " + type);
            default:
                return TypeName.get(type);
        }
    }

    /**
     * Whether a field of {@link #typeName}'s type still has every member of {@code type}: not so
     * for an anonymous class (its own members are lost) or an intersection (all but one bound).
     */
    static boolean keepsMembers(TypeMirror type) {
        if (type.getKind() == TypeKind.INTERSECTION) {
            return false;
        }
        return !(type instanceof DeclaredType declared
                && ((TypeElement) declared.asElement()).getNestingKind() == NestingKind.ANONYMOUS);
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

    /** A type argument: a captured wildcard becomes a wildcard again. */
    private static TypeName argument(TypeMirror type) {
        if (type instanceof TypeVariable variable && isCapture(variable)) {
            TypeMirror lower = variable.getLowerBound();
            if (lower != null && lower.getKind() != TypeKind.NULL) {
                return WildcardTypeName.supertypeOf(typeName(lower));
            }
            TypeName upper = typeName(variable.getUpperBound());
            return upper.equals(ClassName.OBJECT) ? WildcardTypeName.subtypeOf(Object.class)
                    : WildcardTypeName.subtypeOf(upper);
        }
        return typeName(type);
    }

    private static boolean hasCapture(DeclaredType type) {
        for (TypeMirror argument : type.getTypeArguments()) {
            if (argument instanceof TypeVariable v && isCapture(v)
                    || argument instanceof DeclaredType d && hasCapture(d)) {
                return true;
            }
        }
        return false;
    }

    /** Javac names the fresh type variables of wildcard capture "capture#N of ?". */
    private static boolean isCapture(TypeVariable variable) {
        return variable.asElement().getSimpleName().toString().startsWith("capture#");
    }
}
