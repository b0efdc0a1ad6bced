package dev.pollen.processor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random {@code @Async} methods for {@link RandomProgramsTest}: valid Java by construction, made
 * only of what the processor supports, with {@code await} nested anywhere and {@code log} side
 * effects so that evaluation order shows in the trace.
 *
 * <p>What a method may contain: int, int[] and String locals (initialized, or declared then
 * definitely assigned by the next statement), arithmetic and concatenation, {@code await(of(..))}
 * in any operand, argument, array index or element, condition, compound assignment, {@code &&},
 * {@code ||} and {@code ?:}; calls of the helpers {@code f}, {@code g} and {@code h} (another
 * machine); {@code if}/{@code else}, {@code while}, {@code do}, {@code for} and for-each loops,
 * labeled blocks and loops, {@code break} and {@code continue} with and without labels, old-style
 * and arrow {@code switch} statements on ints, {@code try}/{@code catch}/{@code finally},
 * {@code throw}, failing awaits, division by a value that may be zero, and {@code return} anywhere.
 * Also types javac infers that generated code must write: futures and lists of wildcard types,
 * {@code var} locals of captured and intersection types ({@code ?:} of mixed types) used after
 * awaits, and for-each loops that convert each element (widening, unboxing, boxing, to Object).
 * When javac is 21 or newer (it compiles the programs at its own language level): pattern
 * {@code switch} statements over a sealed hierarchy (record patterns, nested, guards that await,
 * {@code case null}, a record accessor that throws) and record patterns in {@code if} conditions;
 * on 22 or newer, {@code _} in them;
 * objects of private nested types ({@link #PRIVATE_TYPES}) made with awaited arguments and used
 * across awaits, in lists and arrays, through {@code instanceof} and casts.
 *
 * <p>Systematic forms (issue 11, section 7; the section "systematic forms" below), each
 * self-contained: primitive widening and compound-assignment narrowing, boxing and unboxing of
 * null boxes at await positions (operands, arguments, indexes, {@code ?:}, compound assignments,
 * {@code ++}), several declarators in one declaration with C-style brackets and nested array
 * initializers, {@code var}, private and package static and instance fields of {@code C} named
 * unqualified, through the class, qualified and through an object, array element order,
 * {@code instanceof} patterns in {@code &&} and {@code ||}, method references whose receiver
 * awaits, local records in switch expressions, loops whose finally block throws under a jump,
 * labeled {@code if}/{@code try}/{@code switch}, and blocks whose locals are named like the types
 * and names generated code uses ({@code Poll}, {@code Future}, {@code state}, {@code self}, ...).
 *
 * <p>Validity rules the generator keeps (javac checks them again on the synchronous twin):
 * locals are definitely assigned before use, names are never shadowed (a name is reused only by a
 * sibling scope), labels are unique in a method, a statement that cannot complete normally
 * (JLS 14.22) is always the last of its block, every {@code finally} block can complete normally
 * except those of the throwing-finally form (methods suppress {@code -Xlint:finally}, and
 * {@code lossy-conversions} for compound narrowing), no divisor is a constant ({@code -Xlint:divzero}), no
 * {@code ?:} is the argument of an overloaded method (javac finds it ambiguous when an arm awaits),
 * a guard reads only its pattern's variables (the other locals a guard reads must be effectively
 * final), and no case of a pattern switch is dominated by one before it.
 *
 * <p>Termination: every loop runs at most 4 times (a counter that only the loop's own update
 * changes, tested against a bound of at most 3, or a for-each over at most 4 elements), loops nest
 * at most {@value #MAX_LOOP_DEPTH} deep, and there is no recursion. Strings stay small: an
 * expression assigned to a string names at most one string, and {@code s += e} names none.
 *
 * <p>A program depends only on {@code (seed, index)}, so one program can be replayed alone.
 */
final class ProgramGenerator {
    /** At most this many statements in a method (a compound statement counts one). */
    static final int MAX_STATEMENTS = 25;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_LOOP_DEPTH = 2;
    private static final int MAX_EXPRESSION_DEPTH = 3;
    /** How often a simple or compound statement is one of the systematic forms (issue 11, section 7). */
    private static final double SYSTEMATIC_SIMPLE = 0.2;
    private static final double SYSTEMATIC_COMPOUND = 0.06;

    private ProgramGenerator() {}

    /** One generated method {@code static String name(int input)} and the inputs to run it with (two). */
    record Program(long seed, int index, String name, String source, int[] inputs) {}

    /**
     * Helpers the methods call, with side effects in the trace: {@code f} and {@code g} plain,
     * {@code h} an {@code @Async} method (a machine awaiting another machine) that may throw.
     */
    static final String HELPERS = """
                static int f(int a, int b) {
                    log("f(" + a + "," + b + ")");
                    return a * 3 + b;
                }

                static String g(String s, int n) {
                    log("g(" + s + "," + n + ")");
                    return s + n;
                }

                @Async
                static int h(int a) {
                    log("h(" + a + ")");
                    if ((a & 7) == 5) {
                        throw new IllegalStateException("h" + a);
                    }
                    return await(of(a)) * 2 + 1;
                }
            """;

    /**
     * Whether the running javac, which compiles the programs at its own language level, has
     * pattern matching for switch and record patterns (Java 21), and unnamed variables (Java 22).
     * On older JDKs the generator draws exactly what it drew before these forms existed.
     */
    private static final boolean PATTERNS = Runtime.version().feature() >= 21;
    private static final boolean UNNAMED = Runtime.version().feature() >= 22;

    /**
     * The types that pattern switches and record patterns match (Java 21+): {@code shape(k)}
     * makes each of them, a pair with a null part, or null; {@code Bad}'s accessor throws for a
     * negative value (a record pattern then throws MatchException).
     */
    static final String PATTERN_HELPERS = """
                sealed interface Shape permits Dot, Pair, Name, Bad {}
                record Dot(int v) implements Shape {}
                record Pair(Shape left, int right) implements Shape {}
                record Name(String s) implements Shape {}
                record Bad(int v) implements Shape {
                    public int v() {
                        if (v < 0) {
                            throw new IllegalStateException("bad " + v);
                        }
                        return v;
                    }
                }

                static Shape shape(int k) {
                    log("shape(" + k + ")");
                    return switch (k % 5) {
                        case 0 -> new Dot(k);
                        case 1, -1 -> new Pair((k & 4) == 0 ? new Name("p" + k) : new Dot(k + 1), k);
                        case 2, -2 -> new Name("n" + k);
                        case 3, -3 -> new Bad(k);
                        default -> k > 6 ? null : new Pair(null, k);
                    };
                }
            """;

    /**
     * Private nested types next to the methods, as ported suites have them ({@link
     * MethodGenerator#privateTypes}): the machines write them as their projections and reach their
     * members and class objects through handles.
     */
    static final String PRIVATE_TYPES = """

                private static final class Cell implements java.util.function.IntSupplier {
                    private int value;
                    final String tag;

                    Cell(int value, String tag) {
                        log("Cell(" + value + ")");
                        this.value = value;
                        this.tag = tag;
                    }

                    int bump(int by) {
                        value += by;
                        return value;
                    }

                    public int getAsInt() {
                        return value;
                    }

                    @Override
                    public String toString() {
                        return tag + ":" + value;
                    }
                }

                private record Duo(int left, String right) implements Runnable {
                    int sum() {
                        return left + right.length();
                    }

                    public void run() {
                        log("run " + left);
                    }
                }

                private enum Tone { LOW, MID, HIGH }

                static int asInt(java.util.function.IntSupplier supplier) {
                    return supplier.getAsInt();
                }
            """;

    /** The body for {@link Programs#compileBoth}: class {@code C} with the helpers and the methods. */
    static String classBody(List<Program> programs) {
        StringBuilder out = new StringBuilder("class C {\n").append(HELPERS).append(PRIVATE_TYPES);
        if (PATTERNS) {
            out.append('\n').append(PATTERN_HELPERS);
        }
        for (Program program : programs) {
            out.append('\n').append(program.source());
        }
        return out.append("}\n").toString();
    }

    static Program generate(long seed, int index) {
        Random rnd = new Random(seed * 0x9E3779B97F4A7C15L + index);
        String name = "m" + index;
        String source = new MethodGenerator(rnd).method(name);
        int[] inputs = {0, List.of(1, 2, 3, 5, -1, -2).get(rnd.nextInt(6))};
        return new Program(seed, index, name, source, inputs);
    }

    private enum Type { INT, STRING, ARRAY, EXCEPTION }

    /** A local of the generated method. */
    private record Var(String name, Type type, boolean assignable) {}

    /** Names in Java's scope ({@code names}) and those the generator may use ({@code vars}). */
    private static final class Scope {
        final List<Var> vars = new ArrayList<>();
        final List<String> names = new ArrayList<>();
    }

    private enum FrameKind { LOOP, SWITCH, BLOCK }

    /** A statement that {@code break} or {@code continue} may target, and whether one did. */
    private static final class Frame {
        final FrameKind kind;
        final String label;
        boolean breakUsed;
        boolean continueUsed;

        Frame(FrameKind kind, String label) {
            this.kind = kind;
            this.label = label;
        }
    }

    /** Generated statements: text (lines ending in newlines) and whether they can complete normally. */
    private record Stmt(String text, boolean completes) {}

    private static final class MethodGenerator {
        private final Random rnd;
        private final Deque<Scope> scopes = new ArrayDeque<>();
        private final Set<String> taken = new HashSet<>();
        private final Deque<Frame> frames = new ArrayDeque<>();
        /** The method's {@code final int} constant variables (JLS 4.12.4), by value (1 to 4). */
        private final java.util.Map<Integer, String> constants = new java.util.TreeMap<>();
        private int budget;
        private int depth;
        private int loopDepth;
        private int labels;
        private int marks;
        private int classes;
        /** How many string variables the expression being generated may still name. */
        private int stringRefs;
        /** How many awaits the text written so far has (the generator writes in source order). */
        private int awaits;
        /** Whether the last {@link #intExpr} made a {@code ?:} (a poly expression when an arm awaits). */
        private boolean lastIntWasConditional;
        private boolean makingConditional;

        MethodGenerator(Random rnd) {
            this.rnd = rnd;
        }

        String method(String name) {
            methodName = name;
            budget = 8 + rnd.nextInt(MAX_STATEMENTS - 7);
            openScope();
            taken.add("input");
            scopes.peek().vars.add(new Var("input", Type.INT, true));
            // Every program awaits at least once (an @Async method that never awaits is a warning).
            StringBuilder body = new StringBuilder("log(\"start\", " + awaitOf("input") + ");\n");
            for (int n = chance(0.3) ? 1 + rnd.nextInt(2) : 0; n > 0; n--) {
                int value = 1 + rnd.nextInt(4);
                if (!constants.containsKey(value)) {
                    String constant = declare("K", Type.INT, false);
                    constants.put(value, constant);
                    body.append("final int ").append(constant).append(" = ").append(value).append(";\n");
                }
            }
            boolean completes = true;
            while (budget > 0 && completes) {
                Stmt s = budget == 1 && chance(0.3) ? exit() : statement();
                body.append(s.text());
                completes = s.completes();
            }
            if (completes) {
                body.append(finalReturn());
            }
            closeScope();
            return members + "    @Async\n"
                    + "    @SuppressWarnings({\"fallthrough\", \"finally\", \"lossy-conversions\"})\n"
                    + "    static String " + name + "(int input) {\n"
                    + indent(indent(body.toString()))
                    + "    }\n";
        }

        private String finalReturn() {
            StringBuilder out = new StringBuilder("return \"end\"");
            for (Var v : scopes.peek().vars) {
                out.append(" + \",").append(v.name()).append("=\" + ");
                out.append(v.type() == Type.ARRAY ? "java.util.Arrays.toString(" + v.name() + ")" : v.name());
            }
            return out.append(";\n").toString();
        }

        // ---------------------------------------------------------------- statements

        private Stmt statement() {
            budget--;
            boolean canNest = depth < MAX_DEPTH && budget > 0;
            if (canNest && chance(SYSTEMATIC_COMPOUND)) {
                return systematicStatement();
            }
            int roll = rnd.nextInt(100);
            if (!canNest || roll < 42) {
                return new Stmt(simple(), true);
            }
            if (roll < 54) {
                return ifStatement();
            }
            if (roll < 67) {
                return loopDepth < MAX_LOOP_DEPTH ? loop() : ifStatement();
            }
            if (roll < 76) {
                if (PATTERNS && chance(0.35)) {
                    return chance(0.7) ? patternSwitch() : recordInstanceof();
                }
                return chance(0.5) ? oldSwitch() : arrowSwitch();
            }
            if (roll < 88) {
                return tryStatement();
            }
            if (roll < 92) {
                return labeledBlock();
            }
            return guardedExit();
        }

        /** A block's statements, 1 to 3 of them (fewer when the budget runs out). */
        private Stmt statements(boolean mayEndAbruptly) {
            int n = 1 + rnd.nextInt(3);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < n && budget > 0; i++) {
                boolean last = i == n - 1;
                Stmt s = last && mayEndAbruptly && chance(0.25) ? exit() : statement();
                out.append(s.text());
                if (!s.completes()) {
                    return new Stmt(out.toString(), false);
                }
            }
            return new Stmt(out.toString(), true);
        }

        /** {@code { statements }} in a new scope, one level deeper; the text has no final newline. */
        private Stmt block(boolean mayEndAbruptly, String prefix) {
            depth++;
            openScope();
            Stmt inner = statements(mayEndAbruptly);
            closeScope();
            depth--;
            return new Stmt("{\n" + indent(prefix + inner.text()) + "}", inner.completes());
        }

        private String simple() {
            if (chance(0.04)) {
                return privateTypes();
            }
            stringRefs = 1;
            if (chance(0.05)) {
                return inferredTypes();
            }
            if (chance(SYSTEMATIC_SIMPLE)) {
                return systematicSimple();
            }
            int roll = rnd.nextInt(100);
            if (roll < 13) {
                String e = intExpr(MAX_EXPRESSION_DEPTH);
                return "int " + declare("v", Type.INT, true) + " = " + e + ";\n";
            }
            if (roll < 16) { // two declarators; the second initializer may name the first local
                String first = intExpr(2);
                String a = declare("v", Type.INT, true);
                String second = intExpr(2);
                String b = declare("v", Type.INT, true);
                return "int " + a + " = " + first + ", " + b + " = " + second + ";\n";
            }
            if (roll < 25) {
                String e = stringExpr(MAX_EXPRESSION_DEPTH);
                return "String " + declare("s", Type.STRING, true) + " = " + e + ";\n";
            }
            if (roll < 29) {
                String init = switch (rnd.nextInt(4)) {
                    case 0 -> "new int[4]";
                    case 1 -> "new int[] " + arrayElements();
                    default -> arrayElements();
                };
                return "int[] " + declare("a", Type.ARRAY, true) + " = " + init + ";\n";
            }
            if (roll < 33) {
                return deferredDeclaration();
            }
            if (roll < 48) {
                return switch (rnd.nextInt(7)) {
                    case 0 -> pick(Type.INT, true).name() + "++;\n";
                    case 1 -> "--" + pick(Type.INT, true).name() + ";\n";
                    case 2 -> assignmentStatement(Type.INT, " += ", MAX_EXPRESSION_DEPTH);
                    case 3 -> assignmentStatement(Type.INT, " -= ", MAX_EXPRESSION_DEPTH);
                    case 4 -> assignmentStatement(Type.INT, " *= ", 2);
                    default -> assignmentStatement(Type.INT, " = ", MAX_EXPRESSION_DEPTH);
                };
            }
            if (roll < 56 && pick(Type.STRING, true) != null) {
                boolean append = chance(0.5);
                stringRefs = append ? 0 : 1;
                return assignmentStatement(Type.STRING, append ? " += " : " = ", MAX_EXPRESSION_DEPTH);
            }
            if (roll < 62) {
                Var a = pick(Type.ARRAY, true);
                if (a != null) {
                    return switch (rnd.nextInt(4)) {
                        case 0 -> a.name() + "[" + rnd.nextInt(4) + "]++;\n";
                        case 1 -> a.name() + index() + " += " + intExpr(2) + ";\n";
                        case 2 -> {
                            String elements = arrayElements();
                            Var target = pick(Type.ARRAY, true);
                            yield target != null ? target.name() + " = new int[] " + elements + ";\n"
                                    : "await(of(new int[] " + elements + "));\n";
                        }
                        default -> a.name() + index() + " = " + intExpr(2) + ";\n";
                    };
                }
            }
            if (roll < 72) {
                return switch (rnd.nextInt(4)) {
                    case 0 -> "log(\"" + mark() + "\");\n";
                    case 1 -> "log(\"" + mark() + "\", " + stringExpr(MAX_EXPRESSION_DEPTH) + ");\n";
                    case 2 -> "log(\"" + mark() + "\", " + boolExpr(2) + ");\n";
                    default -> "log(\"" + mark() + "\", " + intArgument(MAX_EXPRESSION_DEPTH) + ");\n";
                };
            }
            if (roll < 84) {
                return awaitOf(anyExpr(MAX_EXPRESSION_DEPTH)) + ";\n";
            }
            if (roll < 86) {
                return localClass();
            }
            if (roll < 90) {
                return chance(0.5)
                        ? "f(" + intExpr(2) + ", " + intExpr(2) + ");\n"
                        : "g(" + stringExpr(2) + ", " + intExpr(2) + ");\n";
            }
            // (each part is generated in source order, which the await count relies on)
            if (chance(0.3)) {
                String failing = awaitFailing();
                return "int " + declare("v", Type.INT, true) + " = " + failing + ";\n";
            }
            if (depth == 0 || chance(0.5)) {
                String cond = boolExpr(2);
                return "if (" + cond + ") {\n" + indent(awaitFailing() + ";\n") + "}\n";
            }
            return awaitFailing() + ";\n";
        }

        /**
         * A local class that captures a final local (or a local record), an instance made before an
         * await that follows it in its block and used after, and another made after: the class
         * becomes a member of the machine and must keep each instance's captured value.
         * (Class names are unique in the program: two of one name would be an error.)
         */
        private String localClass() {
            String init = intExpr(2);
            String captured = declare("c", Type.INT, false);
            String name = "Local" + classes++;
            String object = reserve("obj");
            boolean record = chance(0.3);
            StringBuilder out = new StringBuilder("final int " + captured + " = " + init + ";\n");
            if (record) {
                out.append("record ").append(name).append("(int n) {\n    int next() {\n        return n * 2 + 1;\n    }\n}\n");
                out.append(name).append(" ").append(object).append(" = new ").append(name).append("(")
                        .append(captured).append(");\n");
            } else {
                out.append("class ").append(name).append(" {\n    int n = ").append(captured)
                        .append(";\n\n    int next() {\n        n += ").append(captured)
                        .append(" + 1;\n        return n;\n    }\n}\n");
                out.append(name).append(" ").append(object).append(" = new ").append(name).append("();\n");
            }
            out.append("log(\"").append(mark()).append("\", ").append(object).append(".next());\n");
            out.append("log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1))).append(");\n");
            String again = record ? "new " + name + "(" + captured + " + 1)" : "new " + name + "()";
            out.append("log(\"").append(mark()).append("\", ").append(object).append(".next() + ")
                    .append(again).append(".next());\n");
            return out.toString();
        }

        /**
         * Objects of the private types of {@link #PRIVATE_TYPES}: a class and a record made with
         * awaited arguments and used after later awaits, in a list or an array, through
         * {@code instanceof} and casts, or with a private field updated across an await. Their
         * locals are not given to the other forms (which know ints, strings and arrays only).
         */
        private String privateTypes() {
            stringRefs = 1;
            String value = awaitOf(intExpr(1));
            String cell = reserve("cell");
            StringBuilder out = new StringBuilder("Cell " + cell + " = new Cell(" + value + ", \"" + mark() + "\");\n");
            String left = intExpr(1);
            stringRefs = 1;
            String right = stringExpr(1);
            String pair = reserve("pair");
            out.append("Duo ").append(pair).append(" = new Duo(").append(left).append(", ").append(right).append(");\n");
            switch (rnd.nextInt(7)) {
                case 6 -> out.append(privateEnumSwitches());
                case 4 -> out.append(privatePatterns(cell, pair));
                case 5 -> out.append(privateAsInterfaces(cell, pair));
                case 0 -> {
                    String second = awaitOf(intExpr(1));
                    String list = reserve("cells");
                    out.append("java.util.List<Cell> ").append(list).append(" = new java.util.ArrayList<>();\n")
                            .append(list).append(".add(").append(cell).append(");\n")
                            .append(list).append(".add(new Cell(").append(second).append(", ").append(pair)
                            .append(".right()));\n");
                    String by = awaitOf(intExpr(1));
                    out.append("log(\"").append(mark()).append("\", ").append(list).append(" + \"/\" + ").append(list)
                            .append(".get(1).bump(").append(by).append("));\n");
                }
                case 1 -> {
                    String array = reserve("cells");
                    if (chance(0.5)) {
                        String second = awaitOf(intExpr(1));
                        out.append("Cell[] ").append(array).append(" = {").append(cell).append(", new Cell(")
                                .append(second).append(", \"").append(mark()).append("\")};\n");
                    } else {
                        String i = awaitOf(intExpr(1));
                        out.append("Cell[] ").append(array).append(" = new Cell[2];\n").append(array)
                                .append("[(").append(i).append(") & 1] = ").append(cell).append(";\n");
                    }
                    String by = awaitOf(intExpr(1));
                    out.append(cell).append(".bump(").append(by).append(");\n");
                    out.append("log(\"").append(mark()).append("\", java.util.Arrays.toString(").append(array)
                            .append(") + ").append(array).append(".getClass().getSimpleName());\n");
                }
                case 2 -> {
                    String test = boolExpr(1);
                    String object = reserve("object");
                    out.append("Object ").append(object).append(" = ")
                            .append(awaitOf(test + " ? (Object) " + cell + " : " + pair)).append(";\n");
                    String mark = mark();
                    out.append("log(\"").append(mark).append("\", \"\" + (").append(object).append(" instanceof Cell ? ((Cell) ")
                            .append(object).append(").value : ((Duo) ").append(object).append(").sum()) + (")
                            .append(object).append(" instanceof Duo));\n");
                }
                default -> {
                    String more = awaitOf(intExpr(1));
                    out.append(cell).append(".value += ").append(more).append(";\n");
                    String by = awaitOf(intExpr(1));
                    out.append("log(\"").append(mark()).append("\", ").append(cell).append(".bump(").append(by)
                            .append(") + ").append(pair).append(".sum());\n");
                }
            }
            out.append("log(\"").append(mark()).append("\", ").append(cell).append(" + \"/\" + ").append(pair)
                    .append(");\n");
            return out.toString();
        }

        /**
         * Pattern variables of the private types ({@code o instanceof Cell c}), in an {@code &&}
         * chain and by a negated test's flow scoping, read after awaits.
         */
        private String privatePatterns(String cell, String pair) {
            String object = reserve("object");
            String matched = reserve("matched");
            String other = reserve("matched");
            String test = boolExpr(1);
            StringBuilder out = new StringBuilder("Object " + object + " = " + awaitOf(test + " ? (Object) " + cell + " : " + pair)
                    + ";\n");
            out.append("if (").append(object).append(" instanceof Cell ").append(matched).append(" && ").append(matched)
                    .append(".value >= ").append(intExpr(1)).append(") {\n");
            out.append("    log(\"").append(mark()).append("\", ").append(matched).append(".bump(")
                    .append(awaitOf(intExpr(1))).append("));\n");
            out.append("} else if (!(").append(object).append(" instanceof Duo ").append(other).append(")) {\n");
            out.append("    log(\"").append(mark()).append("\", \"not a duo\");\n");
            out.append("} else {\n");
            out.append("    log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1))).append(" + ").append(other)
                    .append(".right() + ").append(other).append(".sum());\n");
            out.append("}\n");
            return out.toString();
        }

        /** Switches over a private enum (the machine's on ordinals), statement and expression, with awaits. */
        private String privateEnumSwitches() {
            String tone = reserve("tone");
            StringBuilder out = new StringBuilder("Tone " + tone + " = Tone.values()[Math.floorMod("
                    + awaitOf(intExpr(1)) + ", 3)];\n");
            out.append("switch (").append(tone).append(") {\n")
                    .append("    case LOW:\n        log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1)))
                    .append(");\n        break;\n")
                    .append("    case HIGH:\n        log(\"").append(mark()).append("\", ").append(tone).append(");\n")
                    .append("        break;\n")
                    .append("    default:\n        log(\"").append(mark()).append("\", \"mid\");\n}\n");
            String value = reserve("toned");
            out.append("int ").append(value).append(" = switch (").append(tone).append(") {\n")
                    .append("    case LOW -> ").append(intExpr(1)).append(";\n")
                    .append("    case MID, HIGH -> ").append(chance(0.5) ? awaitOf(intExpr(1)) : intExpr(1)).append(";\n")
                    .append("};\n");
            out.append("log(\"").append(mark()).append("\", ").append(value).append(");\n");
            return out.toString();
        }

        /** Values of the private types used as the interfaces they implement, kept across awaits. */
        private String privateAsInterfaces(String cell, String pair) {
            String supplier = reserve("supplier");
            String made = chance(0.5) ? cell : "new Cell(" + awaitOf(intExpr(1)) + ", \"" + mark() + "\")";
            StringBuilder out = new StringBuilder("java.util.function.IntSupplier " + supplier + " = " + made + ";\n");
            String runnable = reserve("runnable");
            out.append("Runnable ").append(runnable).append(" = ").append(pair).append(";\n");
            out.append(cell).append(".bump(").append(awaitOf(intExpr(1))).append(");\n");
            out.append(runnable).append(".run();\n").append(pair).append(".run();\n");
            out.append("log(\"").append(mark()).append("\", ").append(supplier).append(".getAsInt() + asInt(").append(cell)
                    .append(") + ").append(cell).append(".getAsInt());\n");
            return out.toString();
        }

        /** {@code target op value;}. */
        private String assignmentStatement(Type type, String op, int d) {
            String value = type == Type.INT ? intExpr(d) : stringExpr(d);
            Var target = pick(type, true);
            if (target == null) {
                return "log(\"" + mark() + "\", " + value + ");\n";
            }
            return target.name() + op + value + ";\n";
        }

        /** {@code int v;} then a statement that definitely assigns it: {@code =}, if-else, ?: or switch. */
        private String deferredDeclaration() {
            Type type = chance(0.7) ? Type.INT : Type.STRING;
            String name = reserve(type == Type.INT ? "v" : "s");
            StringBuilder out = new StringBuilder(type == Type.INT ? "int " : "String ").append(name).append(";\n");
            switch (rnd.nextInt(4)) {
                case 0 -> out.append(name).append(" = ").append(value(type)).append(";\n");
                case 1 -> {
                    String cond = boolExpr(2);
                    String then = value(type);
                    String otherwise = value(type);
                    out.append("if (").append(cond).append(") {\n    ").append(name).append(" = ").append(then)
                            .append(";\n} else {\n    ").append(name).append(" = ").append(otherwise).append(";\n}\n");
                }
                case 2 -> {
                    String cond = boolExpr(2);
                    String then = value(type);
                    String otherwise = value(type);
                    out.append(name).append(" = ").append(cond).append(" ? ").append(then).append(" : ")
                            .append(otherwise).append(";\n");
                }
                default -> {
                    String selector = selector();
                    String first = value(type);
                    String second = value(type);
                    out.append("switch (").append(selector).append(") {\n    case ").append(caseLabel(rnd.nextInt(4)))
                            .append(" -> ").append(name).append(" = ").append(first).append(";\n    default -> ")
                            .append(name).append(" = ").append(second).append(";\n}\n");
                }
            }
            scopes.peek().vars.add(new Var(name, type, true));
            return out.toString();
        }

        private String value(Type type) {
            stringRefs = 1;
            return type == Type.INT ? intExpr(2) : stringExpr(2);
        }

        private Stmt ifStatement() {
            String cond = chance(0.08) ? constant(chance(0.5)) : boolExpr(2);
            Stmt then = block(true, "");
            if (chance(0.4) || budget <= 0) {
                return new Stmt("if (" + cond + ") " + then.text() + "\n", true);
            }
            if (chance(0.3) && depth < MAX_DEPTH) {
                budget--;
                depth++;
                Stmt elseIf = ifStatement();
                depth--;
                return new Stmt("if (" + cond + ") " + then.text() + " else " + elseIf.text(),
                        then.completes() || elseIf.completes());
            }
            Stmt otherwise = block(true, "");
            return new Stmt("if (" + cond + ") " + then.text() + " else " + otherwise.text() + "\n",
                    then.completes() || otherwise.completes());
        }

        private Stmt guardedExit() {
            String cond = boolExpr(2);
            depth++;
            Stmt exit = exit();
            depth--;
            if (chance(0.4)) {
                return new Stmt("if (" + cond + ") " + exit.text(), true);
            }
            return new Stmt("if (" + cond + ") {\n" + indent(exit.text()) + "}\n", true);
        }

        private Stmt labeledBlock() {
            String label = label();
            Frame frame = push(FrameKind.BLOCK, label);
            Stmt body = block(true, "");
            frames.pop();
            return new Stmt(label + ": " + body.text() + "\n", body.completes() || frame.breakUsed);
        }

        private Stmt loop() {
            String label = chance(0.4) ? label() + ": " : "";
            loopDepth++;
            if (chance(0.12)) {
                Stmt converting = conversionForEach(label);
                loopDepth--;
                return converting;
            }
            Stmt result;
            switch (rnd.nextInt(7)) {
                case 0 -> { // while: the counter moves first, so that continue cannot skip it
                    String value = chance(0.3) ? awaitOf("0") : "0";
                    String counter = declare("i", Type.INT, false);
                    String init = "int " + counter + " = " + value + ";\n";
                    String cond = counter + " < " + bound() + extraCondition();
                    push(FrameKind.LOOP, labelName(label));
                    Stmt body = block(true, counter + "++;\n");
                    frames.pop();
                    result = new Stmt(init + label + "while (" + cond + ") " + body.text() + "\n", true);
                }
                case 1 -> { // do
                    String counter = declare("i", Type.INT, false);
                    String init = "int " + counter + " = 0;\n";
                    Frame frame = push(FrameKind.LOOP, labelName(label));
                    Stmt body = block(true, counter + (chance(0.3) ? " += " + awaitOf("1") + ";\n" : "++;\n"));
                    frames.pop();
                    String cond = counter + " < " + bound() + extraCondition();
                    result = new Stmt(init + label + "do " + body.text() + " while (" + cond + ");\n",
                            body.completes() || frame.continueUsed || frame.breakUsed);
                }
                case 2 -> { // for
                    openScope();
                    String init = chance(0.3) ? awaitOf("0") : chance(0.2) ? "log(\"" + mark() + "\", 0)" : "0";
                    String counter = declare("i", Type.INT, false);
                    String cond = counter + " < " + bound() + extraCondition();
                    String update = switch (rnd.nextInt(4)) {
                        case 0 -> counter + " += " + awaitOf("1");
                        case 1 -> counter + "++, log(\"" + mark() + "\", " + counter + ")";
                        case 2 -> counter + " = " + counter + " + log(\"" + mark() + "\", 1)";
                        default -> counter + "++";
                    };
                    push(FrameKind.LOOP, labelName(label));
                    Stmt body = block(true, "");
                    frames.pop();
                    closeScope();
                    result = new Stmt(label + "for (int " + counter + " = " + init + "; " + cond + "; " + update + ") "
                            + body.text() + "\n", true);
                }
                case 3 -> { // a constant true condition (JLS 14.22): only the guard ends the loop
                    String always = constant(true);
                    String guardExit;
                    Frame frame;
                    if (chance(0.5)) {
                        String counter = declare("i", Type.INT, false);
                        String init = "int " + counter + " = 0;\n";
                        frame = push(FrameKind.LOOP, labelName(label));
                        String test = counter + "++;\nif (" + counter + " > " + bound() + ") ";
                        guardExit = loopGuardExit(frame);
                        Stmt body = block(true, test + guardExit);
                        frames.pop();
                        result = new Stmt(init + label + "while (" + always + ") " + body.text() + "\n", frame.breakUsed);
                    } else {
                        openScope();
                        String counter = declare("i", Type.INT, false);
                        frame = push(FrameKind.LOOP, labelName(label));
                        String test = "if (" + counter + " >= " + bound() + ") ";
                        guardExit = loopGuardExit(frame);
                        Stmt body = block(true, test + guardExit);
                        frames.pop();
                        closeScope();
                        result = new Stmt(label + "for (int " + counter + " = 0; " + (chance(0.5) ? always : "") + "; "
                                + counter + "++) " + body.text() + "\n", frame.breakUsed);
                    }
                }
                case 4 -> { // do ... while (false): once
                    Frame frame = push(FrameKind.LOOP, labelName(label));
                    Stmt body = block(true, "");
                    frames.pop();
                    result = new Stmt(label + "do " + body.text() + " while (" + constant(false) + ");\n",
                            body.completes() || frame.continueUsed || frame.breakUsed);
                }
                default -> { // for-each over an array or a list
                    Var array = pick(Type.ARRAY, false);
                    String header;
                    stringRefs = 1;
                    openScope();
                    if (chance(0.35)) {
                        String items = "java.util.List.of(" + stringExpr(2) + ", " + stringExpr(1) + ")";
                        header = "for (String " + declare("s", Type.STRING, true) + " : " + items + ")";
                    } else {
                        String items = array != null && chance(0.5) ? array.name()
                                : chance(0.3) ? awaitOf("new int[] " + arrayElements())
                                : "new int[] {" + intExpr(2) + ", " + intExpr(1) + "}";
                        header = "for (int " + declare("x", Type.INT, true) + " : " + items + ")";
                    }
                    push(FrameKind.LOOP, labelName(label));
                    Stmt body = block(true, "");
                    frames.pop();
                    closeScope();
                    result = new Stmt(label + header + " " + body.text() + "\n", true);
                }
            }
            loopDepth--;
            return result;
        }

        /** What ends a loop with a constant condition: mostly {@code break}, else return or throw. */
        private String loopGuardExit(Frame loop) {
            if (chance(0.75)) {
                loop.breakUsed = true;
                return "{\n    break;\n}\n";
            }
            stringRefs = 1;
            return chance(0.5) ? "return \"" + mark() + ":\" + " + stringExpr(1) + ";\n" : throwStatement();
        }

        /** A constant expression (JLS 15.29) of this value, which javac's reachability analysis evaluates. */
        private String constant(boolean value) {
            if (!constants.isEmpty() && chance(0.3)) {
                var k = constants.entrySet().iterator().next();
                return "(" + k.getValue() + (value ? " > " : " < ") + "0)";
            }
            List<String> forms = value ? List.of("true", "(1 < 2)", "!false", "(2 * 3 == 6)") : List.of("false", "(1 > 2)", "!true");
            return forms.get(rnd.nextInt(forms.size()));
        }

        private String bound() {
            int n = 1 + rnd.nextInt(3);
            return chance(0.25) ? awaitOf(String.valueOf(n)) : String.valueOf(n);
        }

        private String extraCondition() {
            return chance(0.3) ? " && " + boolExpr(1) : "";
        }

        private Stmt oldSwitch() {
            String label = chance(0.2) ? label() : null;
            String selector = selector();
            Frame frame = push(FrameKind.SWITCH, label);
            List<Integer> values = caseValues();
            int groups = 1 + rnd.nextInt(Math.min(3, values.size()));
            int defaultGroup = chance(0.6) ? rnd.nextInt(groups) : -1;
            StringBuilder out = new StringBuilder();
            openScope();
            Scope switchBlock = scopes.peek();
            boolean lastCompletes = true;
            int next = 0;
            depth++;
            for (int g = 0; g < groups; g++) {
                int room = values.size() - next - (groups - g - 1); // leave one value for each later group
                int labelsInGroup = 1 + rnd.nextInt(Math.min(2, room));
                for (int k = 0; k < labelsInGroup; k++) {
                    out.append("case ").append(caseLabel(values.get(next++))).append(":\n");
                }
                if (g == defaultGroup) {
                    out.append("default:\n");
                }
                openScope();
                Stmt body = statements(true);
                StringBuilder text = new StringBuilder(body.text());
                boolean completes = body.completes();
                if (completes && chance(0.55)) {
                    text.append("break;\n");
                    frame.breakUsed = true;
                    completes = false;
                }
                Scope group = scopes.pop();
                switchBlock.names.addAll(group.names); // still in Java's scope, no longer initialized
                out.append(indent(text.toString()));
                lastCompletes = text.length() == 0 || completes;
            }
            depth--;
            closeScope();
            frames.pop();
            String head = (label == null ? "" : label + ": ") + "switch (" + selector + ") {\n";
            return new Stmt(head + indent(out.toString()) + "}\n",
                    defaultGroup < 0 || lastCompletes || frame.breakUsed);
        }

        private Stmt arrowSwitch() {
            String label = chance(0.2) ? label() : null;
            String selector = selector();
            Frame frame = push(FrameKind.SWITCH, label);
            List<Integer> values = caseValues();
            int rules = 1 + rnd.nextInt(Math.min(3, values.size()));
            boolean hasDefault = chance(0.6);
            boolean anyCompletes = false;
            StringBuilder out = new StringBuilder();
            int next = 0;
            for (int r = 0; r < rules + (hasDefault ? 1 : 0); r++) {
                String head;
                if (r == rules) {
                    head = "default -> ";
                } else {
                    int n = r == rules - 1 ? 1 : 1 + rnd.nextInt(Math.max(1, Math.min(2, values.size() - next - (rules - r - 1))));
                    List<String> labelsHere = new ArrayList<>();
                    for (int k = 0; k < n; k++) {
                        labelsHere.add(caseLabel(values.get(next++)));
                    }
                    head = "case " + String.join(", ", labelsHere) + " -> ";
                }
                int kind = rnd.nextInt(10);
                if (kind < 3) {
                    stringRefs = 1;
                    String stmt = simpleExpressionStatement();
                    out.append(head).append(stmt);
                    anyCompletes = true;
                } else if (kind < 4) {
                    out.append(head).append(throwStatement());
                } else {
                    budget--;
                    Stmt body = block(true, "");
                    out.append(head).append(body.text()).append('\n');
                    anyCompletes |= body.completes();
                }
            }
            frames.pop();
            String head = (label == null ? "" : label + ": ") + "switch (" + selector + ") {\n";
            return new Stmt(head + indent(out.toString()) + "}\n", !hasDefault || anyCompletes || frame.breakUsed);
        }

        /**
         * A pattern switch statement (Java 21) over {@code shape(k)}: for each record of the
         * sealed {@code Shape}, record patterns with or without guards (which may await and read
         * the pattern's variables), then a type pattern for the rest of it, unless a final
         * {@code default} takes them; {@code case null} sometimes; {@code _} on Java 22+.
         */
        private Stmt patternSwitch() {
            String label = chance(0.2) ? label() : null;
            stringRefs = 1;
            String subject = "shape(" + intExpr(1) + ")";
            String selector = chance(0.4) ? awaitOf(subject) : subject;
            Frame frame = push(FrameKind.SWITCH, label);
            boolean hasDefault = chance(0.3);
            boolean nullCase = chance(0.4);
            boolean nullWithDefault = nullCase && hasDefault && chance(0.5);
            StringBuilder out = new StringBuilder();
            boolean anyCompletes = false;
            if (nullCase && !nullWithDefault) {
                anyCompletes |= patternRule(out, "case null", null);
            }
            List<String> types = new ArrayList<>(List.of("Dot", "Pair", "Name", "Bad"));
            java.util.Collections.shuffle(types, rnd);
            for (String type : types) {
                for (int n = rnd.nextInt(3); n > 0; n--) {
                    anyCompletes |= recordRule(out, type, n > 1 || chance(0.5));
                }
                if (!hasDefault || chance(0.5)) {
                    String name = UNNAMED && chance(0.3) ? "_" : reserve("t");
                    anyCompletes |= patternRule(out, "case " + type + " " + name, null);
                }
            }
            if (hasDefault) {
                anyCompletes |= patternRule(out, nullWithDefault ? "case null, default" : "default", null);
            }
            frames.pop();
            String head = (label == null ? "" : label + ": ") + "switch (" + selector + ") {\n";
            // An enhanced switch is exhaustive: it completes only through a rule that does, or a break.
            return new Stmt(head + indent(out.toString()) + "}\n", anyCompletes || frame.breakUsed);
        }

        /** A rule with a record pattern of {@code type}, guarded or not; whether it can complete normally. */
        private boolean recordRule(StringBuilder out, String type, boolean guarded) {
            openScope();
            String pattern = recordPattern(type, 0);
            String guard = null;
            if (guarded) {
                // A guard reads only the pattern's variables: Java's other locals there must be effectively final.
                Var v = patternVariable(Type.INT);
                Var s = patternVariable(Type.STRING);
                guard = s != null && chance(0.5)
                        ? s.name() + ".length() " + comparison() + " " + awaitOf(String.valueOf(rnd.nextInt(4)))
                        : v != null
                                ? "log(\"" + mark() + "\", " + v.name() + " " + comparison() + " "
                                        + (chance(0.5) ? awaitOf(String.valueOf(rnd.nextInt(7) - 3)) : rnd.nextInt(7) - 3) + ")"
                                : "log(\"" + mark() + "\", " + awaitOf(String.valueOf(rnd.nextInt(2))) + " == 1)";
            }
            boolean completes = patternRule(out, "case " + pattern, guard);
            closeScope();
            return completes;
        }

        /**
         * A record pattern of {@code type} whose variables it declares in the innermost scope
         * (readable in the guard and the body); nested up to one level, {@code _} on Java 22+.
         */
        private String recordPattern(String type, int nesting) {
            return switch (type) {
                case "Dot", "Bad" -> type + "(" + component("int", Type.INT) + ")";
                case "Name" -> "Name(" + component(chance(0.5) ? "String" : "var", Type.STRING) + ")";
                default -> {
                    String left = nesting == 0 && chance(0.6)
                            ? recordPattern(List.of("Dot", "Name", "Bad").get(rnd.nextInt(3)), nesting + 1)
                            : UNNAMED && chance(0.3) ? "_" : "Shape " + reserve("t");
                    yield "Pair(" + left + ", " + component(chance(0.5) ? "int" : "var", Type.INT) + ")";
                }
            };
        }

        /** One of the variables of type {@code type} that the pattern being generated declares, or null. */
        private Var patternVariable(Type type) {
            List<Var> own = scopes.peek().vars.stream().filter(v -> v.type() == type).toList();
            return own.isEmpty() ? null : own.get(rnd.nextInt(own.size()));
        }

        /** A record component's pattern: {@code int v0} or {@code var v0} (usable), or {@code _}. */
        private String component(String typeName, Type type) {
            if (UNNAMED && chance(0.2)) {
                return chance(0.5) ? "_" : typeName + " _";
            }
            return typeName + " " + declare("v", type, false);
        }

        /** {@code head [when guard] -> body}; whether the body can complete normally. */
        private boolean patternRule(StringBuilder out, String head, String guard) {
            out.append(head);
            if (guard != null) {
                out.append(" when ").append(guard);
            }
            out.append(" -> ");
            int kind = rnd.nextInt(10);
            if (kind < 3) {
                stringRefs = 1;
                out.append(simpleExpressionStatement());
                return true;
            }
            if (kind < 4) {
                out.append(throwStatement());
                return false;
            }
            budget--;
            Stmt body = block(true, "");
            out.append(body.text()).append('\n');
            return body.completes();
        }

        /**
         * {@code if (shape(k) instanceof Pair(Dot(int v0), int v1) && ...) { ... }}: a record
         * pattern (Java 21) whose variables the rest of the condition and the block read, across
         * awaits.
         */
        private Stmt recordInstanceof() {
            stringRefs = 1;
            String subject = "shape(" + intExpr(1) + ")";
            openScope();
            String pattern = recordPattern(List.of("Dot", "Pair", "Name", "Bad").get(rnd.nextInt(4)), 0);
            Var v = patternVariable(Type.INT);
            String more = v != null && chance(0.6)
                    ? " && " + v.name() + " " + comparison() + " " + awaitOf(intExpr(1)) : "";
            Stmt then = block(true, "");
            closeScope();
            return new Stmt("if (" + subject + " instanceof " + pattern + more + ") " + then.text() + "\n", true);
        }

        /** An expression statement for an arrow-switch rule. */
        private String simpleExpressionStatement() {
            return switch (rnd.nextInt(4)) {
                case 0 -> intAssignment(" += ", 2) + ";\n";
                case 1 -> "log(\"" + mark() + "\", " + anyExpr(2) + ");\n";
                case 2 -> awaitOf(anyExpr(2)) + ";\n";
                default -> intAssignment(" = ", 2) + ";\n";
            };
        }

        private String selector() {
            stringRefs = 1;
            return switch (rnd.nextInt(4)) {
                case 0 -> "(" + intExpr(2) + ") & 3";
                case 1 -> awaitOf(intExpr(1));
                case 2 -> pick(Type.INT, false).name();
                default -> intExpr(2);
            };
        }

        /** {@code value}, or a final local whose constant value it is. */
        private String caseLabel(int value) {
            String constant = constants.get(value);
            return constant != null && chance(0.5) ? constant : String.valueOf(value);
        }

        private List<Integer> caseValues() {
            List<Integer> values = new ArrayList<>(List.of(0, 1, 2, 3, 4));
            java.util.Collections.shuffle(values, rnd);
            return values.subList(0, 2 + rnd.nextInt(4));
        }

        private Stmt tryStatement() {
            int shape = rnd.nextInt(5); // 0: try-catch, 1: try-finally, 2: catch-finally, 3: two catches, 4: multi-catch
            Stmt tryBlock = block(true, "");
            StringBuilder out = new StringBuilder("try " + tryBlock.text());
            boolean completes = tryBlock.completes();
            if (shape != 1) {
                List<String> types = switch (shape) {
                    case 3 -> List.of("IllegalArgumentException", "RuntimeException");
                    case 4 -> List.of("IllegalStateException | IllegalArgumentException");
                    default -> List.of("RuntimeException");
                };
                for (String type : types) {
                    openScope();
                    String e = declare("e", Type.EXCEPTION, false);
                    String first = chance(0.7) ? "log(\"" + mark() + "\", " + e + ".getMessage());\n" : "";
                    Stmt handler = block(true, first);
                    closeScope();
                    out.append(" catch (").append(type).append(' ').append(e).append(") ").append(handler.text());
                    completes |= handler.completes();
                }
            }
            if (shape == 1 || shape == 2 || chance(0.3)) {
                Stmt fin = finallyBlock();
                out.append(" finally ").append(fin.text());
            }
            return new Stmt(out.append('\n').toString(), completes);
        }

        /** A block that can complete normally (else -Xlint:finally warns): retried until it does. */
        private Stmt finallyBlock() {
            int savedBudget = budget;
            List<Frame> enclosing = new ArrayList<>(frames);
            boolean[] breaks = new boolean[enclosing.size()];
            boolean[] continues = new boolean[enclosing.size()];
            for (int i = 0; i < enclosing.size(); i++) {
                breaks[i] = enclosing.get(i).breakUsed;
                continues[i] = enclosing.get(i).continueUsed;
            }
            for (int attempt = 0; attempt < 5; attempt++) {
                int savedAwaits = awaits;
                Stmt fin = block(false, "");
                if (fin.completes()) {
                    return fin;
                }
                budget = savedBudget;
                awaits = savedAwaits;
                for (int i = 0; i < enclosing.size(); i++) {
                    enclosing.get(i).breakUsed = breaks[i];
                    enclosing.get(i).continueUsed = continues[i];
                }
            }
            return new Stmt("{\n    log(\"" + mark() + "\");\n}", true);
        }

        /** A statement that cannot complete normally: return, throw, break or continue. */
        private Stmt exit() {
            budget--;
            Frame innermostBreakable = null;
            Frame innermostLoop = null;
            for (Frame f : frames) { // innermost first
                if (innermostBreakable == null && f.kind != FrameKind.BLOCK) {
                    innermostBreakable = f;
                }
                if (innermostLoop == null && f.kind == FrameKind.LOOP) {
                    innermostLoop = f;
                }
            }
            int roll = rnd.nextInt(100);
            if (roll < 18) {
                List<Frame> labelled = new ArrayList<>();
                for (Frame f : frames) {
                    if (f.label != null) {
                        labelled.add(f);
                    }
                }
                if (!labelled.isEmpty()) {
                    Frame target = labelled.get(rnd.nextInt(labelled.size()));
                    if (target.kind == FrameKind.LOOP && chance(0.6)) {
                        target.continueUsed = true;
                        return new Stmt("continue " + target.label + ";\n", false);
                    }
                    target.breakUsed = true;
                    return new Stmt("break " + target.label + ";\n", false);
                }
            }
            if (roll < 38 && innermostBreakable != null) {
                innermostBreakable.breakUsed = true;
                return new Stmt("break;\n", false);
            }
            if (roll < 55 && innermostLoop != null) {
                innermostLoop.continueUsed = true;
                return new Stmt("continue;\n", false);
            }
            Var caught = pick(Type.EXCEPTION, false);
            if (roll < 65 && caught != null) {
                return new Stmt("throw " + caught.name() + ";\n", false);
            }
            if (roll < 80) {
                return new Stmt(throwStatement(), false);
            }
            stringRefs = 1;
            return new Stmt("return \"" + mark() + ":\" + " + stringExpr(MAX_EXPRESSION_DEPTH) + ";\n", false);
        }

        private String throwStatement() {
            stringRefs = 1;
            String detail = chance(0.5) ? stringExpr(2) : intExpr(2);
            return "throw new IllegalStateException(\"" + mark() + ":\" + " + detail + ");\n";
        }

        // ---------------------------------------------------------------- expressions

        private String anyExpr(int d) {
            return switch (rnd.nextInt(3)) {
                case 0 -> intArgument(d);
                case 1 -> stringExpr(d);
                default -> boolExpr(d);
            };
        }

        private String intExpr(int d) {
            String e = intExpr0(d);
            lastIntWasConditional = makingConditional;
            makingConditional = false;
            return e;
        }

        private String intExpr0(int d) {
            if (d <= 0 || chance(0.25)) {
                return intLeaf();
            }
            int roll = rnd.nextInt(25);
            switch (roll) {
                case 0, 1, 2, 3, 4:
                    return awaitOf(intExpr(d - 1));
                case 5, 6:
                    return "(" + intExpr(d - 1) + " + " + intExpr(d - 1) + ")";
                case 7:
                    return "(" + intExpr(d - 1) + " - " + intExpr(d - 1) + ")";
                case 8:
                    return "(" + intExpr(d - 1) + " * " + intExpr(d - 1) + ")";
                case 9, 10:
                    return "f(" + intExpr(d - 1) + ", " + intExpr(d - 1) + ")";
                case 11:
                    return "log(\"" + mark() + "\", " + intArgument(d - 1) + ")";
                case 12: {
                    String test = boolExpr(d - 1);
                    String then = intExpr(d - 1);
                    String otherwise = intExpr(d - 1);
                    makingConditional = true;
                    return "(" + test + " ? " + then + " : " + otherwise + ")";
                }
                case 13:
                    return switch (rnd.nextInt(4)) {
                        case 0 -> pick(Type.INT, true).name() + "++";
                        case 1 -> "++" + pick(Type.INT, true).name();
                        case 2 -> "(" + intAssignment(" = ", d - 1) + ")";
                        default -> "(" + intAssignment(" += ", d - 1) + ")";
                    };
                case 14: {
                    Var a = pick(Type.ARRAY, false);
                    if (a == null) {
                        return awaitOf(intExpr(d - 1));
                    }
                    return switch (rnd.nextInt(4)) {
                        case 0 -> a.name() + "[" + rnd.nextInt(4) + "]++";
                        case 1 -> "(" + a.name() + index() + " += " + intExpr(d - 1) + ")";
                        default -> a.name() + index();
                    };
                }
                case 15:
                    return awaitOf(stringExprInIntContext(d - 1)) + ".length()";
                case 16:
                    return "Math.max(" + intArgument(d - 1) + ", " + intArgument(d - 1) + ")";
                case 17:
                    return awaitTwice(intExpr(d - 1));
                case 18:
                    if (chance(0.25)) {
                        return "f(" + awaitFailing() + ", " + intExpr(d - 1) + ")";
                    }
                    return "f(" + intExpr(d - 1) + ", " + awaitOf(intExpr(d - 1)) + ")";
                case 19:
                    return "g(" + stringExprInIntContext(d - 1) + ", " + intExpr(d - 1) + ").length()";
                case 20: // the divisor is never a constant (no -Xlint:divzero), so it may be 0: ArithmeticException
                    return "(" + intExpr(d - 1) + (chance(0.5) ? " / " : " % ") + divisor(d - 1) + ")";
                case 21: { // another machine: an @Async helper that awaits and may throw
                    String argument = intExpr(d - 1);
                    awaits++;
                    return "await(CAsync.h(" + argument + "))";
                }
                default:
                    return "(" + intExpr(d - 1) + " + " + awaitOf(intExpr(d - 1)) + ")";
            }
        }

        private String divisor(int d) {
            return switch (rnd.nextInt(3)) {
                case 0 -> pick(Type.INT, false).name();
                case 1 -> awaitOf(intExpr(d));
                default -> "f(" + intExpr(d) + ", " + pick(Type.INT, false).name() + ")";
            };
        }

        private String stringExprInIntContext(int d) {
            int saved = stringRefs;
            stringRefs = 1;
            String e = stringExpr(d);
            stringRefs = saved;
            return e;
        }

        private String intLeaf() {
            int roll = rnd.nextInt(10);
            if (roll < 3) {
                return String.valueOf(rnd.nextInt(10));
            }
            if (roll < 7) {
                return pick(Type.INT, false).name();
            }
            if (roll < 8) {
                Var s = pick(Type.STRING, false);
                if (s != null) {
                    return s.name() + ".length()";
                }
            }
            if (roll < 9) {
                Var a = pick(Type.ARRAY, false);
                if (a != null) {
                    return a.name() + "[" + rnd.nextInt(4) + "]";
                }
            }
            return "input";
        }

        private String boolExpr(int d) {
            if (d <= 0 || chance(0.2)) {
                return "(" + pick(Type.INT, false).name() + " " + comparison() + " " + intLeaf() + ")";
            }
            switch (rnd.nextInt(12)) {
                case 0, 1, 2:
                    return "(" + intExpr(d - 1) + " " + comparison() + " " + intExpr(d - 1) + ")";
                case 3: // the right operand is an int, so == compares values, never Integer references
                    return "(" + intExpr(d - 1) + (chance(0.5) ? " == " : " != ") + intPrimitiveLeaf() + ")";
                case 4:
                    return "(" + boolExpr(d - 1) + " && " + boolExpr(d - 1) + ")";
                case 5:
                    return "(" + boolExpr(d - 1) + " || " + boolExpr(d - 1) + ")";
                case 6:
                    return "!" + boolExpr(d - 1);
                case 7, 8:
                    return awaitOf(boolExpr(d - 1));
                case 9:
                    return "log(\"" + mark() + "\", " + boolExpr(d - 1) + ")";
                case 10:
                    return chance(0.5) ? awaitOf(stringExprInIntContext(d - 1)) + ".isEmpty()"
                            : "(" + stringExprInIntContext(d - 1) + ").startsWith(\"" + smallString() + "\")";
                default:
                    return "((" + intExpr(d - 1) + " & 1) == 0)";
            }
        }

        private String intPrimitiveLeaf() {
            return chance(0.5) ? String.valueOf(rnd.nextInt(10)) : pick(Type.INT, false).name();
        }

        private String comparison() {
            return switch (rnd.nextInt(4)) {
                case 0 -> "<";
                case 1 -> "<=";
                case 2 -> ">";
                default -> ">=";
            };
        }

        private String stringExpr(int d) {
            if (d <= 0 || chance(0.25)) {
                return stringLeaf();
            }
            switch (rnd.nextInt(12)) {
                case 0, 1, 2:
                    return awaitOf(stringExpr(d - 1));
                case 3, 4:
                    return "(" + stringExpr(d - 1) + " + " + intExpr(d - 1) + ")";
                case 5:
                    return "(" + stringExpr(d - 1) + " + " + stringExpr(d - 1) + ")";
                case 6:
                    return "log(\"" + mark() + "\", " + stringExpr(d - 1) + ")";
                case 7:
                    return "g(" + stringExpr(d - 1) + ", " + intExpr(d - 1) + ")";
                case 8: {
                    String test = boolExpr(d - 1);
                    String then = stringExpr(d - 1);
                    String otherwise = stringExpr(d - 1);
                    return "(" + test + " ? " + then + " : " + otherwise + ")";
                }
                case 9:
                    return "String.valueOf(" + intArgument(d - 1) + ")";
                case 10:
                    return "(\"" + smallString() + "\" + " + boolExpr(d - 1) + ")";
                default:
                    return awaitOf(stringExpr(d - 1)) + ".toUpperCase()";
            }
        }

        private String stringLeaf() {
            if (stringRefs > 0 && chance(0.6)) {
                Var s = pick(chance(0.8) ? Type.STRING : Type.EXCEPTION, false);
                if (s != null) {
                    stringRefs--;
                    return s.type() == Type.EXCEPTION ? s.name() + ".getMessage()" : s.name();
                }
            }
            return "\"" + smallString() + "\"";
        }

        private String smallString() {
            return List.of("a", "b", "c", "xy", "").get(rnd.nextInt(5));
        }

        private String arrayElements() {
            return "{" + intExpr(1) + ", " + intExpr(1) + ", " + intExpr(1) + ", " + intExpr(1) + "}";
        }

        private String index() {
            return chance(0.3) ? "[" + rnd.nextInt(4) + "]" : "[(" + intExpr(2) + ") & 3]";
        }

        // ---------------------------------------------------------------- inferred types

        /*
         * Types javac infers and generated code must write (issue 11): captured wildcards, and
         * intersections whose members of every bound are used after an await. Their locals are
         * not offered to the rest of the method (its expressions know int, String and int[] only).
         * Each part is generated in source order, which the await count relies on.
         */

        private String inferredTypes() {
            return switch (rnd.nextInt(4)) {
                case 0 -> wildcardFuture();
                case 1 -> wildcardList();
                case 2 -> listOfWildcardFutures();
                default -> mixedConditional();
            };
        }

        /** A future of a wildcard type ({@code ?}, {@code ? extends Number}, {@code ? super Integer}), awaited twice. */
        private String wildcardFuture() {
            String future = reserve("w");
            String value = reserve("wv");
            StringBuilder out = new StringBuilder();
            switch (rnd.nextInt(3)) {
                case 0 -> out.append("dev.pollen.Future<?> ").append(future).append(" = of(").append(anyExpr(2)).append(");\n");
                case 1 -> out.append("dev.pollen.Future<? extends Number> ").append(future).append(" = of(").append(intExpr(2)).append(");\n");
                default -> out.append("dev.pollen.Future<? super Integer> ").append(future).append(" = of(").append(intExpr(2)).append(");\n");
            }
            out.append("var ").append(value).append(" = ").append(awaitNamed(future)).append(";\n");
            out.append("log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1))).append(");\n");
            out.append("log(\"").append(mark()).append("\", String.valueOf(").append(value).append(") + ")
                    .append(awaitNamed(future)).append(");\n");
            return out.toString();
        }

        /**
         * Locals inferred from wildcard-typed lists ({@code var e = list.get(i)} on a {@code List<?>}
         * and a {@code List<? extends CharSequence>}) that live across an await, and a spilled
         * operand of a captured type.
         */
        private String wildcardList() {
            String any = reserve("l");
            String chars = reserve("cs");
            String element = reserve("e");
            String first = reserve("c");
            StringBuilder out = new StringBuilder("java.util.List<?> ").append(any).append(" = java.util.List.of(")
                    .append(anyExpr(1)).append(", ").append(anyExpr(1)).append(");\n");
            out.append("java.util.List<? extends CharSequence> ").append(chars).append(" = java.util.List.of(")
                    .append(stringExpr(1)).append(", ").append(stringExpr(1)).append(");\n");
            out.append("var ").append(element).append(" = ").append(any).append(".get((").append(intExpr(1)).append(") & 1);\n");
            out.append("var ").append(first).append(" = ").append(chars).append(".get(1);\n");
            out.append("log(\"").append(mark()).append("\", String.join(\",\", ").append(chars).append(".get(0), ")
                    .append(awaitOf(stringExpr(1))).append("));\n");
            out.append("log(\"").append(mark()).append("\", String.valueOf(").append(element).append(") + ")
                    .append(first).append(".length() + ").append(awaitOf(intExpr(1))).append(");\n");
            return out.toString();
        }

        /** A for-each over a {@code List<? extends Future<Integer>>}, and a future from a generic method's result. */
        private String listOfWildcardFutures() {
            String futures = reserve("fs");
            String future = reserve("f");
            String picked = reserve("g");
            StringBuilder out = new StringBuilder("java.util.List<? extends dev.pollen.Future<Integer>> ").append(futures)
                    .append(" = java.util.List.of(of(").append(intExpr(1)).append("), of(").append(intExpr(1)).append("));\n");
            out.append("for (").append(chance(0.5) ? "var " : "dev.pollen.Future<Integer> ").append(future).append(" : ")
                    .append(futures).append(") {\n");
            out.append("    log(\"").append(mark()).append("\", ").append(awaitNamed(future)).append(");\n}\n");
            out.append("var ").append(picked).append(" = java.util.Collections.unmodifiableList(").append(futures)
                    .append(").get((").append(intExpr(1)).append(") & 1);\n");
            out.append("log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1))).append(" + ")
                    .append(awaitNamed(picked)).append(");\n");
            return out.toString();
        }

        /**
         * {@code var} locals of intersection types from {@code ?:} of mixed types (a StringBuilder or a
         * String: {@code Object & Serializable & Comparable<..> & CharSequence}; an Integer or a
         * String), awaited arms and futures of such types, used through a later bound after an await.
         */
        private String mixedConditional() {
            String chars = reserve("q");
            String constable = reserve("m");
            StringBuilder out = new StringBuilder("var ").append(chars).append(" = ");
            String test = boolExpr(1);
            switch (rnd.nextInt(3)) {
                case 0 -> out.append(test).append(" ? new StringBuilder(").append(stringExpr(1)).append(") : ")
                        .append(stringExpr(1));
                case 1 -> out.append(test).append(" ? ").append(awaitOf("new StringBuilder(" + stringExpr(1) + ")"))
                        .append(" : ").append(stringExpr(1));
                default -> {
                    String builder = stringExpr(1);
                    String string = stringExpr(1);
                    awaits++;
                    out.append("await(").append(test).append(" ? of(new StringBuilder(").append(builder)
                            .append(")) : of(").append(string).append("))");
                }
            }
            out.append(";\n");
            String test2 = boolExpr(1);
            String number = intExpr(1);
            out.append("var ").append(constable).append(" = ").append(test2).append(" ? ").append(number)
                    .append(" : ").append(stringExpr(1)).append(";\n");
            out.append("log(\"").append(mark()).append("\", ").append(awaitOf(intExpr(1))).append(");\n");
            out.append("log(\"").append(mark()).append("\", ").append(chars).append(".length() + ")
                    .append(awaitOf(intExpr(1))).append(" + ").append(chars).append(".toString());\n");
            if (chance(0.5)) {
                String again = boolExpr(1);
                out.append("log(\"").append(mark()).append("\", (").append(chars).append(" = ").append(again)
                        .append(" ? new StringBuilder(\"z\") : ").append(awaitOf(stringExpr(1))).append(").length());\n");
            }
            out.append("log(\"").append(mark()).append("\", ").append(constable).append(".describeConstable().isPresent() + \"/\" + ")
                    .append(constable).append(");\n");
            return out.toString();
        }

        /**
         * A for-each whose variable's type differs from the element type: widening, unboxing then
         * widening, boxing, or to Object (JLS 14.14.2 with assignment conversion).
         */
        private Stmt conversionForEach(String label) {
            openScope();
            String v = reserve("v");
            String header;
            String use;
            switch (rnd.nextInt(7)) {
                case 0 -> {
                    header = "long " + v + " : java.util.List.of(" + intExpr(1) + ", " + intExpr(1) + ")";
                    use = v + " + " + awaitOf(intExpr(1));
                }
                case 6 -> { // the Iterable is not a primary expression
                    String test = boolExpr(1);
                    String one = intExpr(1);
                    header = "long " + v + " : " + test + " ? java.util.List.of(" + one + ") : java.util.List.of("
                            + intExpr(1) + ", " + intExpr(1) + ")";
                    use = v + " - " + awaitOf(intExpr(1));
                }
                case 1 -> {
                    header = "double " + v + " : java.util.List.of(" + intExpr(1) + ", " + intExpr(1) + ")";
                    use = v + " / 2 + " + awaitOf(intExpr(1));
                }
                case 2 -> {
                    header = "long " + v + " : new int[] {" + intExpr(1) + ", " + intExpr(1) + "}";
                    use = v + " * " + awaitOf(intExpr(1));
                }
                case 3 -> {
                    header = "Integer " + v + " : new int[] {" + intExpr(1) + ", " + intExpr(1) + "}";
                    use = v + ".hashCode() + " + awaitOf(intExpr(1));
                }
                case 4 -> {
                    header = "int " + v + " : java.util.List.of('a', 'b', 'c')";
                    use = v + " + " + awaitOf(intExpr(1));
                }
                default -> {
                    stringRefs = 1;
                    header = "Object " + v + " : java.util.List.of(" + stringExpr(1) + ", " + stringExpr(1) + ")";
                    use = "String.valueOf(" + v + ") + " + awaitOf(stringExpr(1));
                }
            }
            push(FrameKind.LOOP, labelName(label));
            Stmt body = block(true, "log(\"" + mark() + "\", " + use + ");\n");
            frames.pop();
            closeScope();
            return new Stmt(label + "for (" + header + ") " + body.text() + "\n", true);
        }

        private String awaitNamed(String future) {
            awaits++;
            return "await(" + future + ")";
        }

        // ---------------------------------------------------------------- names and scopes

        private String mark() {
            return "k" + marks++;
        }

        private String label() {
            return "L" + labels++;
        }

        private static String labelName(String labelPrefix) {
            return labelPrefix.isEmpty() ? null : labelPrefix.substring(0, labelPrefix.length() - 2);
        }

        private Frame push(FrameKind kind, String label) {
            Frame frame = new Frame(kind, label);
            frames.push(frame);
            return frame;
        }

        private void openScope() {
            scopes.push(new Scope());
        }

        private void closeScope() {
            taken.removeAll(scopes.pop().names);
        }

        /** Declares a fresh name (never one in scope: Java forbids shadowing locals) in the innermost scope. */
        private String declare(String prefix, Type type, boolean assignable) {
            String name = reserve(prefix);
            scopes.peek().vars.add(new Var(name, type, assignable));
            return name;
        }

        /** A fresh name in the innermost scope, for a local not usable yet (not definitely assigned). */
        private String reserve(String prefix) {
            int i = 0;
            while (taken.contains(prefix + i)) {
                i++;
            }
            String name = prefix + i;
            taken.add(name);
            scopes.peek().names.add(name);
            return name;
        }

        /** A random visible variable of {@code type}; for {@code INT} never null (there is {@code input}). */
        private Var pick(Type type, boolean assignable) {
            List<Var> candidates = new ArrayList<>();
            for (Scope scope : scopes) {
                for (Var v : scope.vars) {
                    if (v.type() == type && (!assignable || v.assignable())) {
                        candidates.add(v);
                    }
                }
            }
            return candidates.isEmpty() ? null : candidates.get(rnd.nextInt(candidates.size()));
        }

        /** {@code target op value}. */
        private String intAssignment(String op, int d) {
            String value = intExpr(d);
            return pick(Type.INT, true).name() + op + value;
        }

        private String awaitOf(String argument) {
            awaits++;
            return "await(of(" + argument + "))";
        }

        private String awaitTwice(String argument) {
            awaits += 2;
            return "await(await(of(of(" + argument + "))))";
        }

        private String awaitFailing() {
            awaits++;
            return "await(failing(new IllegalArgumentException(\"" + mark() + "\")))";
        }

        /** An int argument of an overloaded method ({@code log}, {@code Math.max}): never a poly {@code ?:}. */
        private String intArgument(int d) {
            String e = intExpr(d);
            return lastIntWasConditional ? "(" + e + " + 0)" : e;
        }

        // ------------------------------------------------ systematic forms (issue 11, section 7)
        //
        // Each form below is self-contained: it declares its own locals (fresh names that the rest
        // of the generator never picks, except where it adds an int local to the scope on purpose)
        // and logs what it computed, so that a divergence shows in the trace. Together they cover
        // the conversion contexts of JLS 5 at await positions, the declarator and statement forms
        // of JLS 14 nested in the generator's others, operators and evaluation order (JLS 15),
        // private and static members named in every way, names that obscure types (JLS 6.4.2) and
        // method references with awaited receivers.

        /** Members (fields) the systematic forms of this method declare in class C; names start with the method's. */
        private final StringBuilder members = new StringBuilder();
        private String methodName;
        /** Simple names of local classes declared so far (two of one name followed by awaits are not supported). */
        private final Set<String> classNames = new HashSet<>();

        /** A simple statement (or a few) of the systematic kind. */
        private String systematicSimple() {
            return switch (rnd.nextInt(9)) {
                case 0 -> primitiveConversions();
                case 1, 2 -> boxing();
                case 3 -> declarators();
                case 4 -> fields();
                case 5 -> patterns();
                case 6 -> methodReferences();
                case 7 -> switchExpression();
                default -> arrayElementOrder();
            };
        }

        /** A compound statement of the systematic kind. */
        private Stmt systematicStatement() {
            return switch (rnd.nextInt(4)) {
                case 0 -> throwingFinally();
                case 1 -> labeledStatement();
                default -> obscuringNames();
            };
        }

        /** Widening, narrowing in compound assignments, numeric promotion and shifts, with awaited operands. */
        private String primitiveConversions() {
            StringBuilder out = new StringBuilder();
            String l = reserve("wl");
            String b = reserve("wb");
            String s = reserve("ws");
            String c = reserve("wc");
            String d = reserve("wd");
            String f = reserve("wf");
            out.append("long ").append(l).append(" = ").append(intExpr(2)).append(";\n");
            out.append("byte ").append(b).append(" = (byte) (").append(awaitOf(intExpr(1))).append(" * 7);\n");
            out.append("short ").append(s).append(" = (short) (").append(intExpr(1)).append(" * 1000);\n");
            out.append("char ").append(c).append(" = 'a';\n");
            out.append("double ").append(d).append(" = ").append(awaitOf(intExpr(1))).append(" / 4.0;\n");
            out.append("float ").append(f).append(" = ").append(intExpr(1)).append(";\n");
            List<String> steps = new ArrayList<>(List.of(
                    l + " += " + awaitOf(intExpr(2)),
                    l + " <<= " + awaitOf(intExpr(1)) + " & 7",
                    l + " = " + l + " * " + awaitOf(intExpr(1)) + " + " + awaitOf(l),
                    b + " += " + awaitOf(intExpr(1)),
                    b + " *= " + awaitOf(intExpr(1)) + " + 100",
                    b + " >>= " + awaitOf("1L"),
                    s + " -= " + awaitOf(intExpr(1)) + " * 999",
                    c + " += " + awaitOf(intExpr(1)) + " & 15",
                    c + "++",
                    d + " *= " + awaitOf(intExpr(1)),
                    d + " = " + awaitOf(b) + " + " + awaitOf(c),
                    f + " -= " + awaitOf("2.5f"),
                    pick(Type.INT, true).name() + " += " + awaitOf(l),
                    pick(Type.INT, true).name() + " -= " + awaitOf(d),
                    pick(Type.INT, true).name() + " = " + awaitOf(c) + " + " + b + " % 3"));
            java.util.Collections.shuffle(steps, rnd);
            for (String step : steps.subList(0, 2 + rnd.nextInt(4))) {
                out.append(step).append(";\n");
            }
            return out.append("log(\"").append(mark()).append("\", \"\" + ").append(l).append(" + ',' + ").append(b)
                    .append(" + ',' + ").append(s).append(" + ',' + (int) ").append(c).append(" + ',' + ").append(d)
                    .append(" + ',' + ").append(f).append(");\n").toString();
        }

        /**
         * Boxing and unboxing, of null too: javac unboxes an operand right after evaluating it, so a
         * null box throws before the operands to its right (and awaits) run.
         */
        private String boxing() {
            String x = reserve("bx");
            String npe = reserve("npe");
            StringBuilder out = new StringBuilder("Integer " + x + " = input > " + rnd.nextInt(3)
                    + " ? null : (" + intExpr(2) + ") & 3;\n");
            String k = mark();
            String use = switch (rnd.nextInt(16)) {
                case 0 -> x + " += " + awaitOf("log(\"" + k + "\", " + intExpr(1) + ")") + ";\n";
                case 1 -> "log(\"" + k + "\", " + x + " + " + awaitOf(intExpr(1)) + ");\n";
                case 2 -> "log(\"" + k + "\", f(" + x + ", " + awaitOf("log(\"" + mark() + "\", 2)") + "));\n";
                case 3 -> x + "++;\nlog(\"" + k + "\", " + awaitOf(x) + ");\n";
                case 4 -> "log(\"" + k + "\", " + x + " < " + awaitOf(intExpr(1)) + ");\n";
                case 5 -> "log(\"" + k + "\", " + x + " == " + awaitOf(x) + ");\n"; // two references: no unboxing
                case 6 -> {
                    String cells = reserve("cells");
                    yield "Integer[] " + cells + " = {" + x + ", 1};\n" + cells + "[0] *= "
                            + awaitOf("log(\"" + k + "\", 3)") + ";\nlog(\"" + mark() + "\", " + cells + "[0]);\n";
                }
                case 7 -> {
                    String a = reserve("ar");
                    yield "int[] " + a + " = {1, 2, 3, 4};\n" + a + "[" + x + "] = " + awaitOf("log(\"" + k + "\", 4)")
                            + ";\nlog(\"" + mark() + "\", " + a + "[" + x + "]);\n";
                }
                case 8 -> { // a numeric ?: unboxes the box it picks
                    String r = reserve("r");
                    yield "int " + r + " = input > 1 ? " + x + " : " + awaitOf(intExpr(1)) + " + 0;\nlog(\"" + k + "\", " + r + ");\n";
                }
                case 9 -> "int " + reserve("r") + " = input < 1 ? " + awaitOf(x) + " : 0;\n";
                case 10 -> "int " + reserve("u") + " = " + awaitOf(x) + ";\n";
                case 11 -> "log(\"" + k + "\", Math.max(" + awaitOf(x) + ", " + intExpr(1) + "));\n";
                case 12 -> {
                    String bb = reserve("bb");
                    yield "Boolean " + bb + " = " + x + " == null ? null : " + x + " > 1;\n"
                            + "log(\"" + k + "\", " + bb + " & " + awaitOf("log(\"" + mark() + "\", true)") + ");\n";
                }
                case 13 -> {
                    String sn = reserve("sn");
                    yield "String " + sn + " = input > 0 ? null : \"s\";\n" + sn + " += " + awaitOf(x) + ";\n"
                            + "log(\"" + k + "\", " + sn + " + " + awaitOf(x) + " + " + x + ");\n";
                }
                case 14 -> {
                    String wide = reserve("wide");
                    yield "long " + wide + " = " + awaitOf(x) + " + " + awaitOf(intExpr(1)) + ";\nlog(\"" + k + "\", "
                            + wide + ");\n";
                }
                default -> {
                    String lx = reserve("lx");
                    yield "Long " + lx + " = " + x + " == null ? null : 7L;\n" + lx + " -= " + awaitOf(intExpr(1))
                            + ";\nlog(\"" + k + "\", " + lx + "--);\n";
                }
            };
            return out.append("try {\n").append(indent(use)).append("} catch (NullPointerException ").append(npe)
                    .append(") {\n    log(\"").append(mark()).append(" npe\");\n}\n").toString();
        }

        /** Several declarators in one declaration, C-style brackets, var, nested array initializers. */
        private String declarators() {
            StringBuilder out = new StringBuilder();
            switch (rnd.nextInt(5)) {
                case 0 -> {
                    String a = reserve("da");
                    String b = reserve("db");
                    String m = reserve("dm");
                    out.append("int ").append(a).append("[] = {").append(intExpr(1)).append(", ").append(intExpr(1))
                            .append("}, ").append(b).append(" = ").append(awaitOf(intExpr(2))).append(", ").append(m)
                            .append("[][] = {{").append(b).append("}, {").append(awaitOf(intExpr(1))).append("}};\n");
                    out.append("log(\"").append(mark()).append("\", ").append(a).append("[1] + ").append(b).append(" + ")
                            .append(m).append("[1][0] + ").append(a).append(".length);\n");
                    scopes.peek().vars.add(new Var(b, Type.INT, true));
                }
                case 1 -> {
                    String v = reserve("dv");
                    out.append("var ").append(v).append(" = ").append(awaitOf(intExpr(2))).append(";\n");
                    out.append("log(\"").append(mark()).append("\", ").append(v).append(" + ").append(intExpr(1))
                            .append(");\n");
                }
                case 2 -> {
                    String s = reserve("ds");
                    String t = reserve("dt");
                    stringRefs = 1;
                    out.append("String ").append(s).append("[] = {").append(awaitOf("\"x\"")).append(", null}, ")
                            .append(t).append(" = ").append(awaitOf(stringExpr(1))).append(";\n");
                    out.append("log(\"").append(mark()).append("\", ").append(s).append("[0] + ").append(s)
                            .append("[1] + ").append(t).append(");\n");
                }
                case 3 -> {
                    String p = reserve("dp");
                    String q = reserve("dq");
                    String k = reserve("dk");
                    out.append("final int ").append(p).append(" = ").append(intExpr(1)).append(", ").append(k)
                            .append(";\n");
                    out.append(k).append(" = ").append(awaitOf(p)).append(";\n");
                    out.append("long ").append(q).append(" = 1, ").append(reserve("dr")).append(" = ")
                            .append(awaitOf(intExpr(1))).append(" + ").append(q).append(" + ").append(k).append(";\n");
                    scopes.peek().vars.add(new Var(k, Type.INT, false));
                }
                default -> {
                    String i = reserve("di");
                    String j = reserve("dj");
                    String m = reserve("dm");
                    out.append("int[][] ").append(m).append(" = {{").append(awaitOf(intExpr(1))).append("}, {2, ")
                            .append(awaitOf(intExpr(1))).append("}};\n");
                    out.append("for (int ").append(i).append(" = 0, ").append(j).append("[] = {").append(awaitOf(m + "[1][1]"))
                            .append("}; ").append(i).append(" < 2; ").append(i).append("++) {\n    log(\"").append(mark())
                            .append("\", ").append(j).append("[0] + ").append(i).append(" + ").append(m)
                            .append("[0][0]);\n}\n");
                }
            }
            return out.toString();
        }

        /**
         * Private and package static and instance fields of C, named unqualified, through the class,
         * qualified ({@code p.C.x}) and through an object, with compound assignments and {@code ++},
         * whose values are sometimes used. A static is assigned first: programs run several times.
         */
        private String fields() {
            String access = chance(0.6) ? "private " : "";
            String s = methodName + "_s" + marks;
            String t = methodName + "_t" + marks;
            String f = methodName + "_f" + marks;
            members.append("    ").append(access).append("static int ").append(s).append(";\n");
            members.append("    ").append(access).append("static String ").append(t).append(";\n");
            members.append("    ").append(access).append("int ").append(f).append(";\n");
            List<String> named = List.of(s, "C." + s, "p.C." + s);
            StringBuilder out = new StringBuilder("C." + s + " = " + intExpr(1) + ";\n");
            out.append("C.").append(t).append(" = \"t\";\n");
            String o = reserve("obj");
            out.append("C ").append(o).append(" = new C();\n");
            out.append(o).append('.').append(f).append(" = ").append(intExpr(1)).append(";\n");
            String r = reserve("fr");
            List<String> steps = new ArrayList<>(List.of(
                    pickOne(named) + " *= 3",
                    pickOne(named) + " += " + awaitOf(intExpr(1)),
                    pickOne(named) + " <<= " + awaitOf(intExpr(1)) + " & 3",
                    pickOne(named) + "++",
                    "--" + pickOne(named),
                    "log(\"" + mark() + "\", (" + pickOne(named) + " -= " + awaitOf(intExpr(1)) + ") + " + pickOne(named) + "++)",
                    "log(\"" + mark() + "\", (" + pickOne(named) + " *= 2) + " + awaitOf(pickOne(named)) + ")",
                    pickOne(List.of(t, "C." + t, "p.C." + t)) + " += " + awaitOf("\"u\""),
                    o + "." + f + " += " + awaitOf(intExpr(1)),
                    o + "." + f + " ^= " + intExpr(1),
                    "log(\"" + mark() + "\", " + o + "." + f + "++ + (" + o + "." + f + " -= " + awaitOf("2") + "))",
                    awaitOf("new C()") + "." + f + " = " + awaitOf(intExpr(1))));
            java.util.Collections.shuffle(steps, rnd);
            for (String step : steps.subList(0, 3 + rnd.nextInt(4))) {
                out.append(step).append(";\n");
            }
            out.append("int ").append(r).append(" = C.").append(s).append(" + ").append(o).append('.').append(f)
                    .append(";\n");
            out.append("log(\"").append(mark()).append("\", C.").append(t).append(" + ").append(r).append(");\n");
            return out.toString();
        }

        /** Array elements under compound assignment and ++, with awaits in the array, index and value. */
        private String arrayElementOrder() {
            String a = reserve("ea");
            StringBuilder out = new StringBuilder("int[] " + a + " = {" + intExpr(1) + ", 1, 2, 3};\n");
            String index = "(" + awaitOf(intExpr(1)) + " & 3)";
            out.append(switch (rnd.nextInt(4)) {
                case 0 -> awaitOf(a) + "[" + index + "] += " + awaitOf(intExpr(1)) + ";\n";
                case 1 -> a + "[" + index + "]++;\n";
                case 2 -> "log(\"" + mark() + "\", " + a + "[" + index + "] -= " + a + "[" + index + "]);\n";
                default -> a + "[" + index + "] = " + a + "[" + index + "] = " + awaitOf(intExpr(1)) + ";\n";
            });
            return out.append("log(\"").append(mark()).append("\", java.util.Arrays.toString(").append(a)
                    .append("));\n").toString();
        }

        /** {@code instanceof} patterns bound in {@code &&} and {@code ||} conditions, with awaits around and in them. */
        private String patterns() {
            String o = reserve("po");
            String ps = reserve("ps");
            String pi = reserve("pi");
            stringRefs = 1;
            StringBuilder out = new StringBuilder("Object " + o + ";\nif (input > " + rnd.nextInt(3) + ") {\n    "
                    + o + " = " + stringExpr(1) + ";\n} else {\n    " + o + " = " + intExpr(1) + ";\n}\n");
            String k = mark();
            out.append(switch (rnd.nextInt(6)) {
                case 0 -> awaitOf("0") + ";\nif (" + o + " instanceof String " + ps + " && " + ps + ".length() >= "
                        + awaitOf(intExpr(1)) + ") {\n    log(\"" + k + "\", " + ps + ");\n    log(\"" + mark() + "\", "
                        + awaitOf(ps) + ");\n} else {\n    log(\"" + mark() + "\");\n}\n";
                case 1 -> "if (!(" + o + " instanceof Integer " + pi + ") || " + awaitOf(pi + " > " + intExpr(1))
                        + ") {\n    log(\"" + k + "\");\n} else {\n    log(\"" + mark() + "\", " + pi + " + "
                        + awaitOf("1") + ");\n}\n";
                case 2 -> "boolean " + reserve("pb") + " = log(\"" + k + "\", " + o + " instanceof String " + ps + " && "
                        + awaitOf(ps) + ".isEmpty() || " + o + " instanceof Integer " + pi + " && " + pi + " > "
                        + awaitOf(intExpr(1)) + ");\n";
                case 3 -> "while (" + o + " instanceof String " + ps + " && " + ps + ".length() < 3) {\n    " + o
                        + " = " + ps + " + " + awaitOf("\"x\"") + ";\n}\nlog(\"" + k + "\", " + o + ");\n";
                case 4 -> "log(\"" + k + "\", " + o + " instanceof String " + ps + " && " + awaitOf(ps + ".length()")
                        + " >= 0 ? " + ps + " : \"no\");\n";
                default -> "if (" + boolExpr(1) + " && " + o + " instanceof String " + ps + " && !" + ps
                        + ".isEmpty()) {\n    " + awaitOf("1") + ";\n    log(\"" + k + "\", " + ps + ");\n}\n";
            });
            return out.toString();
        }

        /** Method references whose receiver awaits: evaluated (and null-checked) once, where the reference is. */
        private String methodReferences() {
            stringRefs = 1;
            String k = mark();
            return switch (rnd.nextInt(4)) {
                case 0 -> {
                    String r = reserve("mr");
                    yield "java.util.function.Supplier<String> " + r + " = " + awaitOf(stringExpr(1))
                            + "::toUpperCase;\nlog(\"" + k + "\", " + r + ".get() + " + r + ".get());\n";
                }
                case 1 -> {
                    String r = reserve("mr");
                    yield "java.util.function.IntSupplier " + r + " = " + awaitOf("log(\"" + k + "\", " + stringExpr(1)
                            + ")") + "::length;\nlog(\"" + mark() + "\", " + r + ".getAsInt() + " + intExpr(1) + ");\n";
                }
                case 2 -> "log(\"" + k + "\", java.util.Optional.of(" + stringExpr(1) + ").map(" + awaitOf(stringExpr(1))
                        + "::concat).get());\n";
                default -> {
                    String n = reserve("mn");
                    String e = reserve("npe");
                    yield "String " + n + " = input > 0 ? null : \"n\";\ntry {\n    java.util.function.Supplier<String> "
                            + reserve("mr") + " = " + awaitOf(n) + "::trim;\n    log(\"" + k + "\");\n} catch (NullPointerException "
                            + e + ") {\n    log(\"" + mark() + " npe\");\n}\n";
                }
            };
        }

        /** A switch expression whose case declares a local record followed by an await in the switch block. */
        private String switchExpression() {
            String result = reserve("sw");
            String record = "Rec" + classes++;
            String r = reserve("rv");
            String y = reserve("ry");
            String selector = selector();
            String recordCase = "{\n    record " + record + "(int v) {}\n    " + record + " " + r + " = new " + record + "("
                    + intExpr(1) + ");\n    int " + y + " = " + awaitOf(intExpr(1)) + ";\n    yield " + r + ".v() + " + y
                    + " + new " + record + "(" + awaitOf("2") + ").v();\n}";
            String text;
            if (chance(0.5)) {
                text = "int " + result + " = switch (" + selector + ") {\n    case 0 -> " + recordCase.replace("\n", "\n    ")
                        + "\n    case 1 -> " + awaitOf(intExpr(1)) + ";\n    default -> " + intExpr(1) + ";\n};\n";
            } else {
                text = "int " + result + " = " + intExpr(1) + " + switch (" + selector + ") {\n    case 0: "
                        + recordCase.replace("\n", "\n    ") + "\n    case 1:\n        log(\"" + mark()
                        + "\");\n    default:\n        yield " + awaitOf(intExpr(1)) + ";\n};\n";
            }
            scopes.peek().vars.add(new Var(result, Type.INT, true));
            return text + "log(\"" + mark() + "\", " + result + ");\n";
        }

        /**
         * A loop whose body's try has a finally block that throws, always or at some iteration:
         * the continue, break or return before it never completes, and the loop's update may be
         * unreachable. The loop is in a try that catches what the finally throws.
         */
        private Stmt throwingFinally() {
            String label = label();
            String counter = reserve("i");
            String caught = reserve("e");
            loopDepth++;
            Frame frame = push(FrameKind.LOOP, label);
            Stmt body = block(true, "");
            frames.pop();
            loopDepth--;
            String jump = body.completes() ? pickOne(List.of("continue;\n", "continue " + label + ";\n", "break;\n",
                    "break " + label + ";\n", "return \"" + mark() + "\";\n")) : "";
            String always = chance(0.5) ? "" : "if (" + counter + " >= " + rnd.nextInt(3) + ") ";
            String fin = "log(\"" + mark() + "\", " + counter + ");\n" + always + "throw new IllegalStateException(\""
                    + mark() + ":\" + " + counter + ");\n";
            String loop = label + ": for (int " + counter + " = 0; " + counter + " < 3; " + counter + "++) {\n"
                    + indent("try " + body.text().replaceFirst("}$", "") + indent(jump) + "} finally {\n" + indent(fin)
                            + "}\n") + "}\n";
            frame.breakUsed = true;
            return new Stmt("try {\n" + indent(loop) + "} catch (IllegalStateException " + caught + ") {\n    log(\""
                    + mark() + "\", " + caught + ".getMessage());\n}\n", true);
        }

        /** A labeled if, try or switch statement left by a {@code break} to its label from inside. */
        private Stmt labeledStatement() {
            String label = label();
            int kind = rnd.nextInt(3);
            // Inside the switch, an unlabeled break leaves the switch.
            push(kind == 2 ? FrameKind.SWITCH : FrameKind.BLOCK, label);
            String cond = boolExpr(1);
            String guard = "if (" + boolExpr(1) + ") {\n    break " + label + ";\n}\n";
            Stmt body = block(true, guard);
            String text = switch (kind) {
                case 0 -> label + ": if (" + cond + ") " + body.text() + "\n";
                case 1 -> label + ": try " + body.text() + " finally " + finallyBlock().text() + "\n";
                default -> label + ": switch (" + selector() + ") {\n    case 1:\n    default:\n" + indent(indent(
                        body.text().substring(2, body.text().length() - 1))) + "}\n";
            };
            frames.pop();
            return new Stmt(text, true); // the guard breaks out
        }

        /**
         * A block whose locals are named like the types and members generated code names (legal
         * Java: a variable obscures a type of its name, JLS 6.4.2), used by the statements inside.
         */
        private Stmt obscuringNames() {
            List<String> pool = new ArrayList<>(List.of("Poll", "Future", "Leaf", "Context", "AsyncMachine", "Objects",
                    "Sneaky", "MethodHandles", "MethodType", "Integer", "Double", "Function", "Generated", "Throwable",
                    "self", "cx", "ready", "future", "machine", "state", "awaited", "spill1", "result", "leave1",
                    "thrown1", "caught", "caught1", "receiver", "a0", "object", "of", "log", "f", "await"));
            pool.removeAll(taken);
            java.util.Collections.shuffle(pool, rnd);
            depth++;
            openScope();
            StringBuilder out = new StringBuilder();
            for (String name : pool.subList(0, Math.min(pool.size(), 2 + rnd.nextInt(4)))) {
                boolean string = name.equals("Leaf") || name.equals("Future") && chance(0.5);
                out.append(string ? "String " : "int ").append(name).append(" = ")
                        .append(string ? awaitOf("\"" + smallString() + "\"") : intExpr(1)).append(";\n");
                taken.add(name);
                scopes.peek().names.add(name);
                scopes.peek().vars.add(new Var(name, string ? Type.STRING : Type.INT, true));
            }
            String type = pickOne(List.of("Poll", "Future", "Context", "Objects", "Leaf"));
            if (!classNames.contains(type) && chance(0.4)) {
                classNames.add(type);
                String v = reserve("rec");
                out.append("record ").append(type).append("(int v) {}\n").append(type).append(' ').append(v)
                        .append(" = new ").append(type).append("(").append(intExpr(1)).append(");\n")
                        .append("log(\"").append(mark()).append("\", ").append(v).append(".v() + ").append(awaitOf("1"))
                        .append(");\n");
            }
            Stmt inner = statements(true);
            closeScope();
            depth--;
            return new Stmt("{\n" + indent(out + inner.text()) + "}\n", inner.completes());
        }

        private String pickOne(List<String> options) {
            return options.get(rnd.nextInt(options.size()));
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private static String indent(String text) {
            StringBuilder out = new StringBuilder();
            for (String line : text.split("\n", -1)) {
                if (!line.isEmpty()) {
                    out.append("    ").append(line);
                }
                out.append('\n');
            }
            out.setLength(out.length() - 1); // split kept a last empty piece after the final newline
            return out.toString();
        }
    }
}
