package dev.pollen.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stage "emit", helper: the line map of a generated machine, from generated lines to user lines
 * (docs/design.md, "Debug metadata").
 *
 * <p>Protocol: while the machine's code is built, a <em>line mark</em> ({@link #mark}) is put
 * where a generated line gets its user line: before each line of user text that {@link Renderer}
 * copies (the user line that text came from), and before each line of an await's expansion (the
 * await's line). The file is rendered to text with the marks in it; {@link #of} then gives each
 * generated line the user line of the first mark on it (lines without one, the machine's
 * bookkeeping, get none) and removes the marks. A mark lies inside one line, so removing it moves
 * no line; the marks use Unicode noncharacters, which no Java source the processor copies can
 * hold ({@link #canMark}), so a mark can never be confused with user text.
 */
final class LineMap {
    private LineMap() {}

    private static final char OPEN = '\uFDD0';
    private static final char CLOSE = '\uFDD1';
    private static final Pattern MARK = Pattern.compile(OPEN + "(\\d+)" + CLOSE);

    /** A mark: the text that follows it on its line was generated for user line {@code line}. */
    static String mark(long line) {
        return line > 0 ? OPEN + Long.toString(line) + CLOSE : "";
    }

    /**
     * Whether code copied from {@code source} may be marked: it holds no character of a mark
     * (a Unicode noncharacter, which no real source holds; if one does, the machine has no line map).
     */
    static boolean canMark(String source) {
        return source.chars().noneMatch(LineMap::isReserved);
    }

    /**
     * A string literal's source with the noncharacters marks are made of written as Unicode
     * escapes: a constant from a class file is written into the machine as a literal, and must
     * stay apart from marks.
     */
    static String escaped(String literal) {
        StringBuilder out = new StringBuilder(literal.length());
        for (char c : literal.toCharArray()) {
            out.append(isReserved(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** The Unicode noncharacters U+FDD0 to U+FDEF, which marks and placeholders (DebugInfo) are made of. */
    private static boolean isReserved(int c) {
        return c >= '\uFDD0' && c <= '\uFDEF';
    }

    /** {@code text} without its marks (for measuring code the way it will be written). */
    static String strip(String text) {
        return MARK.matcher(text).replaceAll("");
    }

    /** The user line of the first mark in {@code code}, or 0 if it has none. */
    static int firstMark(String code) {
        Matcher m = MARK.matcher(code);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A generated file's text without marks, and its line map as JSR-45 quadruples. */
    record Mapped(String text, int[] lines) {}

    /**
     * Reads and removes the marks of {@code marked}. A line left blank by the removal (a mark
     * before nothing) becomes empty, as JavaPoet writes a blank line without indentation.
     */
    static Mapped of(String marked) {
        StringBuilder text = new StringBuilder(marked.length());
        Runs runs = new Runs();
        int generatedLine = 1;
        for (int start = 0; start < marked.length(); generatedLine++) {
            int end = marked.indexOf('\n', start);
            end = end < 0 ? marked.length() : end + 1;
            String line = marked.substring(start, end);
            Matcher m = MARK.matcher(line);
            if (m.find()) {
                runs.add(generatedLine, Integer.parseInt(m.group(1)));
                String stripped = m.reset().replaceAll("");
                line = stripped.isBlank() ? stripped.endsWith("\n") ? "\n" : "" : stripped;
            }
            text.append(line);
            start = end;
        }
        return new Mapped(text.toString(), runs.quadruples());
    }

    /**
     * Builds JSR-45 line-section entries {@code (userLine, count, generatedLine, increment)} from
     * mapped lines given in ascending generated order: copied text extends a run of consecutive
     * user lines {@code (u, n, g, 1)}; several generated lines for one user line extend
     * {@code (u, 1, g, k)}.
     */
    private static final class Runs {
        private final List<int[]> done = new ArrayList<>();
        private int[] run; // {userLine, count, generatedLine, increment}

        void add(int generated, int user) {
            if (run != null) {
                int next = run[2] + run[1] * run[3];
                if (generated == next && run[3] == 1 && user == run[0] + run[1]) {
                    run[1]++;
                    return;
                }
                if (run[1] == 1 && generated == next && user == run[0]) {
                    run[3]++;
                    return;
                }
                done.add(run);
            }
            run = new int[] {user, 1, generated, 1};
        }

        int[] quadruples() {
            if (run != null) {
                done.add(run);
                run = null;
            }
            int[] all = new int[done.size() * 4];
            for (int i = 0; i < done.size(); i++) {
                System.arraycopy(done.get(i), 0, all, i * 4, 4);
            }
            return all;
        }
    }
}
