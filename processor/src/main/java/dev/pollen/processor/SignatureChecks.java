package dev.pollen.processor;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Stage "validate": what can be decided from an {@code @Async} method's declaration alone.
 * Each entry is a full diagnostic text for the method.
 */
final class SignatureChecks {
    private SignatureChecks() {}

    /**
     * Problems that make the facade itself impossible: the class cannot be named from outside, or
     * the signature names a private type. (Methods of local and anonymous classes never come here:
     * javac does not show them to processors, so {@link UsageChecks} finds them in the bodies.)
     */
    static List<String> facadeProblems(ExecutableElement method) {
        List<String> problems = new ArrayList<>();
        for (Element e = method.getEnclosingElement(); e instanceof TypeElement type; e = e.getEnclosingElement()) {
            if (type.getModifiers().contains(Modifier.PRIVATE)) {
                problems.add(Messages.unreachableClass(type.getSimpleName().toString()));
                return problems;
            }
        }
        // A facade taking P's projection would compile, but hand its callers other types than the method's.
        signatureTypes(method).stream().filter(Denotable::mentionsPrivate).findFirst().ifPresent(type ->
                problems.add(Messages.privateTypeInSignature(AsyncMethod.describe(method),
                        Denotable.privateTypeIn(type).getSimpleName().toString())));
        return problems;
    }

    /** Futures whose facade would return a future of a future: Pollen's, java.util.concurrent's, and CompletionStage. */
    private static final List<String> FUTURE_TYPES = List.of(Names.FUTURE.canonicalName(),
            "java.util.concurrent.Future", "java.util.concurrent.CompletionStage");

    /** Warnings about a signature that works but is probably not what was meant. */
    static List<String> warnings(ExecutableElement method, Elements elements, Types types) {
        List<String> warnings = new ArrayList<>();
        TypeMirror result = types.erasure(method.getReturnType());
        for (String name : FUTURE_TYPES) {
            TypeElement future = elements.getTypeElement(name);
            if (future != null && types.isSubtype(result, types.erasure(future.asType()))) {
                warnings.add(Messages.futureOfFuture(AsyncMethod.describe(method), method.getReturnType().toString()));
                break;
            }
        }
        return warnings;
    }

    /** Problems that leave the facade possible but the body impossible to turn into a machine. */
    static List<String> bodyProblems(ExecutableElement method) {
        List<String> problems = new ArrayList<>();
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        if (method.getModifiers().contains(Modifier.ABSTRACT)) {
            problems.add(Messages.notConcrete(owner.getKind() == ElementKind.INTERFACE
                    ? "an interface method without a body" : "an abstract method"));
        } else if (method.getModifiers().contains(Modifier.NATIVE)) {
            problems.add(Messages.notConcrete("a native method"));
        }
        if (method.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            problems.add(Messages.synchronizedMethod());
        }
        return problems;
    }

    /**
     * Whether the signature names a type that does not exist: javac reports it, and a facade
     * naming it would report it again. Another processor may still generate it in a later round.
     */
    static boolean namesMissingType(ExecutableElement method) {
        return signatureTypes(method).stream().anyMatch(SignatureChecks::hasErrorType);
    }

    /** The types a facade repeats: the method's signature and the bounds of its and its class's type variables. */
    private static List<TypeMirror> signatureTypes(ExecutableElement method) {
        List<TypeMirror> types = new ArrayList<>(method.getThrownTypes());
        types.add(method.getReturnType());
        method.getParameters().stream().map(VariableElement::asType).forEach(types::add);
        method.getTypeParameters().forEach(t -> types.addAll(t.getBounds()));
        ((TypeElement) method.getEnclosingElement()).getTypeParameters().forEach(t -> types.addAll(t.getBounds()));
        return types;
    }

    private static boolean hasErrorType(TypeMirror type) {
        return switch (type.getKind()) {
            case ERROR -> true;
            case DECLARED -> ((DeclaredType) type).getTypeArguments().stream().anyMatch(SignatureChecks::hasErrorType);
            case ARRAY -> hasErrorType(((ArrayType) type).getComponentType());
            case WILDCARD -> {
                WildcardType wildcard = (WildcardType) type;
                TypeMirror bound = wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
                yield bound != null && hasErrorType(bound);
            }
            default -> false; // a type variable's bounds are checked where it is declared
        };
    }
}
