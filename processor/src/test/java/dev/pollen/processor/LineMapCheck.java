package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EmptyStatementTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.pollen.internal.MachineInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;

/**
 * Test support: checks a machine's line map ({@code @MachineInfo.lines}) against the user's
 * source, what a debugger and the async stack traces rely on:
 * <ul>
 * <li>each await's resume state names the await's line ({@code states}), and the lines of the
 *     await's expansion (first poll, suspension, resume) map to it;
 * <li>every mapped line maps to a line of the method;
 * <li>every line of the body that holds a simple statement (or the condition of a compound one
 *     other than a do-while's, which a body that never completes normally makes unreachable) is
 *     the target of some generated line;
 * <li>a mapped line outside the expansions that holds code is copied text: its tokens, identifiers
 *     masked (the Renderer rewrites names: {@code x} to {@code this.x}, {@code C.K},
 *     {@code call_m}), qualified names collapsed to one and {@code await(...)} to one name (the
 *     awaited value), share a common subsequence with the user line's tokens of at least half the
 *     shorter of the two; or, for code the machine wrote around copied text, the line shares an
 *     identifier or literal with the user line, or holds none of the method's identifiers
 *     (see {@link #similar}).
 * </ul>
 * Run on every machine of the differential corpus (see {@link Programs#compileBoth}).
 */
final class LineMapCheck {
    private LineMapCheck() {}

    /** Checks every machine {@code compiled} generated from {@code source} (the file {@code p/C.java}). */
    static void checkAll(Compiled compiled, String source) {
        Map<String, Method> methods = methods(source);
        for (JavaFileObject generated : compiled.compilation.generatedSourceFiles()) {
            String name = generated.getName();
            String simple = name.substring(name.lastIndexOf('/') + 1, name.length() - ".java".length());
            if (simple.contains("$")) {
                MachineInfo info = compiled.load("p." + simple).getAnnotation(MachineInfo.class);
                check(simple, source, Compiled.text(generated), info, methods);
            }
        }
    }

    /** The map of {@code info}: generated line to user line. */
    static Map<Integer, Integer> map(int[] lines) {
        Map<Integer, Integer> map = new TreeMap<>();
        for (int i = 0; i < lines.length; i += 4) {
            for (int j = 0; j < lines[i + 1]; j++) {
                for (int k = 0; k < lines[i + 3]; k++) {
                    map.put(lines[i + 2] + j * lines[i + 3] + k, lines[i] + j);
                }
            }
        }
        return map;
    }

    static void check(String machine, String source, String generated, MachineInfo info) {
        check(machine, source, generated, info, methods(source));
    }

    private static void check(String machine, String source, String generated, MachineInfo info,
            Map<String, Method> methods) {
        String where = machine + "\n" + numbered(generated);
        if (info == null) {
            throw new AssertionError("no @MachineInfo on " + where);
        }
        Method method = methods.get(info.method() + ":" + info.line());
        if (method == null) {
            throw new AssertionError("no method " + info.method() + " declared at line " + info.line() + " for " + where);
        }
        Map<Integer, Integer> map = map(info.lines());
        String[] gen = generated.split("\n", -1);
        String[] user = source.split("\n", -1);

        // Awaits: the resume states' lines are the awaits' lines, and their expansions map there.
        List<Integer> awaitStateLines = new ArrayList<>();
        for (int s : info.awaits()) {
            awaitStateLines.add(info.states()[s]);
        }
        List<Integer> sortedAwaitLines = new ArrayList<>(method.awaitLines());
        sortedAwaitLines.sort(null);
        awaitStateLines.sort(null);
        assertEquals(sortedAwaitLines, awaitStateLines, "await lines of the resume states in " + where);
        Set<Integer> expansion = new TreeSet<>();
        for (int s : info.awaits()) {
            int line = info.states()[s];
            for (int g : expansionLines(gen, s)) {
                expansion.add(g);
                assertEquals(Integer.valueOf(line), map.get(g), "await expansion line " + g + " of state " + s + " in " + where);
            }
        }

        for (Map.Entry<Integer, Integer> e : map.entrySet()) {
            int g = e.getKey();
            int u = e.getValue();
            if (u < method.firstLine() || u > method.lastLine()) {
                throw new AssertionError("generated line " + g + " maps to " + u + ", outside the method's lines "
                        + method.firstLine() + "-" + method.lastLine() + " in " + where);
            }
            if (!expansion.contains(g) && !similar(gen[g - 1], user[u - 1], method.words())) {
                throw new AssertionError("generated line " + g + " `" + gen[g - 1].strip() + "` is not user line " + u
                        + " `" + user[u - 1].strip() + "` in " + where);
            }
        }
        Set<Integer> targeted = new TreeSet<>(map.values());
        for (int line : method.statementLines()) {
            if (!targeted.contains(line)) {
                throw new AssertionError("no generated line maps to user line " + line + " `" + user[line - 1].strip()
                        + "` in " + where);
            }
        }
    }

    private static final Pattern CASE = Pattern.compile("^\\s*case (\\d+): \\{");
    private static final Pattern AWAIT_ON = Pattern.compile("^\\s*awaitOn\\(\\w+\\);$");
    private static final Pattern STATE = Pattern.compile("^\\s*(?:this\\.)?state = (\\d+);$");

    /** Generated lines (1-based) of the expansion of the await whose resume state is {@code state}. */
    static List<Integer> expansionLines(String[] gen, int state) {
        List<Integer> lines = new ArrayList<>();
        for (int i = 0; i < gen.length; i++) {
            Matcher c = CASE.matcher(gen[i]);
            if (c.find() && Integer.parseInt(c.group(1)) == state) {
                for (int j = 1; j <= 7; j++) {          // if (isSuspended()) { ... }
                    lines.add(i + 1 + j);
                }
            }
            Matcher s = i + 1 < gen.length ? STATE.matcher(gen[i + 1]) : null;
            if (AWAIT_ON.matcher(gen[i]).find() && s.find() && Integer.parseInt(s.group(1)) == state) {
                int first = i - 2;
                while (!gen[first].contains(" = awaitable(")) {
                    first--;
                }
                lines.add(first + 1);                   // Future<...> future = awaitable(...
                for (int j = i - 2; j <= i + 4; j++) {  // poll, if, awaitOn, state, return, }, get
                    lines.add(j + 1);
                }
            }
        }
        // 7: an await in unreachable code (a for loop's update after a body that always breaks) has
        // its resume state but no first poll.
        if (lines.size() != 15 && lines.size() != 7) {
            throw new AssertionError("expansion of state " + state + " not found: " + lines + "\n" + numbered(String.join("\n", gen)));
        }
        return lines;
    }

    /** The method {@code info} describes, parsed from {@code source}. */
    record Method(int firstLine, int lastLine, List<Integer> awaitLines, Set<Integer> statementLines, Set<String> words) {}

    /** The methods of {@code source} that have a body, by "name:line of the name". */
    static Map<String, Method> methods(String source) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        JavaFileObject file = com.google.testing.compile.JavaFileObjects.forSourceString("p.C", source);
        JavacTask task = (JavacTask) javac.getTask(null, null, null, List.of("-proc:none"), null, List.of(file));
        CompilationUnitTree unit;
        try {
            unit = task.parse().iterator().next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SourcePositions positions = Trees.instance(task).getSourcePositions();
        Map<String, Method> found = new HashMap<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethod(MethodTree m, Void unused) {
                if (m.getBody() != null && m.getReturnType() != null) {
                    String name = m.getName().toString();
                    long nameAt = source.indexOf(name, (int) positions.getEndPosition(unit, m.getReturnType()));
                    found.put(name + ":" + line(nameAt), describe(m));
                }
                return super.visitMethod(m, unused);
            }

            private int line(long position) {
                return (int) unit.getLineMap().getLineNumber(position);
            }

            private Method describe(MethodTree m) {
                List<Integer> awaits = new ArrayList<>();
                Set<Integer> statements = new TreeSet<>();
                new TreeScanner<Void, Integer>() {
                    @Override
                    public Void scan(Tree tree, Integer depth) {
                        if (tree instanceof StatementTree && !(tree instanceof BlockTree || tree instanceof TryTree
                                || tree instanceof DoWhileLoopTree || tree instanceof LabeledStatementTree
                                || tree instanceof EmptyStatementTree || tree instanceof ClassTree
                                || tree instanceof CaseTree)) {
                            statements.add(line(positions.getStartPosition(unit, tree)));
                        }
                        return super.scan(tree, depth);
                    }

                    @Override
                    public Void visitLambdaExpression(LambdaExpressionTree lambda, Integer depth) {
                        return super.visitLambdaExpression(lambda, depth + 1);
                    }

                    @Override
                    public Void visitMethodInvocation(MethodInvocationTree call, Integer depth) {
                        String callee = call.getMethodSelect().toString();
                        if (depth == 0 && (callee.equals("await") || callee.endsWith(".await"))) {
                            awaits.add(line(positions.getStartPosition(unit, call)));
                        }
                        return super.visitMethodInvocation(call, depth);
                    }
                }.scan(m.getBody(), 0);
                String text = source.substring((int) positions.getStartPosition(unit, m),
                        (int) positions.getEndPosition(unit, m));
                return new Method(line(positions.getStartPosition(unit, m)), line(positions.getEndPosition(unit, m) - 1),
                        awaits, statements, words(text));
            }
        }.scan(unit, null);
        return found;
    }

    /**
     * See the class comment: a copied line shares its tokens with the user line; a line the
     * machine wrote around copied text (a catch's variable, a lowered condition, a for-each's
     * element, constants written as values) shares at least one of the method's own words
     * (identifiers and literals) with the user line, or holds none of them.
     */
    static boolean similar(String generated, String user, Set<String> methodWords) {
        List<String> g = masked(generated);
        List<String> u = masked(user);
        int shorter = Math.min(g.size(), u.size());
        // A generated line without code (a comment in place of a class moved out) is never wrong.
        if (g.isEmpty() || u.size() > 0 && 2 * commonSubsequence(g, u) >= shorter) {
            return true;
        }
        Set<String> generatedWords = words(generated);
        if (generatedWords.removeAll(words(user))) {
            return true;
        }
        // None shared: then it holds none of the method's identifiers (case 1 /* GREEN */, "n" for NAME:
        // constants written as their values).
        generatedWords.removeIf(w -> !Character.isJavaIdentifierStart(w.charAt(0)));
        generatedWords.retainAll(methodWords);
        return generatedWords.isEmpty();
    }

    /** The identifiers and literals of {@code text}, keywords and comments left out. */
    static Set<String> words(String text) {
        Set<String> words = new TreeSet<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String t = m.group();
            if (!t.startsWith("//") && !t.startsWith("/*") && !KEYWORDS.contains(t)
                    && (Character.isJavaIdentifierPart(t.charAt(0)) || t.startsWith("\"") || t.startsWith("'"))) {
                words.add(t);
            }
        }
        return words;
    }

    private static final Pattern TOKEN = Pattern.compile(
            "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[A-Za-z_$][A-Za-z_$0-9]*|[0-9][0-9A-Za-z_.]*|//.*|/\\*.*?\\*/|\\S");
    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "new",
            "package", "private", "protected", "public", "return", "short", "static", "super", "switch",
            "synchronized", "throw", "throws", "try", "void", "volatile", "while", "yield", "var", "null", "true",
            "false");

    /** Tokens without comments; identifiers as ID; {@code this.}, qualifiers and member selections collapsed. */
    static List<String> masked(String line) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(line);
        while (m.find()) {
            String t = m.group();
            if (t.startsWith("//") || t.startsWith("/*")) {
                continue;
            }
            boolean identifier = Character.isJavaIdentifierStart(t.charAt(0)) && !KEYWORDS.contains(t);
            if (t.equals("this") && line.startsWith(".", m.end())) {
                m.find(); // this. goes: the machine writes this.x for the user's x
                continue;
            }
            if (t.equals("await") && line.startsWith("(", m.end())) {
                skipArguments(m);   // await(f) is the awaited value in the machine: one name
                tokens.add("ID");
                continue;
            }
            int last = tokens.size() - 1;
            if (identifier && last >= 1 && tokens.get(last).equals(".") && tokens.get(last - 1).equals("ID")) {
                tokens.remove(last); // a.b is one name: the machine qualifies names the user did not
                continue;
            }
            tokens.add(identifier ? "ID" : t);
        }
        return tokens;
    }

    /** Moves {@code m} past the parenthesized arguments that follow it (to the end of the line if unbalanced). */
    private static void skipArguments(Matcher m) {
        int depth = 0;
        while (m.find()) {
            depth += m.group().equals("(") ? 1 : m.group().equals(")") ? -1 : 0;
            if (depth == 0) {
                return;
            }
        }
    }

    private static int commonSubsequence(List<String> a, List<String> b) {
        int[][] best = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                best[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? best[i - 1][j - 1] + 1
                        : Math.max(best[i - 1][j], best[i][j - 1]);
            }
        }
        return best[a.size()][b.size()];
    }

    static String numbered(String text) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }
}
