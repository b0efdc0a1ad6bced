package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Stage "emit", part 2: the machine class {@code CAsync$m}, a subclass of the runtime's
 * {@code AsyncMachine} whose {@code resume} is the lowered body.
 */
final class MachineWriter {
    private MachineWriter() {}

    /** A field of the machine: the receiver, a parameter, or a local that lives across an await. */
    record Field(String name, TypeName type, boolean isFinal) {}

    /**
     * Names the generated code introduces into {@code resume}, chosen so that no name of the body
     * shadows them or is shadowed by them.
     */
    record Vocabulary(String receiver, String context, String poll, String loopLabel, String state) {}

    static TypeSpec machine(AsyncMethod m, String location, List<Field> fields, Vocabulary names,
            List<States.State> states) {
        CodeBlock.Builder resume = CodeBlock.builder()
                .add("$L:\n", names.loopLabel())
                .beginControlFlow("for (;;)")
                .beginControlFlow("switch ($L)", names.state());
        for (States.State state : states) {
            resume.add("case $L: { // $L\n", state.number(), state.comment()).indent()
                    .add(state.code())
                    .unindent().add("}\n");
        }
        resume.add("default:\n").indent()
                .addStatement("throw new $T($S + $L)", IllegalStateException.class, "corrupt state ", names.state())
                .unindent()
                .endControlFlow()
                .endControlFlow();

        TypeSpec.Builder type = skeleton(m, location, fields);
        type.addMethod(resumeMethod(m, names.context()).addCode(resume.build()).build());
        return type.build();
    }

    /**
     * The machine of a method whose body could not be compiled: it keeps the facade compiling
     * (so that the user sees only the real error) and fails if it is ever run.
     */
    static TypeSpec stub(AsyncMethod m, String location) {
        TypeSpec.Builder type = skeleton(m, location, List.of());
        type.addMethod(resumeMethod(m, "cx")
                .addStatement("throw new $T($S)", IllegalStateException.class, Messages.facadeStubBody(m.description()))
                .build());
        return type.build();
    }

    private static TypeSpec.Builder skeleton(AsyncMethod m, String location, List<Field> fields) {
        TypeSpec.Builder type = TypeSpec.classBuilder(m.machineClass())
                .addModifiers(Modifier.FINAL)
                .addTypeVariables(m.typeVariables())
                .superclass(ParameterizedTypeName.get(Names.ASYNC_MACHINE, m.resultType()))
                .addJavadoc("The state machine of {@code $L} ($L).\n", m.description(), location)
                .addJavadoc("Each {@code case} of {@code resume} runs the body from one await to the next.\n");
        MethodSpec.Builder constructor = MethodSpec.constructorBuilder();
        if (!m.isStatic()) {
            constructor.addParameter(m.receiverType(), m.receiverName());
        }
        for (AsyncMethod.Param p : m.params()) {
            constructor.addParameter(p.type(), p.name());
        }
        for (Field f : fields) {
            FieldSpec.Builder field = FieldSpec.builder(f.type(), f.name(), Modifier.PRIVATE);
            if (f.isFinal()) {
                field.addModifiers(Modifier.FINAL);
            }
            type.addField(field.build());
        }
        // Receiver and parameters are the first fields, in order; the constructor stores them.
        int stored = (m.isStatic() ? 0 : 1) + m.params().size();
        for (int i = 0; i < stored && i < fields.size(); i++) {
            String parameter = i == 0 && !m.isStatic() ? m.receiverName() : m.params().get(i - (m.isStatic() ? 0 : 1)).name();
            constructor.addStatement("this.$L = $L", fields.get(i).name(), parameter);
        }
        return type.addMethod(constructor.build());
    }

    private static MethodSpec.Builder resumeMethod(AsyncMethod m, String context) {
        return MethodSpec.methodBuilder("resume")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(ParameterizedTypeName.get(Names.POLL, m.resultType()))
                .addParameter(Names.CONTEXT, context)
                .addException(Throwable.class);
    }
}
