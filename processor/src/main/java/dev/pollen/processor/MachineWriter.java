package dev.pollen.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import java.lang.invoke.MethodHandles;
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

    /** The fields generated code uses that machines inherit from AsyncMachine. */
    static final java.util.Set<String> INHERITED = java.util.Set.of("state", "LEAVE_NORMALLY", "LEAVE_THROWING",
            "LEAVE_RETURNING", "LEAVE_CANCELLED", "NO_CLEANUP");

    /** A member class of the machine (a moved local class), as source code. */
    record Member(String name, CodeBlock code) {}

    /**
     * JavaPoet builds member classes only from specs, not from source text: a member's code goes
     * into a method of this name, which {@link #unwrapMembers} then replaces by its body.
     */
    private static final String MEMBER_PLACEHOLDER = "pollen$member$";

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile(
            "(?ms)^( *)private void " + java.util.regex.Pattern.quote(MEMBER_PLACEHOLDER) + "\\w+\\(\\) \\{\n(.*?)\n\\1\\}\n");

    /** The machine's source with each member placeholder method replaced by the class it holds. */
    static String unwrapMembers(String source) {
        return PLACEHOLDER.matcher(source).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(2).replaceAll("(?m)^    ", "") + "\n"));
    }

    /**
     * Names the generated code introduces into {@code resume}, chosen so that no name of the body
     * shadows them or is shadowed by them.
     */
    record Vocabulary(String receiver, String context, String poll, String future, String loopLabel, String state,
            String caught) {}

    /**
     * {@code resumeLocals}: hoisted locals that no suspension separates from their reads
     * ({@link Liveness}), declared as locals of {@code resume}, which runs from one await to the
     * next; where {@code resume} is split into methods, they must be fields instead, and so must
     * the carriers of awaited values (see {@link States#suspend}), which may cross from one
     * method to the next (such a field keeps the last value of its type until the next await).
     */
    static TypeSpec machine(AsyncMethod m, String location, List<Field> fields, List<Field> resumeLocals,
            Vocabulary names, List<States.State> states, PrivateAccess privates, List<Member> members) {
        List<List<States.State>> chunks = chunks(states);
        List<Field> allFields = new java.util.ArrayList<>(fields);
        List<Field> carriers = states.stream().map(States.State::carrier).filter(java.util.Objects::nonNull)
                .distinct().toList();
        if (chunks.size() > 1) {
            allFields.addAll(resumeLocals);
            allFields.addAll(carriers);
        }
        TypeSpec.Builder type = skeleton(m, location, allFields);
        CodeBlock resume;
        boolean[] resumeFallsThrough = {false};
        if (chunks.size() == 1) {
            CodeBlock.Builder code = CodeBlock.builder();
            // Initialized only to satisfy definite assignment: each is written before it is read.
            java.util.stream.Stream.concat(resumeLocals.stream(), carriers.stream()).forEach(local ->
                    code.addStatement("$T $L = $L", local.type(), local.name(), defaultValue(local.type())));
            resume = code.add(loop(states, names, CodeBlock.builder()
                    .addStatement("throw new $T($S + $L)", IllegalStateException.class, "corrupt state ", names.state())
                    .build(), resumeFallsThrough)).build();
        } else {
            // A large body: resume() picks the method that holds the current state. Each returns
            // null when a jump leaves its states, so that resume() dispatches again.
            TypeName poll = ParameterizedTypeName.get(Names.POLL, m.resultType());
            CodeBlock.Builder dispatch = CodeBlock.builder().beginControlFlow("for (;;)")
                    .addStatement("$T result", poll);
            for (int i = 0; i < chunks.size(); i++) {
                List<States.State> chunk = chunks.get(i);
                int last = chunk.get(chunk.size() - 1).number();
                String name = "resume" + chunk.get(0).number() + "To" + last;
                boolean[] fallsThrough = {false};
                CodeBlock body = loop(chunk, names, CodeBlock.builder().addStatement("return null").build(),
                        fallsThrough);
                type.addMethod(allowFallThrough(MethodSpec.methodBuilder(name), fallsThrough)
                        .addModifiers(Modifier.PRIVATE)
                        .returns(poll)
                        .addParameter(Names.CONTEXT, names.context())
                        .addException(Throwable.class)
                        .addCode(body)
                        .build());
                if (i == 0) {
                    dispatch.beginControlFlow("if ($L <= $L)", names.state(), last);
                } else if (i < chunks.size() - 1) {
                    dispatch.nextControlFlow("else if ($L <= $L)", names.state(), last);
                } else {
                    dispatch.nextControlFlow("else");
                }
                dispatch.addStatement("result = $L($L)", name, names.context());
            }
            resume = dispatch.endControlFlow()
                    .beginControlFlow("if (result != null)")
                    .addStatement("return result")
                    .endControlFlow()
                    .endControlFlow()
                    .build();
        }
        type.addFields(privates.fields());
        if (privates.hasLookups()) {
            // Handles to the private members the body uses (constants the JIT inlines).
            type.addStaticBlock(privates.staticInitializer())
                    .addMethod(MethodSpec.methodBuilder("lookup")
                            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
                            .returns(MethodHandles.Lookup.class)
                            .addParameter(ParameterizedTypeName.get(ClassName.get(Class.class),
                                    WildcardTypeName.subtypeOf(Object.class)), "owner")
                            .addException(IllegalAccessException.class)
                            .addCode(PrivateAccess.lookupMethodBody())
                            .build());
        }
        type.addMethod(allowFallThrough(resumeMethod(m, names.context()), resumeFallsThrough).addCode(resume).build());
        type.addMethods(privates.methods());
        MethodSpec cleanup = cleanupOnCancel(states, names);
        if (cleanup != null) {
            type.addMethod(cleanup);
        }
        for (Member member : members) {
            // Other types of that simple name are written qualified, as javac would not see them.
            type.alwaysQualify(member.name()).addMethod(MethodSpec.methodBuilder(MEMBER_PLACEHOLDER + member.name())
                    .addModifiers(Modifier.PRIVATE).addCode(member.code()).addCode("\n").build());
        }
        return type.build();
    }

    /**
     * Generated source beyond which a method is split: HotSpot does not JIT-compile a method of
     * more than 8,000 bytes of bytecode. Measured on generated machines: about 0.3 bytes of
     * bytecode per character of source (a chunk of 6,000 characters of sequential awaits gave
     * 1,763 bytes), so 10,000 characters leaves a wide margin for denser code.
     */
    static final int CHUNK_CHARACTERS = 10_000;

    /**
     * Consecutive top-level units (a state, or all states of one outermost try region, which
     * cannot be split) grouped so that each group's source stays under {@link #CHUNK_CHARACTERS}.
     */
    private static List<List<States.State>> chunks(List<States.State> states) {
        List<List<States.State>> chunks = new java.util.ArrayList<>();
        List<States.State> chunk = new java.util.ArrayList<>();
        int size = 0;
        for (int i = 0; i < states.size(); ) {
            int end = i + 1;
            while (end < states.size() && !states.get(i).regions().isEmpty()
                    && !states.get(end).regions().isEmpty()
                    && states.get(end).regions().get(0) == states.get(i).regions().get(0)) {
                end++;
            }
            int unitSize = 0;
            for (States.State s : states.subList(i, end)) {
                unitSize += LineMap.strip(s.code().toString()).length(); // as written, without line marks
            }
            if (!chunk.isEmpty() && size + unitSize > CHUNK_CHARACTERS) {
                chunks.add(chunk);
                chunk = new java.util.ArrayList<>();
                size = 0;
            }
            chunk.addAll(states.subList(i, end));
            size += unitSize;
            i = end;
        }
        chunks.add(chunk);
        return chunks;
    }

    /** {@code machine: for (;;) switch (state) {...}}, with {@code otherwise} for other states. */
    private static CodeBlock loop(List<States.State> states, Vocabulary names, CodeBlock otherwise,
            boolean[] fallsThrough) {
        CodeBlock.Builder loop = CodeBlock.builder()
                .add("$L:\n", names.loopLabel())
                .beginControlFlow("for (;;)");
        switchOver(loop, states, 0, names, otherwise, fallsThrough);
        return loop.endControlFlow().build();
    }

    /** javac's -Xlint:fallthrough flags the falls from an await's state into the next, on purpose. */
    private static MethodSpec.Builder allowFallThrough(MethodSpec.Builder method, boolean[] fallsThrough) {
        return fallsThrough[0]
                ? method.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class).addMember("value", "$S", "fallthrough").build())
                : method;
    }

    /**
     * {@code switch (state)} over {@code states}, which all lie in the same {@code depth} outer
     * regions. A run of states in a deeper region becomes one case group whose code is a Java
     * try around a nested switch over them, with the region's handler as its catch.
     */
    private static void switchOver(CodeBlock.Builder code, List<States.State> states, int depth, Vocabulary names,
            CodeBlock otherwise, boolean[] fallsThrough) {
        code.beginControlFlow("switch ($L)", names.state());
        for (int i = 0; i < states.size(); ) {
            States.State state = states.get(i);
            if (state.regions().size() == depth) {
                code.add("case $L: { // $L\n", state.number(), state.comment()).indent().add(state.code());
                if (state.fallsThrough()) {
                    if (i + 1 < states.size()) {
                        code.add("// falls through\n"); // the next case (or case group) is the next state
                        fallsThrough[0] = true;
                    } else {
                        code.addStatement("continue $L", names.loopLabel());
                    }
                }
                code.unindent().add("}\n");
                i++;
                continue;
            }
            States.Region region = state.regions().get(depth);
            int end = i;
            while (end < states.size() && states.get(end).regions().size() > depth
                    && states.get(end).regions().get(depth) == region) {
                end++;
            }
            List<States.State> inside = states.subList(i, end);
            for (States.State s : inside) {
                code.add("case $L:\n", s.number());
            }
            code.add("{ // $L\n", region.comment).indent().beginControlFlow("try");
            switchOver(code, inside, depth + 1, names, CodeBlock.builder()
                    .addStatement("throw new $T($S + $L)", IllegalStateException.class, "corrupt state ", names.state())
                    .build(), fallsThrough);
            code.nextControlFlow("catch ($T $L)", Throwable.class, names.caught())
                    .add(region.handler)
                    .endControlFlow()
                    .unindent().add("}\n");
            i = end;
        }
        code.add("default:\n").indent().add(otherwise).unindent().endControlFlow();
    }

    /** Where a cancellation at each await starts its cleanup (docs/design.md, "Cancellation"). */
    private static MethodSpec cleanupOnCancel(List<States.State> states, Vocabulary names) {
        CodeBlock.Builder code = CodeBlock.builder().beginControlFlow("switch ($L)", names.state());
        boolean any = false;
        for (int i = 0; i < states.size(); ) {
            CodeBlock onCancel = states.get(i).onCancel();
            int end = i;
            while (end < states.size() && states.get(end).onCancel() == onCancel) {
                end++;
            }
            if (onCancel != null) {
                any = true;
                for (States.State s : states.subList(i, end)) {
                    code.add("case $L:\n", s.number());
                }
                code.indent().add(onCancel).unindent();
            }
            i = end;
        }
        if (!any) {
            return null;
        }
        code.add("default:\n").indent().addStatement("return NO_CLEANUP").unindent().endControlFlow();
        return MethodSpec.methodBuilder("cleanupOnCancel")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PROTECTED)
                .returns(TypeName.INT)
                .addCode(code.build())
                .build();
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

    private static String defaultValue(TypeName type) {
        if (!type.isPrimitive()) {
            return "null";
        }
        return type.equals(TypeName.BOOLEAN) ? "false" : type.equals(TypeName.CHAR) ? "'\\0'"
                : type.equals(TypeName.LONG) ? "0L" : type.equals(TypeName.FLOAT) ? "0f"
                : type.equals(TypeName.DOUBLE) ? "0d" : "0";
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
