package dev.pollen.internal;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Not API: the debug metadata the processor puts on every machine class it generates, for the
 * runtime's async stack traces and task dumps and for tools (a debugger's line map is the same
 * data, written as the class's JSR-45 {@code SourceDebugExtension}). Static data only: nothing
 * reads it on the hot path. The format is part of the contract between processor and runtime
 * ({@code docs/design.md}, "Debug metadata"); a reader ignores a {@link #version()} it does not
 * know.
 *
 * <p>Lines are 1-based. "User" lines are lines of {@link #source()}; "generated" lines are lines
 * of the machine's own generated source file (the line numbers its bytecode carries).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MachineInfo {
    /** The version this runtime reads. */
    int VERSION = 1;

    /** The format's version: {@link #VERSION}. */
    int version();

    /** The user's source file, as its class's {@code SourceFile} attribute names it: {@code "Demo.java"}. */
    String source();

    /** The binary name of the class that declares the method: {@code "p.Demo"}, {@code "p.Outer$Inner"}. */
    String declaringClass();

    /** The method's name. */
    String method();

    /** The user line of the method's declaration (its name). */
    int line();

    /**
     * For each state {@code s} (the machine's {@code state} field; 0 = not started), the user line
     * where the code of state {@code s} begins; for an await's resume point, the await's line.
     */
    int[] states();

    /** The states that are an await's resume point, ascending: where a suspended machine waits. */
    int[] awaits();

    /** The machine's fields that hold the user's parameters and locals ... */
    String[] fields();

    /** ... and those variables' names in the source, index by index. */
    String[] locals();

    /**
     * The line map from generated lines to user lines, as quadruples in JSR-45's order
     * {@code {userLine, count, generatedLine, increment, ...}}: user line {@code userLine + j}
     * ({@code 0 <= j < count}) is generated lines {@code generatedLine + j * increment} up to
     * {@code generatedLine + (j + 1) * increment - 1}. Copied user text is {@code (u, n, g, 1)};
     * several generated lines made for one user line (an await's expansion) are {@code (u, 1, g, k)}.
     * Sorted by {@code generatedLine}; ranges do not overlap. Generated lines no quadruple covers
     * (the machine's bookkeeping) have no user line.
     */
    int[] lines();
}
