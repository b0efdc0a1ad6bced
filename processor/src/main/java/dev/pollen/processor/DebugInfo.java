package dev.pollen.processor;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Stage "emit", helper: the machine's debug metadata, the runtime's annotation
 * {@code dev.pollen.internal.MachineInfo} (docs/design.md, "Debug metadata").
 *
 * <p>Protocol: the machine class is rendered with {@link #placeholder()}, one element a line,
 * each value a placeholder token; once the file's text and its {@link LineMap} are known,
 * {@link #fill} writes the values over the tokens, inside their lines, so that the annotation
 * moves no line that the map describes.
 */
final class DebugInfo {
    private DebugInfo() {}

    /** {@code MachineInfo.VERSION}, the format this processor writes. */
    static final int VERSION = 1;

    static final ClassName MACHINE_INFO = ClassName.get(Names.RUNTIME_PACKAGE + ".internal", "MachineInfo");

    /** The elements whose values {@link #fill} writes, in the order the annotation lists them. */
    private static final List<String> FILLED = List.of("source", "declaringClass", "method", "line", "states",
            "awaits", "fields", "locals", "lines");

    /**
     * What the metadata says besides the line map. {@code states}: the user line of each state,
     * by number; {@code fields} and {@code locals}: a machine field and the source name of a
     * variable it holds, pair by pair (a field shared by variables whose lifetimes do not overlap
     * is listed once for each). {@code marked}: the machine's code carries line marks (see
     * {@link LineMap#canMark}); if not, it has no line map.
     */
    record Facts(String source, String declaringClass, String method, int line, int[] states, int[] awaits,
            List<String> fields, List<String> locals, boolean marked) {}

    /** The facts of a machine whose states are {@code states} (numbered 0, 1, ... in order). */
    static Facts of(Declaration declaration, List<States.State> states, List<String> fields, List<String> locals,
            boolean marked) {
        int[] lines = new int[states.stream().mapToInt(States.State::number).max().orElse(0) + 1];
        for (States.State s : states) {
            int first = LineMap.firstMark(s.code().toString());
            lines[s.number()] = first > 0 ? first : s.line();
        }
        int[] awaits = states.stream().filter(States.State::isAwait).mapToInt(States.State::number).sorted().toArray();
        return new Facts(declaration.source(), declaration.declaringClass(), declaration.method(), declaration.line(),
                lines, awaits, fields, locals, marked);
    }

    /** The facts of a stub machine (a body that could not be compiled): one state, at the method. */
    static Facts stub(Declaration declaration) {
        return new Facts(declaration.source(), declaration.declaringClass(), declaration.method(), declaration.line(),
                new int[] {declaration.line()}, new int[0], List.of(), List.of(), false);
    }

    /** Where the method is declared: its source file's name, class, name and the line of its name. */
    record Declaration(String source, String declaringClass, String method, int line) {

        static Declaration of(ExecutableElement method, Elements elements, Trees trees, TreePath path) {
            String declaringClass = elements.getBinaryName((TypeElement) method.getEnclosingElement()).toString();
            String name = method.getSimpleName().toString();
            if (path == null) {
                return new Declaration("", declaringClass, name, 0);
            }
            CompilationUnitTree unit = path.getCompilationUnit();
            String file = unit.getSourceFile().getName();
            file = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
            return new Declaration(file, declaringClass, name, nameLine(trees.getSourcePositions(), unit,
                    (MethodTree) path.getLeaf()));
        }

        /** The line of the method's name: after its return type (javac's trees have no name position). */
        private static int nameLine(SourcePositions positions, CompilationUnitTree unit, MethodTree method) {
            long from = method.getReturnType() == null ? positions.getStartPosition(unit, method)
                    : positions.getEndPosition(unit, method.getReturnType());
            long at = from;
            try {
                int found = unit.getSourceFile().getCharContent(true).toString()
                        .indexOf(method.getName().toString(), (int) from);
                at = found < 0 ? from : found;
            } catch (IOException | RuntimeException unreadable) {
                // The return type's line, then: debug data never fails a build.
            }
            return (int) unit.getLineMap().getLineNumber(at);
        }
    }

    /** {@code @MachineInfo} with a placeholder token for each value {@link #fill} writes. */
    static AnnotationSpec placeholder() {
        AnnotationSpec.Builder info = AnnotationSpec.builder(MACHINE_INFO).addMember("version", "$L", VERSION);
        FILLED.forEach(name -> info.addMember(name, "$L", token(name)));
        return info.build();
    }

    /** A token no generated text holds otherwise: a Unicode noncharacter (see LineMap) around the name. */
    private static String token(String name) {
        return '\uFDD2' + name + '\uFDD2';
    }

    /** {@code text} (the machine's file, marks already removed) with the placeholders' values. */
    static String fill(String text, Facts facts, int[] lines) {
        List<String> values = List.of(string(facts.source()), string(facts.declaringClass()), string(facts.method()),
                Integer.toString(facts.line()), ints(facts.states()), ints(facts.awaits()), strings(facts.fields()),
                strings(facts.locals()), ints(lines));
        String filled = text;
        for (int i = 0; i < FILLED.size(); i++) {
            // The first occurrence is the annotation's: it comes before any code of the class.
            int at = filled.indexOf(token(FILLED.get(i)));
            if (at >= 0) {
                filled = filled.substring(0, at) + values.get(i) + filled.substring(at + token(FILLED.get(i)).length());
            }
        }
        return filled;
    }

    private static String string(String s) {
        return CodeBlock.of("$S", s).toString();
    }

    private static String ints(int[] values) {
        return IntStream.of(values).mapToObj(Integer::toString).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String strings(List<String> values) {
        return values.stream().map(DebugInfo::string).collect(Collectors.joining(", ", "{", "}"));
    }
}
