package dev.pollen.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes benchmark 4's sources: {@value #CLASSES} classes of {@value #METHODS_PER_CLASS}
 * methods, each a loop with two awaits (one in an if), plus a helper class. The async flavour
 * marks them {@code @Async} and calls {@code await(f)}; the sync flavour is the same text with
 * {@code Leaves.block(f)} (a blocking poll) instead, and no {@code @Async}.
 */
final class CompileSources {

    static final int CLASSES = 20;
    static final int METHODS_PER_CLASS = 50;

    private CompileSources() {}

    /**
     * Writes the sources under {@code dir} (package {@code gen}) and returns their paths. In the
     * async flavour the first {@code asyncMethods} methods are {@code @Async}; the others are
     * written synchronously, as in the sync flavour.
     */
    static List<Path> write(Path dir, boolean async, int asyncMethods) {
        try {
            Path pkg = Files.createDirectories(dir.resolve("gen"));
            List<Path> files = new ArrayList<>();
            files.add(Files.writeString(pkg.resolve("Leaves.java"), LEAVES));
            for (int c = 0; c < CLASSES; c++) {
                String name = "Methods" + c;
                files.add(Files.writeString(pkg.resolve(name + ".java"), methodsClass(name, c, async ? asyncMethods : 0)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String LEAVES = """
            package gen;

            import dev.pollen.Context;
            import dev.pollen.Future;
            import dev.pollen.Poll;

            public final class Leaves {
                private static final Context NO_WAKE = Context.from(() -> {});

                private Leaves() {}

                public static Future<Integer> ready(int v) {
                    return cx -> Poll.ready(v);
                }

                public static <T> T block(Future<T> f) {
                    Poll<T> p = f.poll(NO_WAKE);
                    while (p.isPending()) {
                        Thread.onSpinWait();
                        p = f.poll(NO_WAKE);
                    }
                    return p.get();
                }
            }
            """;

    private static String methodsClass(String name, int c, int asyncMethods) {
        StringBuilder s = new StringBuilder();
        s.append("package gen;\n\n");
        if (c * METHODS_PER_CLASS < asyncMethods) {
            s.append("import static dev.pollen.Await.await;\n\nimport dev.pollen.Async;\n\n");
        }
        s.append("final class ").append(name).append(" {\n");
        for (int m = 0; m < METHODS_PER_CLASS; m++) {
            int id = c * METHODS_PER_CLASS + m;
            boolean async = id < asyncMethods;
            String wait = async ? "await" : "Leaves.block";
            s.append("\n");
            if (async) {
                s.append("    @Async\n");
            }
            s.append("    static int m").append(id).append("(int n) {\n")
                    .append("        int sum = 0;\n")
                    .append("        for (int k = 0; k < n; k++) {\n")
                    .append("            int v = ").append(wait).append("(Leaves.ready(k + ").append(id).append("));\n")
                    .append("            if (v % 3 == 0) {\n")
                    .append("                sum += v;\n")
                    .append("            } else {\n")
                    .append("                sum -= ").append(wait).append("(Leaves.ready(v * 2));\n")
                    .append("            }\n")
                    .append("        }\n")
                    .append("        return sum;\n")
                    .append("    }\n");
        }
        s.append("}\n");
        return s.toString();
    }
}
