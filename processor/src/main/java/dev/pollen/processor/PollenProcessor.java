package dev.pollen.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeSpec;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.TreeMap;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.tools.Diagnostic;

/**
 * Turns each {@code @Async} method into a facade and a state machine. The pipeline, one stage a
 * file: {@link SignatureChecks} (validate), {@link FacadeWriter} (emit facades from signatures),
 * {@link TypedCopy} + {@link Body} + {@link Hoisting} + {@link BodyChecks} (analyse the typed
 * body), {@link Lowering} + {@link Renderer} (lower to states), {@link MachineWriter} (emit).
 * See docs/design.md.
 */
@AutoService(Processor.class)
// "*": javac then runs Pollen in every compile, also one without any @Async method, so that an
// await or a direct call there is an error too (see process).
@SupportedAnnotationTypes("*")
public final class PollenProcessor extends AbstractProcessor {
    /** Text of every source file the compile has shown us, by URI: the input of the typed copy. */
    private final Map<URI, String> sources = new LinkedHashMap<>();
    private final UnreadBodies unreadBodies = new UnreadBodies();
    /** The user's compilation units (not Pollen's output), for warnings outside @Async methods. */
    private final Map<URI, CompilationUnitTree> userUnits = new LinkedHashMap<>();
    /** Files {@link #checkOtherCode} has looked at: each once, in the first round that has a copy. */
    private final Set<URI> checkedUnits = new java.util.HashSet<>();
    /** Facade classes written so far, by qualified name. */
    private final Set<String> facadeClasses = new java.util.TreeSet<>();
    private Trees trees;
    private GeneratedFiles files;
    private boolean treeApiMissingReported;

    /** One method to generate in this round, with its model. */
    private record Planned(ExecutableElement method, AsyncMethod model, List<String> bodyProblems) {}

    /**
     * Methods whose bodies did not type in an earlier round, by key: they may use types that
     * another processor generates in a later round, so they are tried again each round, and
     * given up (with a stub machine) only in the last one.
     */
    private final Map<String, AsyncMethod> deferred = new LinkedHashMap<>();

    /** Classes whose facades wait for a later round: a signature names a type that does not exist yet. */
    private final Set<String> deferredFacades = new java.util.TreeSet<>();

    /** {@code -Apollen.debug=true}: keep every local in a field, so that a debugger sees them all. */
    static final String DEBUG_OPTION = "pollen.debug";

    @Override
    public synchronized void init(javax.annotation.processing.ProcessingEnvironment env) {
        super.init(env);
        SourceDebugExtensions.register(env); // breakpoints in @Async bodies (see that class)
    }

    @Override
    public Set<String> getSupportedOptions() {
        return Set.of(DEBUG_OPTION);
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    /**
     * Claims nothing (returns false): with "*", claiming would hide every annotation of the round
     * from the processors after Pollen. {@link Claims} claims Pollen's own annotations.
     */
    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        ROUNDS_RUN.add(round);
        generate(round);
        return false;
    }

    /** The rounds (javac passes every processor the same object) in which a PollenProcessor has run. */
    private static final Set<RoundEnvironment> ROUNDS_RUN = java.util.Collections.synchronizedSet(
            java.util.Collections.newSetFromMap(new java.util.WeakHashMap<>()));

    /**
     * Claims {@code @Async} and the {@code @Generated} and {@code @MachineInfo} of generated code, so that -Xlint:processing
     * does not warn that no processor claimed them; PollenProcessor, which supports "*", claims
     * nothing. Listed after PollenProcessor (AutoService sorts the names), since javac stops
     * offering a round to processors once its annotations are claimed; in a round where
     * PollenProcessor has not run yet (processors named in another order with -processor), it
     * claims nothing either, so that PollenProcessor still runs.
     */
    @AutoService(Processor.class)
    @SupportedAnnotationTypes({"dev.pollen.Async", "javax.annotation.processing.Generated",
            "dev.pollen.internal.MachineInfo"})
    public static final class Claims extends AbstractProcessor {
        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return ROUNDS_RUN.contains(round);
        }
    }

    private void generate(RoundEnvironment round) {
        if (processingEnv.getElementUtils().getTypeElement(Names.ASYNC.canonicalName()) == null) {
            return; // Pollen's runtime is not on the class path: no code here can use it
        }
        if (files == null) {
            files = new GeneratedFiles(processingEnv.getFiler(), processingEnv.getElementUtils());
            try {
                trees = Trees.instance(processingEnv);
            } catch (IllegalArgumentException notJavac) {
                trees = null;
            }
        }
        rememberSources(round);
        List<Planned> planned = writeFacades(round);
        planned.addAll(takeDeferred());
        if (planned.isEmpty()) {
            checkCodeWithoutAsyncMethods();
            return;
        }
        if (trees == null) {
            if (!treeApiMissingReported) {
                error(planned.get(0).method(), Messages.noTreeApi());
                treeApiMissingReported = true;
            }
            planned.forEach(p -> writeMachine(p, stub(p, "")));
            return;
        }
        TypedCopy copy;
        try {
            copy = TypedCopy.of(processingEnv, trees, sources, unreadBodies);
            checkOtherCode(copy);
        } catch (IOException | RuntimeException e) {
            for (Planned p : planned) {
                error(p.method(), Messages.internalError(p.model().description(), e));
                writeMachine(p, stub(p, ""));
            }
            return;
        }
        for (Planned p : planned) {
            Machine machine;
            try {
                machine = generate(p, copy, round.processingOver());
            } catch (RuntimeException | Error e) {
                error(p.method(), Messages.internalError(p.model().description(), e));
                machine = stub(p, "");
            }
            if (machine == null) {
                deferred.put(p.model().key(), p.model());
            } else {
                writeMachine(p, machine);
            }
        }
    }

    /**
     * A round with no @Async method to generate: still checks the code for awaits outside @Async
     * methods and @Async methods of local classes (which javac does not show processors). Costs
     * almost nothing when no file uses Pollen: the typed copy is made only when a file's text
     * mentions Pollen and its tree calls a method named await or has an annotation named Async.
     */
    private void checkCodeWithoutAsyncMethods() {
        if (trees == null || userUnits.entrySet().stream().noneMatch(unit -> !checkedUnits.contains(unit.getKey())
                && unreadBodies.isRead(sources.get(unit.getKey())) && UnreadBodies.mayUsePollen(unit.getValue()))) {
            return;
        }
        try {
            checkOtherCode(TypedCopy.of(processingEnv, trees, sources, unreadBodies));
        } catch (IOException | RuntimeException e) {
            processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR,
                    Messages.internalError("the code outside @Async methods", e));
        }
    }

    /** Checks the code outside @Async bodies of each user file that mentions Pollen, once ({@link UsageChecks}). */
    private void checkOtherCode(TypedCopy copy) {
        for (CompilationUnitTree unit : copy.units()) {
            URI uri = unit.getSourceFile().toUri();
            CompilationUnitTree real = userUnits.get(uri);
            if (real != null && unreadBodies.isRead(sources.get(uri)) && checkedUnits.add(uri)) {
                new UsageChecks(copy, unit, trees, real, facadeClasses).check();
            }
        }
    }

    /** The deferred methods, looked up again: elements of an earlier round are stale. */
    private List<Planned> takeDeferred() {
        List<Planned> again = new ArrayList<>();
        for (AsyncMethod model : deferred.values()) {
            TypeElement owner = processingEnv.getElementUtils().getTypeElement(model.ownerQualifiedName());
            for (Element e : owner == null ? List.<Element>of() : owner.getEnclosedElements()) {
                if (e instanceof ExecutableElement method
                        && AsyncMethod.keyOf(method, processingEnv.getTypeUtils()).equals(model.key())) {
                    again.add(new Planned(method, model, List.of()));
                }
            }
        }
        deferred.clear();
        return again;
    }

    private void rememberSources(RoundEnvironment round) {
        if (trees == null) {
            return;
        }
        for (Element root : round.getRootElements()) {
            if (root.getKind() == ElementKind.MODULE) {
                continue; // the typing compile runs in the unnamed module (see ClassPathBridge)
            }
            TreePath path = trees.getPath(root);
            if (path == null) {
                continue;
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            URI uri = unit.getSourceFile().toUri();
            if (!sources.containsKey(uri)) {
                userUnits.put(uri, unit);
                try {
                    sources.put(uri, unit.getSourceFile().getCharContent(true).toString());
                } catch (IOException e) {
                    processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                            "[PollenSource] cannot read " + uri + ": " + e.getMessage(), root);
                }
            }
        }
    }

    /** Stages "validate" and "emit facades": returns the methods whose machines to generate. */
    private List<Planned> writeFacades(RoundEnvironment round) {
        Map<String, List<ExecutableElement>> byClass = new TreeMap<>();
        for (Element e : round.getElementsAnnotatedWith(processingEnv.getElementUtils().getTypeElement("dev.pollen.Async"))) {
            if (e.getKind() == ElementKind.METHOD) {
                TypeElement owner = (TypeElement) e.getEnclosingElement();
                unreadBodies.addAsyncMethod(e.getSimpleName().toString());
                byClass.computeIfAbsent(owner.getQualifiedName().toString(), k -> new ArrayList<>())
                        .add((ExecutableElement) e);
            }
        }
        for (String owner : deferredFacades) { // looked up again: elements of an earlier round are stale
            for (Element e : processingEnv.getElementUtils().getTypeElement(owner).getEnclosedElements()) {
                if (e.getKind() == ElementKind.METHOD && isAsync(e)) {
                    byClass.computeIfAbsent(owner, k -> new ArrayList<>()).add((ExecutableElement) e);
                }
            }
        }
        deferredFacades.clear();
        List<Planned> planned = new ArrayList<>();
        for (Map.Entry<String, List<ExecutableElement>> entry : byClass.entrySet()) {
            List<ExecutableElement> methods = entry.getValue();
            if (methods.stream().anyMatch(SignatureChecks::namesMissingType)) {
                if (!round.processingOver()) {
                    deferredFacades.add(entry.getKey()); // one file for the class: wait with all its facades
                    continue;
                }
                methods.removeIf(SignatureChecks::namesMissingType); // javac reports the missing types
            }
            methods.sort(Comparator.comparing(m -> AsyncMethod.keyOf(m, processingEnv.getTypeUtils())));
            List<AsyncMethod> models = new ArrayList<>();
            Map<String, Integer> overloads = new HashMap<>();
            for (ExecutableElement method : methods) {
                List<String> facadeProblems = SignatureChecks.facadeProblems(method);
                if (!facadeProblems.isEmpty()) {
                    facadeProblems.forEach(message -> error(method, message));
                    continue;
                }
                SignatureChecks.warnings(method, processingEnv.getElementUtils(), processingEnv.getTypeUtils())
                        .forEach(message -> processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING, message, method));
                String name = method.getSimpleName().toString();
                int overload = overloads.merge(name, 1, Integer::sum) - 1;
                ClassName facadeClass = Names.facadeClass((TypeElement) method.getEnclosingElement());
                AsyncMethod model = AsyncMethod.of(method, Names.machineClass(facadeClass, name, overload),
                        processingEnv.getTypeUtils(), suppressWarnings(method));
                models.add(model);
                planned.add(new Planned(method, model, SignatureChecks.bodyProblems(method)));
            }
            if (models.isEmpty()) {
                continue;
            }
            TypeSpec facade = files.annotate(FacadeWriter.facadeClass(entry.getKey(), models).toBuilder(),
                    entry.getKey(), List.of()).build();
            facadeClasses.add(models.get(0).facadeClass().canonicalName());
            write(models.get(0).facadeClass().packageName(), facade, entry.getKey(), methods.get(0));
        }
        return planned;
    }

    /**
     * A machine class to write, and the warnings it suppresses: the method's and its class's,
     * and those its code would cause where the body's does not (see {@link AuxiliaryClasses}).
     */
    private record Machine(TypeSpec type, List<String> suppressWarnings, DebugInfo.Facts facts) {}

    private Machine stub(Planned p, String location) {
        return new Machine(MachineWriter.stub(p.model(), location), p.model().suppressWarnings(),
                DebugInfo.stub(declaration(p)));
    }

    private DebugInfo.Declaration declaration(Planned p) {
        return DebugInfo.Declaration.of(p.method(), processingEnv.getElementUtils(), trees,
                trees == null ? null : trees.getPath(p.method())); // no trees: another compiler (ecj)
    }

    /**
     * Stages "analyse" and "lower" for one method. Returns null when the body does not type yet
     * and a later round may fix that.
     */
    private Machine generate(Planned p, TypedCopy copy, boolean lastRound) {
        AsyncMethod m = p.model();
        TreePath realPath = trees.getPath(p.method());
        String location = location(realPath);
        p.bodyProblems().forEach(message -> error(p.method(), message));
        if (!p.bodyProblems().isEmpty() || realPath == null || ((MethodTree) realPath.getLeaf()).getBody() == null) {
            return stub(p, location);
        }
        CompilationUnitTree realUnit = realPath.getCompilationUnit();
        URI file = realUnit.getSourceFile().toUri();
        long start = trees.getSourcePositions().getStartPosition(realUnit, realPath.getLeaf());
        long end = trees.getSourcePositions().getEndPosition(realUnit, realPath.getLeaf());
        List<TypedCopy.Error> copyErrors = copy.errorsIn(file, start, end);
        TreePath copyPath = copy.unit(file) == null ? null : findMethod(copy, copy.unit(file), start);
        if (!copyErrors.isEmpty() || copyPath == null) {
            if (!lastRound) {
                return null;
            }
            // Javac reports the user's own errors itself; say only that no machine was made.
            String detail = copyErrors.isEmpty() ? "the method was not found in the typed copy" : copyErrors.get(0).message();
            processingEnv.getMessager().printMessage(Diagnostic.Kind.WARNING,
                    Messages.untypedBody(m.description(), detail), p.method());
            return stub(p, location);
        }

        Body body = new Body(copy, copy.unit(file), copyPath);
        warnAboutSignature(p.method(), body);
        boolean debug = "true".equals(processingEnv.getOptions().get(DEBUG_OPTION));
        Set<VariableElement> hoisted = Hoisting.of(body, debug);
        // Locals captured by local classes that become members of the machine are kept in fields.
        LocalClasses classes = LocalClasses.of(body);
        classes.captured().stream().filter(v -> v.getKind() != ElementKind.PARAMETER).forEach(hoisted::add);
        // A constant local used in another state is written as its value instead (NameResolver.Kind.CONSTANT).
        Set<VariableElement> constants = new LinkedHashSet<>();
        hoisted.removeIf(local -> local.getConstantValue() != null && constants.add(local));
        NameResolver resolver = new NameResolver(body, hoisted, constants);
        List<BodyChecks.Problem> problems = BodyChecks.check(body, resolver, hoisted, classes);
        if (!problems.isEmpty()) {
            RealTrees real = new RealTrees(trees, realUnit, realPath.getLeaf());
            for (BodyChecks.Problem problem : problems) {
                Tree at = real.find(body.start(problem.tree()), problem.tree().getKind());
                if (at == null) {
                    error(p.method(), problem.message());
                } else {
                    trees.printMessage(Diagnostic.Kind.ERROR, problem.message(), at, realUnit);
                }
            }
            return stub(p, location);
        }

        // Names that generated code adds to resume(): none may collide with the body's.
        NameAllocator allocator = new NameAllocator();
        body.identifiers.forEach(allocator::newName);
        m.params().forEach(param -> allocator.newName(param.name()));
        MachineWriter.Vocabulary vocabulary = new MachineWriter.Vocabulary(
                allocator.newName("self"), allocator.newName("cx"), allocator.newName("ready"),
                allocator.newName("future"), allocator.newName("machine"), body.identifiers.contains("state") ? "this.state" : "state",
                allocator.newName("thrown"));

        // Fields: receiver, parameters, then the hoisted locals live across an await, in source
        // order. The other hoisted locals are locals of resume() (see Liveness).
        Set<VariableElement> suspended = debug ? hoisted : Liveness.acrossAwaits(body, hoisted);
        classes.captured().stream().filter(hoisted::contains).forEach(suspended::add);
        List<MachineWriter.Field> fields = new ArrayList<>();
        List<MachineWriter.Field> resumeLocals = new ArrayList<>();
        Map<VariableElement, String> fieldNames = new LinkedHashMap<>();
        Set<String> taken = new LinkedHashSet<>(List.of("state", vocabulary.receiver(), vocabulary.context(),
                vocabulary.poll(), vocabulary.future(), vocabulary.loopLabel(), vocabulary.caught()));
        if (!m.isStatic()) {
            fields.add(new MachineWriter.Field(vocabulary.receiver(), m.receiverType(), true));
        }
        Set<VariableElement> fieldLocals = new LinkedHashSet<>();
        for (int i = 0; i < m.params().size(); i++) {
            VariableElement param = body.element.getParameters().get(i);
            // A field must not hide one of AsyncMachine's that generated code uses (state, ...).
            String name = freshName(m.params().get(i).name(), MachineWriter.INHERITED::contains, taken);
            fields.add(new MachineWriter.Field(name, m.params().get(i).type(), false));
            fieldNames.put(param, name);
            fieldLocals.add(param);
        }
        // Locals live across an await share a field where their lifetimes do not overlap
        // (except under the debug option, which shows each under its own name).
        List<List<VariableElement>> slots = debug ? hoisted.stream().map(List::of).collect(Collectors.toList())
                : FieldSlots.of(body, suspended);
        for (List<VariableElement> slot : slots) {
            String name = freshName(slot.stream().map(PollenProcessor::fieldBase).distinct()
                    .collect(Collectors.joining("$")), taken::contains, taken);
            fields.add(new MachineWriter.Field(name, body.typeName(slot.get(0).asType()), false));
            for (VariableElement local : slot) {
                fieldNames.put(local, name);
            }
        }
        Set<VariableElement> inResume = new LinkedHashSet<>(hoisted);
        inResume.removeAll(suspended);
        for (VariableElement local : inResume) {
            // A local of resume() shares its scope with every name the body declares; a pattern
            // variable's own declaration stays in place beside it (Renderer.visitInstanceOf).
            // An unnamed variable's local is named by Pollen, so it must avoid every name of the body.
            boolean clashes = !body.declaresOnce(local.getSimpleName().toString())
                    || local.getKind() == ElementKind.BINDING_VARIABLE
                    || !fieldBase(local).equals(local.getSimpleName().toString());
            String name = freshName(fieldBase(local),
                    n -> taken.contains(n) || clashes && body.identifiers.contains(n), taken);
            resumeLocals.add(new MachineWriter.Field(name, body.typeName(local.asType()), false));
            fieldNames.put(local, name);
        }
        fieldLocals.addAll(hoisted);

        taken.forEach(allocator::newName);
        PrivateAccess privates = new PrivateAccess(copy.types, copy.elements, allocator, m.machineClass(), body.owner);
        Renderer renderer = new Renderer(body, new NameResolver(body, fieldLocals, constants),
                new Renderer.Frame(vocabulary.receiver(), fieldNames, inResume,
                        body.element.getReturnType(), privates), classes);
        Set<VariableElement> cleared = new LinkedHashSet<>(fieldLocals);
        cleared.removeAll(classes.captured());
        Lowering.Result lowered = new Lowering(body, renderer, vocabulary, allocator,
                DeadFields.of(body, cleared)).lower();
        fields.addAll(lowered.temps());
        List<MachineWriter.Member> members = classes.all().stream()
                .map(c -> new MachineWriter.Member(c.tree().getSimpleName().toString(), renderer.member(c)))
                .collect(Collectors.toList());
        List<String> suppressed = new ArrayList<>(m.suppressWarnings());
        if (AuxiliaryClasses.named(body) && !suppressed.contains("auxiliaryclass")) {
            suppressed.add("auxiliaryclass");
        }
        if (body.wroteUncheckedCasts() && !suppressed.contains("unchecked")) {
            suppressed.add("unchecked");
        }
        TypeSpec machine = MachineWriter.machine(m, location, fields, resumeLocals, vocabulary, lowered.states(),
                privates, members);
        // A variable or class of the body named like a type that generated code names (int Poll = 1;)
        // obscures or shadows it there (JLS 6.4): such types are written qualified.
        Set<String> obscured = new TreeSet<>(body.declaredNames);
        obscured.addAll(FacadeWriter.declaredNames(m));
        if (obscured.contains("MethodHandles")) {
            // JavaPoet imports the class that encloses a nested one it writes (the lookup helper's
            // MethodHandles.Lookup) unless the nested one's name is qualified too.
            obscured.add("Lookup");
        }
        // The debug metadata names the fields that hold the receiver, parameters and locals across awaits.
        List<String> infoFields = new ArrayList<>();
        List<String> infoLocals = new ArrayList<>();
        if (!m.isStatic()) {
            infoFields.add(vocabulary.receiver());
            infoLocals.add("this");
        }
        fieldNames.forEach((local, field) -> {
            if (!inResume.contains(local)) {
                infoFields.add(field);
                infoLocals.add(local.getSimpleName().toString());
            }
        });
        DebugInfo.Facts facts = DebugInfo.of(declaration(p), lowered.states(), infoFields, infoLocals,
                body.marksLines());
        return new Machine(machine.toBuilder().alwaysQualify(obscured.toArray(new String[0])).build(), suppressed,
                facts);
    }

    /**
     * The name a local's field (or local of resume) is made from: its own, or {@code unnamed} for
     * an unnamed variable {@code _} (Java 22), which no code reads but a resource must still close.
     */
    private static String fieldBase(VariableElement local) {
        String name = local.getSimpleName().toString();
        return name.isEmpty() || name.equals("_") ? "unnamed" : name;
    }

    /** Warnings that need the typed body: no await at all; an override (facades bind statically). */
    private void warnAboutSignature(ExecutableElement method, Body body) {
        Diagnostic.Kind warning = Diagnostic.Kind.WARNING;
        if (body.awaits.isEmpty()) {
            processingEnv.getMessager().printMessage(warning, Messages.noAwait(AsyncMethod.describe(method)), method);
        }
        TypeElement owner = (TypeElement) method.getEnclosingElement();
        for (javax.lang.model.type.TypeMirror supertype : processingEnv.getTypeUtils().directSupertypes(owner.asType())) {
            for (TypeElement type = (TypeElement) processingEnv.getTypeUtils().asElement(supertype); type != null; ) {
                for (Element member : type.getEnclosedElements()) {
                    if (member instanceof ExecutableElement other
                            && processingEnv.getElementUtils().overrides(method, other, owner)) {
                        processingEnv.getMessager().printMessage(warning,
                                Messages.overrides(AsyncMethod.describe(method), AsyncMethod.describe(other)), method);
                        return;
                    }
                }
                javax.lang.model.type.TypeMirror next = type.getSuperclass();
                type = next.getKind() == javax.lang.model.type.TypeKind.DECLARED
                        ? (TypeElement) processingEnv.getTypeUtils().asElement(next) : null;
            }
        }
    }

    private void writeMachine(Planned p, Machine machine) {
        TypeSpec annotated = files.annotate(machine.type().toBuilder(), p.model().description(),
                machine.suppressWarnings()).build();
        write(p.model().machineClass().packageName(), annotated, p.model().description(), p.method(), machine.facts());
    }

    private void write(String pkg, TypeSpec type, String source, Element origin) {
        write(pkg, type, source, origin, null);
    }

    private void write(String pkg, TypeSpec type, String source, Element origin, DebugInfo.Facts facts) {
        try {
            GeneratedFiles.Written written = files.write(pkg, type, source, origin, facts);
            sources.put(written.uri(), written.text());
        } catch (IOException e) {
            error(origin, "[PollenWrite] cannot write " + pkg + "." + type.name() + ": " + e.getMessage());
        }
    }

    private static TreePath findMethod(TypedCopy copy, CompilationUnitTree unit, long start) {
        TreePath[] found = new TreePath[1];
        new TreePathScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree method, Void unused) {
                if (copy.trees.getSourcePositions().getStartPosition(unit, method) == start) {
                    found[0] = getCurrentPath();
                }
                return super.visitMethod(method, unused);
            }
        }.scan(unit, null);
        return found[0];
    }

    private String location(TreePath path) {
        if (path == null) {
            return "";
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        long line = unit.getLineMap().getLineNumber(trees.getSourcePositions().getStartPosition(unit, path.getLeaf()));
        String name = unit.getSourceFile().getName();
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1) + ":" + line;
    }

    private List<String> suppressWarnings(ExecutableElement method) {
        Set<String> values = new LinkedHashSet<>();
        for (Element e = method; e instanceof ExecutableElement || e instanceof TypeElement; e = e.getEnclosingElement()) {
            SuppressWarnings s = e.getAnnotation(SuppressWarnings.class);
            if (s != null) {
                values.addAll(List.of(s.value()));
            }
        }
        return new ArrayList<>(values);
    }

    /** {@code base}, else {@code base$2}, {@code base$3}, ...: the first that is not {@code unavailable}; added to {@code taken}. */
    private static String freshName(String base, java.util.function.Predicate<String> unavailable, Set<String> taken) {
        String name = base;
        for (int n = 2; unavailable.test(name); n++) {
            name = base + "$" + n;
        }
        taken.add(name);
        return name;
    }

    static boolean isAsync(Element e) {
        return e.getAnnotationMirrors().stream()
                .anyMatch(a -> a.getAnnotationType().toString().equals(Names.ASYNC.canonicalName()));
    }

    private void error(Element element, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
    }

    /** Finds the real tree at a position of the copy (the copy has the same text). */
    static final class RealTrees {
        private final Map<Long, List<Tree>> byStart = new HashMap<>();

        RealTrees(Trees trees, CompilationUnitTree unit, Tree root) {
            new TreeScanner<Void, Void>() {
                @Override
                public Void scan(Tree tree, Void unused) {
                    if (tree != null) {
                        byStart.computeIfAbsent(trees.getSourcePositions().getStartPosition(unit, tree),
                                k -> new ArrayList<>()).add(tree);
                    }
                    return super.scan(tree, unused);
                }
            }.scan(root, null);
        }

        Tree find(long start, Tree.Kind kind) {
            for (Tree tree : byStart.getOrDefault(start, List.of())) {
                if (tree.getKind() == kind) {
                    return tree;
                }
            }
            return null;
        }
    }
}
