package dev.pollen.processor;

import dev.pollen.processor.harness.Differential;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/** Test support: runs a program both ways through the {@link Differential} harness. */
final class Programs {
    private Programs() {}

    static final String HEADER = """
            package p;

            import static dev.pollen.Await.await;
            import static dev.pollen.processor.harness.Leaves.failing;
            import static dev.pollen.processor.harness.Leaves.of;
            import static dev.pollen.processor.harness.Trace.log;

            import dev.pollen.Async;
            import dev.pollen.Future;
            """;

    /**
     * Compiles {@code p.C} (whose source is {@link #HEADER} plus {@code body}) with Pollen, and
     * its synchronous twin without, then checks that {@code method} behaves the same in both.
     * Returns the Pollen compile for further checks.
     */
    static Compiled assertSameAsSync(String body, String method, Object... args) {
        Twins twins = compileBoth(body);
        twins.assertSameAsSync(method, args);
        return twins.async();
    }

    /** A program compiled both ways, so that several of its methods can be compared after one compile. */
    record Twins(Compiled async, Compiled sync) {
        /** Checks that {@code method} of {@code p.C} behaves the same in both (see {@link Differential}). */
        void assertSameAsSync(String method, Object... args) {
            Differential.assertSameAsSync(async::load, sync::load, "p.C", method, args);
        }
    }

    /** Compiles {@code p.C} ({@link #HEADER} plus {@code body}) with Pollen and as its synchronous twin. */
    static Twins compileBoth(String body) {
        return compileBoth(List.of(), body);
    }

    /** As {@link #compileBoth(String)}, both compiles with {@code options} (such as {@code --release 21}). */
    static Twins compileBoth(List<String> options, String body) {
        String source = HEADER + body;
        Compiled async = Compiled.withPollenOptions(options, "p.C", source).assertClean();
        LineMapCheck.checkAll(async, source);
        Compiled sync = Compiled.plainOptions(options, syncTwin(async, source)).assertClean();
        return new Twins(async, sync);
    }

    /** Checks that cancelling at each await does what a return there does (see Differential). */
    static void assertCancellingIsReturning(String body, String method, Object... args) {
        assertCancellingIsReturning(List.of(), body, method, args);
    }

    static void assertCancellingIsReturning(List<String> options, String body, String method, Object... args) {
        Twins twins = compileBoth(options, body);
        Differential.assertCancellingIsReturning(twins.async()::load, twins.sync()::load, "p.C", method, args);
    }

    /** The twin's sources: the program with a blocking await, and facades that call the methods. */
    private static String[] syncTwin(Compiled async, String source) {
        List<String> files = new ArrayList<>(List.of("p.C",
                source.replace(Differential.AWAIT_IMPORT, Differential.BLOCKING_IMPORT)));
        for (JavaFileObject generated : async.compilation.generatedSourceFiles()) {
            String name = generated.getName();
            if (name.endsWith("Async.java")) {
                String simple = name.substring(name.lastIndexOf('/') + 1, name.length() - ".java".length());
                files.add("p." + simple);
                files.add(syncFacade(Compiled.text(generated), simple));
            }
        }
        return files.toArray(new String[0]);
    }

    /** {@code return new CAsync$m<>(self, a);} becomes {@code return Blocking.defer(() -> self.m(a));}. */
    private static final Pattern MACHINE_CALL = Pattern.compile(
            "return new \\w+\\$(\\w+?)(?:\\$\\d+)?(?:<>)?\\((.*)\\);");

    private static String syncFacade(String facade, String facadeSimpleName) {
        String owner = facadeSimpleName.substring(0, facadeSimpleName.length() - "Async".length()).replace('_', '.');
        StringBuilder out = new StringBuilder();
        String[] lines = facade.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = MACHINE_CALL.matcher(lines[i]);
            if (!m.find()) {
                out.append(lines[i]).append('\n');
                continue;
            }
            boolean instance = lines[i - 1].contains("requireNonNull(");
            String args = m.group(2);
            String target = owner;
            if (instance) {
                int comma = args.indexOf(',');
                target = comma < 0 ? args : args.substring(0, comma);
                args = comma < 0 ? "" : args.substring(comma + 1).trim();
            }
            boolean isVoid = returnsVoid(lines, i);
            String call = target + "." + m.group(1) + "(" + args + ")";
            String body = isVoid ? "{ " + call + "; return null; }" : call;
            out.append(lines[i], 0, m.start())
                    .append("return dev.pollen.processor.harness.Blocking.defer(() -> ").append(body).append(");\n");
        }
        return out.toString();
    }

    private static boolean returnsVoid(String[] lines, int at) {
        for (int i = at; i >= 0; i--) {
            if (lines[i].contains(" Future<")) {
                return lines[i].contains("Future<Void>");
            }
        }
        throw new AssertionError("no facade signature above line " + at);
    }
}
