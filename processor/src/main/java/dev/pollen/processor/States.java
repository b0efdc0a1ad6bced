package dev.pollen.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine under construction: a list of states (the {@code case}s of {@code resume}), the
 * code of the current one, and the labels that jumps target. Like regenerator's emitter, labels
 * are created first and placed later; a label is numbered when placed, so states appear in
 * source order, and prints lazily in the jumps emitted before.
 */
final class States {
    /** A jump target. */
    static final class Label {
        private final String comment;
        /** The user line where the code after this label begins (0: none), for the debug metadata. */
        private final int line;
        /** An await's resume point. */
        private boolean await;
        private int number = -1;
        private boolean used;
        /** Placed already: a jump to it goes backwards (a loop's next iteration). */
        private boolean placed;

        Label(String comment, int line) {
            this.comment = comment;
            this.line = line;
        }

        String comment() {
            return comment;
        }

        @Override
        public String toString() {
            if (number < 0) {
                throw new IllegalStateException("label never placed: " + comment);
            }
            return Integer.toString(number);
        }
    }

    /**
     * A protected region: the states of a {@code try} block (its catch clauses) or of a
     * {@code try} and its catch blocks (its {@code finally}). The machine wraps the states of a
     * region in a Java {@code try} whose {@code catch (Throwable)} runs {@link #handler}.
     */
    static final class Region {
        final String comment;
        CodeBlock handler;

        Region(String comment) {
            this.comment = comment;
        }
    }

    /**
     * One {@code case} of the machine's switch: its regions (outermost first), and what a
     * cancellation while suspended there does first (null: no finally block to run).
     * {@code carrier}: for the state that continues after an await, the local of {@code resume}
     * that carries the awaited value in from the await's own state; else null.
     * {@code fallsThrough}: the code ends with {@code state = next} for the next state, without
     * the jump, which MachineWriter adds unless that state's case follows (a state whose end is
     * reachable falls into the next one, with no dispatch between). {@code line}: the user line
     * where the state's code begins (an await's line for its resume point), {@code isAwait}
     * whether it is an await's resume point (see DebugInfo).
     */
    record State(int number, String comment, CodeBlock code, List<Region> regions, CodeBlock onCancel,
            MachineWriter.Field carrier, boolean fallsThrough, int line, boolean isAwait) {}

    private final MachineWriter.Vocabulary names;
    private final NameAllocator tempNames;
    private final List<State> states = new ArrayList<>();
    private final List<MachineWriter.Field> temps = new ArrayList<>();
    private int tempCount;
    /** Temporaries in use, innermost statement last; and released ones, free for reuse. */
    private final List<MachineWriter.Field> inUse = new ArrayList<>();
    private final List<MachineWriter.Field> free = new ArrayList<>();
    private final List<Region> regions = new ArrayList<>();
    private CodeBlock onCancel;
    /** The carrier locals, one per type: each holds a value only from an await to the next state. */
    private final Map<TypeName, MachineWriter.Field> carriers = new LinkedHashMap<>();
    private MachineWriter.Field currentCarrier;
    private boolean currentFallsThrough;
    private Label currentLabel;
    /** The current state's comment: its label's, or the labels' that share it. */
    private String currentComment;
    private List<Region> currentRegions;
    private CodeBlock currentOnCancel;
    private CodeBlock.Builder current;
    /** Whether the end of the code emitted so far can be reached (JLS 14.22). */
    private boolean reachable;

    /** Whether generated lines get line marks (see {@link LineMap}). */
    private final boolean marksLines;

    /** {@code firstLine}: the user line where the body's code begins. */
    States(MachineWriter.Vocabulary names, NameAllocator tempNames, int firstLine, boolean marksLines) {
        this.names = names;
        this.tempNames = tempNames;
        this.marksLines = marksLines;
        Label start = new Label("start", firstLine);
        start.used = true;
        place(start);
    }

    boolean reachable() {
        return reachable;
    }

    /** Appends code that completes normally (generated statements, or user code that does). */
    void add(CodeBlock code) {
        current.add(code);
        reachable = true;
    }

    void addStatement(String format, Object... args) {
        add(CodeBlock.builder().addStatement(format, args).build());
    }

    /** Appends a user statement; {@code completes} is whether its end is reachable. */
    void addUserStatement(CodeBlock code, Reachability.Answer completes) {
        if (completes == Reachability.Answer.MAYBE) {
            // Javac decides by a constant that Reachability does not evaluate. An if-then statement
            // always completes normally (JLS 14.22), so whatever follows stays reachable.
            current.beginControlFlow("if (true)").add(code).add("\n").endControlFlow();
            reachable = true;
            return;
        }
        current.add(code).add("\n");
        reachable = completes == Reachability.Answer.YES;
    }

    /** The code just added ends every path with a jump (a dispatch switch with a default). */
    void unreachable() {
        reachable = false;
    }

    /**
     * {@code target}'s number as a value that a finally block's exit dispatch compares later. The
     * state must exist even when no jump reaches it (a finally block that always throws makes a
     * {@code continue}'s loop update unreachable).
     */
    CodeBlock recorded(Label target) {
        target.used = true;
        return CodeBlock.of("$L", target);
    }

    /**
     * {@code state = target; continue machine;}. A backward jump (the next iteration of a loop
     * that awaits) first spends a unit of the task's budget and, with none left, yields: the
     * machine returns pending at {@code target}, woken, and its next poll starts there. Only
     * loops let a poll run without bound while every await is ready; the check is on the
     * back-edge, not at the awaits, so that a ready await's future and value never escape and
     * the JIT can keep them in registers.
     */
    void jump(Label target) {
        current.add(jumpCode(target));
        reachable = false;
    }

    /** A jump on one line, to replace a statement in the user's text. */
    CodeBlock jumpInline(Label target) {
        target.used = true;
        if (target.placed) {
            return CodeBlock.of("$L = $L; if (!$L.consumeBudget()) return budgetSpent($L); continue $L;",
                    names.state(), target, names.context(), names.context(), names.loopLabel());
        }
        return CodeBlock.of("$L = $L; continue $L;", names.state(), target, names.loopLabel());
    }

    /** The statements of a jump to {@code target} (see {@link #jump}). */
    CodeBlock jumpCode(Label target) {
        target.used = true;
        CodeBlock.Builder code = CodeBlock.builder().addStatement("$L = $L", names.state(), target);
        if (target.placed) {
            code.beginControlFlow("if (!$L.consumeBudget())", names.context())
                    .addStatement("return budgetSpent($L)", names.context())
                    .endControlFlow();
        }
        return code.addStatement("continue $L", names.loopLabel()).build();
    }

    /** {@code if (condition) { jump }}, then go on. */
    void jumpIf(CodeBlock condition, Label target) {
        jumpIf(condition, CodeBlock.of(""), target);
    }

    /** {@code if (condition) { before; jump }}, then go on. */
    void jumpIf(CodeBlock condition, CodeBlock before, Label target) {
        current.beginControlFlow("if ($L)", condition);
        current.add(before);
        jump(target);
        current.endControlFlow();
        reachable = true;
    }

    /**
     * Starts a new state at {@code label}. When the end of the current state is reachable, it
     * sets {@code state} and falls into the new one, which is the next {@code case}: no dispatch
     * through the switch on that path (a loop body whose states follow each other runs as
     * straight-line code, which the JIT compiles as well as a hand-written loop).
     */
    void place(Label label) {
        if (current != null && currentLabel.used && current.isEmpty() && currentCarrier == null
                && currentRegions.equals(regions) && currentOnCancel == onCancel) {
            // Nothing yet in the current state, which would only fall into this one: one state.
            label.number = currentLabel.number;
            label.placed = true;
            currentComment = currentComment + "; " + label.comment;
            return;
        }
        if (current != null) {
            if (reachable) {
                label.used = true;
                current.addStatement("$L = $L", names.state(), label);
                currentFallsThrough = true;
            }
            finish();
        }
        label.number = label.used ? states.size() : -1;
        label.placed = true;
        currentLabel = label;
        currentComment = label.comment;
        currentRegions = List.copyOf(regions);
        currentOnCancel = onCancel;
        current = CodeBlock.builder();
        currentCarrier = null;
        currentFallsThrough = false;
        reachable = label.used;
    }

    /**
     * Starts a state that nothing before it jumps to or falls into, and that a jump emitted
     * later targets (the cases after a guard that awaits: PatternDispatch).
     */
    void placeLaterTarget(Label label) {
        label.used = true;
        place(label);
    }

    /**
     * Starts the state at the head of a loop, the target of its backward jump. It is entered
     * through the switch, never by falling in: measured on JDK 25, a loop of ready awaits whose
     * head the state before fell into ran 1.6 times slower per iteration (two ways into the loop
     * that C2 forms once it has threaded the jump back to the head).
     */
    void placeLoopHead(Label label) {
        if (current != null && reachable) {
            jump(label);
        } else if (current != null) {
            finish();                   // never one state with the state before, which may be fallen into
            current = null;
        }
        place(label);
    }

    /** States placed from now on are inside {@code region}. */
    void enter(Region region) {
        regions.add(region);
    }

    void exit(Region region) {
        if (regions.remove(regions.size() - 1) != region) {
            throw new IllegalStateException("regions not nested: " + region.comment);
        }
    }

    /** What a cancellation at an await placed from now on does first (null: nothing). */
    void onCancel(CodeBlock code) {
        onCancel = code;
    }

    /**
     * Ends the current state at an await of {@code future}, and starts the state that continues
     * after it. Returns the expression that reads the awaited value, valid in the new state.
     *
     * <p>The await polls the future at once, at a call site of its own (so the JIT sees the
     * future's type there and can inline its poll): when it is ready, the value goes on in a
     * carrier local and nothing is stored in the machine, so a ready leaf that does not escape
     * costs no allocation; only when it is pending is the future remembered ({@code awaitOn})
     * and the machine suspended. The new state polls the remembered future only when it was
     * entered by a later {@code poll} ({@code isSuspended()}).
     */
    CodeBlock suspend(CodeBlock future, TypeName valueType, String comment, int line) {
        MachineWriter.Field carrier = carriers.computeIfAbsent(valueType,
                type -> new MachineWriter.Field(tempNames.newName("awaited"), type, false));
        Label resume = new Label(comment, line);
        resume.await = true;
        // Every line of the expansion is the await's (LineMap): an exception the awaited future
        // throws from its first poll or from pollAwaited is reported at the await.
        String at = marksLines ? LineMap.mark(line) : "";
        TypeName poll = ParameterizedTypeName.get(Names.POLL, WildcardTypeName.subtypeOf(valueType));
        current.add(at).addStatement("$T<$T> $L = awaitable($L)", Names.FUTURE, WildcardTypeName.subtypeOf(valueType),
                names.future(), future);
        current.add(at).addStatement("$T $L = $L.poll($L)", poll, names.poll(), names.future(), names.context());
        resume.used = true;
        current.add(at).beginControlFlow("if ($L.isPending())", names.poll())
                .add(at).addStatement("awaitOn($L)", names.future())
                .add(at).addStatement("$L = $L", names.state(), resume)
                .add(at).addStatement("return $T.pending()", Names.POLL)
                .unindent().add(at).add("}\n");
        current.add(at).addStatement("$L = $L.get()", carrier.name(), names.poll());
        reachable = true;
        place(resume);
        currentCarrier = carrier;
        current.add(at).beginControlFlow("if (isSuspended())")
                .add(at).addStatement("$T $L = pollAwaited($L)", poll, names.poll(), names.context())
                .add(at).beginControlFlow("if ($L.isPending())", names.poll())
                .add(at).addStatement("return $T.pending()", Names.POLL)
                .unindent().add(at).add("}\n")
                .add(at).addStatement("$L = $L.get()", carrier.name(), names.poll())
                .unindent().add(at).add("}\n");
        return CodeBlock.of("$L", carrier.name());
    }

    /**
     * A field for a value computed before an await and used after it, within the statement being
     * lowered: a released one of the same type if there is one.
     */
    String newTemp(TypeName type) {
        for (MachineWriter.Field f : free) {
            if (f.type().equals(type)) {
                free.remove(f);
                inUse.add(f);
                return f.name();
            }
        }
        String name = newField("spill" + ++tempCount, type);
        inUse.add(temps.get(temps.size() - 1));
        return name;
    }

    /** Marks the start of a statement: {@link #releaseTemps} frees the temporaries taken after it. */
    int tempMark() {
        return inUse.size();
    }

    /**
     * The statement that began at {@code mark} is done with its temporaries: reference ones are
     * cleared (a suspended machine keeps nothing it will not use again), and all become free.
     */
    void releaseTemps(int mark) {
        List<MachineWriter.Field> done = inUse.subList(mark, inUse.size());
        if (reachable) {
            for (MachineWriter.Field f : done) {
                if (!f.type().isPrimitive()) {
                    addStatement("$L = null", f.name());
                }
            }
        }
        free.addAll(done);
        done.clear();
    }

    /** A name for a local of generated code, unique in the machine. */
    String newLocalName(String hint) {
        return tempNames.newName(hint);
    }

    /** A new field of the machine, named after {@code hint}. */
    String newField(String hint, TypeName type) {
        String name = tempNames.newName(hint);
        temps.add(new MachineWriter.Field(name, type, false));
        return name;
    }

    /** Closes the last state and returns the machine's states and its temporaries' fields. */
    List<State> finish(List<MachineWriter.Field> tempFields) {
        finish();
        tempFields.addAll(temps);
        return states;
    }

    private void finish() {
        if (currentLabel.used) {
            states.add(new State(currentLabel.number, currentComment, current.build(), currentRegions,
                    currentOnCancel, currentCarrier, currentFallsThrough, currentLabel.line, currentLabel.await));
        }
    }
}
