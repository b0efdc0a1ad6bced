package dev.pollen.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.TypeSpec;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Modifier;

/**
 * Stage "emit", part 1: the facade class {@code CAsync} of a class {@code C}, written from the
 * {@code @Async} signatures alone (README, "What is generated"). A facade only creates the machine; nothing of the
 * body runs until the first poll.
 */
final class FacadeWriter {
    private FacadeWriter() {}

    static TypeSpec facadeClass(String ownerQualifiedName, List<AsyncMethod> methods) {
        AsyncMethod first = methods.get(0);
        boolean anyPublic = methods.stream().anyMatch(AsyncMethod::isPublic);
        TypeSpec.Builder type = TypeSpec.classBuilder(first.facadeClass())
                .addModifiers(Modifier.FINAL)
                .addJavadoc("Futures of the {@code @Async} methods of {@code $L}.\n", ownerQualifiedName)
                .addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
        if (anyPublic) {
            type.addModifiers(Modifier.PUBLIC);
        }
        for (AsyncMethod m : methods) {
            type.addMethod(facade(m));
            // A parameter named like a type obscures it in the facade (Objects.requireNonNull).
            type.alwaysQualify(declaredNames(m).toArray(new String[0]));
        }
        return type.build();
    }

    /** The names the signature declares, parameters and type variables: they obscure or shadow types. */
    static List<String> declaredNames(AsyncMethod m) {
        List<String> names = new java.util.ArrayList<>();
        m.params().forEach(p -> names.add(p.name()));
        m.typeVariables().forEach(t -> names.add(t.name()));
        return names;
    }

    private static MethodSpec facade(AsyncMethod m) {
        MethodSpec.Builder facade = MethodSpec.methodBuilder(m.name())
                .addModifiers(Modifier.STATIC)
                .addTypeVariables(m.typeVariables())
                .returns(m.futureType())
                .addJavadoc("Returns a future that runs the body of {@code $L} when polled.\n", m.description());
        if (m.isPublic()) {
            facade.addModifiers(Modifier.PUBLIC);
        }
        CodeBlock.Builder arguments = CodeBlock.builder();
        if (!m.isStatic()) {
            facade.addParameter(m.receiverType(), m.receiverName());
            facade.addStatement("$T.requireNonNull($L, $S)", Names.OBJECTS, m.receiverName(),
                    "the receiver of " + m.name() + " is null");
            arguments.add("$L", m.receiverName());
        }
        for (AsyncMethod.Param p : m.params()) {
            facade.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
            arguments.add(arguments.isEmpty() ? "$L" : ", $L", p.name());
        }
        if (!m.params().isEmpty() && m.params().get(m.params().size() - 1).varargs()) {
            facade.varargs();
        }
        // The facade repeats the signature, so it keeps the source's suppressions for it (a raw
        // parameter type under @SuppressWarnings("rawtypes") would otherwise warn here again).
        Set<String> suppressed = new LinkedHashSet<>(m.suppressWarnings());
        if (m.safeVarargs()) {
            // The method's promise covers the body, which the machine runs. Without it javac warns
            // of heap pollution at the facade and its callers; "varargs" is for handing the array on.
            facade.addAnnotation(SafeVarargs.class);
            suppressed.add("varargs");
        }
        if (!suppressed.isEmpty()) {
            AnnotationSpec.Builder suppress = AnnotationSpec.builder(SuppressWarnings.class);
            suppressed.forEach(w -> suppress.addMember("value", "$S", w));
            facade.addAnnotation(suppress.build());
        }
        String diamond = m.typeVariables().isEmpty() ? "" : "<>";
        facade.addStatement("return new $T$L($L)", m.machineClass(), diamond, arguments.build());
        return facade.build();
    }
}
