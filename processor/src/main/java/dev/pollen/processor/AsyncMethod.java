package dev.pollen.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * What the processor knows about one {@code @Async} method from its signature alone: enough to
 * write its facade before any body is typed (see docs/design.md, "Facades first").
 *
 * <p>Elements are only valid in the round that produced them, so everything here is plain data.
 */
record AsyncMethod(
        String ownerQualifiedName,
        String name,
        String key,
        boolean isStatic,
        boolean isPublic,
        ClassName facadeClass,
        ClassName machineClass,
        List<TypeVariableName> typeVariables,
        String receiverName,
        TypeName receiverType,
        List<Param> params,
        boolean safeVarargs,
        TypeName resultType,
        boolean isVoid,
        List<String> suppressWarnings,
        String description) {

    record Param(String name, TypeName type, boolean varargs) {}

    /** The future type the facade returns: {@code Future<box(R)>}. */
    TypeName futureType() {
        return ParameterizedTypeName.get(Names.FUTURE, resultType);
    }

    /** A key that identifies the method across rounds: owner, name and erased parameter types. */
    static String keyOf(ExecutableElement method, javax.lang.model.util.Types types) {
        StringBuilder key = new StringBuilder();
        key.append(((TypeElement) method.getEnclosingElement()).getQualifiedName())
                .append('#').append(method.getSimpleName()).append('(');
        for (VariableElement p : method.getParameters()) {
            key.append(types.erasure(p.asType())).append(',');
        }
        return key.append(')').toString();
    }

    static AsyncMethod of(ExecutableElement method, ClassName machineClass, javax.lang.model.util.Types types,
            List<String> suppressWarnings) {
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        boolean isStatic = method.getModifiers().contains(Modifier.STATIC);
        boolean isPublic = method.getModifiers().contains(Modifier.PUBLIC)
                || method.getModifiers().contains(Modifier.PROTECTED);

        // Type variables: the class's (instance methods only: those of the classes it is an inner
        // class of, then its own), then the method's; a class's that a later one hides is renamed.
        Map<String, String> renamed = Denotable.renamedTypeVariables(method);
        List<TypeVariableName> typeVariables = new ArrayList<>();
        if (!isStatic) {
            classTypeParameters(owner).forEach(tp -> typeVariables.add(Denotable.declaration(tp, renamed)));
        }
        method.getTypeParameters().forEach(tp -> typeVariables.add(Denotable.declaration(tp, renamed)));

        List<Param> params = new ArrayList<>();
        List<String> paramNames = new ArrayList<>();
        List<? extends VariableElement> ps = method.getParameters();
        for (int i = 0; i < ps.size(); i++) {
            VariableElement p = ps.get(i);
            TypeName type = TypeName.get(p.asType());
            params.add(new Param(p.getSimpleName().toString(), type, method.isVarArgs() && i == ps.size() - 1));
            paramNames.add(p.getSimpleName().toString());
        }
        String receiverName = "self";
        while (paramNames.contains(receiverName)) {
            receiverName = receiverName + "_";
        }
        // C, C<A>, or Outer<A>.Inner: the class as its own body sees it.
        TypeName receiverType = isStatic ? null : Denotable.typeName(owner.asType(), renamed);

        TypeMirror returnType = method.getReturnType();
        boolean isVoid = returnType.getKind() == TypeKind.VOID;
        TypeName resultType = isVoid
                ? ClassName.get(Void.class)
                : TypeName.get(returnType).box();

        return new AsyncMethod(
                owner.getQualifiedName().toString(),
                method.getSimpleName().toString(),
                keyOf(method, types),
                isStatic,
                isPublic,
                Names.facadeClass(owner),
                machineClass,
                typeVariables,
                receiverName,
                receiverType,
                params,
                method.getAnnotation(SafeVarargs.class) != null,
                resultType,
                isVoid,
                suppressWarnings,
                describe(method));
    }

    /**
     * The type variables in scope in an instance method of {@code owner}: those of the classes it
     * is an inner class of (outermost first), then its own.
     */
    static List<TypeParameterElement> classTypeParameters(TypeElement owner) {
        List<TypeParameterElement> all = new ArrayList<>();
        for (TypeElement c = owner; c != null; c = NameResolver.isInner(c) ? (TypeElement) c.getEnclosingElement() : null) {
            all.addAll(0, c.getTypeParameters());
        }
        return all;
    }

    /**
     * {@code C.m(int, List<String>)}: how messages and generated comments name the method, with
     * the package names left out for readability.
     */
    static String describe(ExecutableElement method) {
        StringBuilder s = new StringBuilder();
        s.append(String.join(".", ClassName.get((TypeElement) method.getEnclosingElement()).simpleNames()))
                .append('.').append(method.getSimpleName()).append('(');
        String sep = "";
        for (VariableElement p : method.getParameters()) {
            s.append(sep).append(PACKAGE_PREFIX.matcher(p.asType().toString()).replaceAll(""));
            sep = ", ";
        }
        return s.append(')').toString();
    }

    /** A package qualifier in a printed type: lower-case segments followed by a dot. */
    private static final java.util.regex.Pattern PACKAGE_PREFIX =
            java.util.regex.Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Za-z_$])");
}
