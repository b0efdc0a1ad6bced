package dev.pollen.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.pollen.processor.ProgramGenerator.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import org.junit.jupiter.api.Test;

/**
 * Random {@code @Async} programs ({@link ProgramGenerator}) run through the differential harness:
 * each generated method must return, throw and log exactly what its synchronous twin does, in
 * every leaf mode, for each of its two inputs (issue 3). Generated sources must also compile
 * without any warning under {@code -Xlint:all}.
 *
 * <p>Programs are compiled {@value #DEFAULT_BATCH} to a class (one javac run for many methods).
 * When a class does not compile, each of its programs is compiled alone to find the culprits; a
 * program that javac rejects even without the processor is reported as a generator bug, and any
 * other as a failure: a {@code [Pollen...]} error or warning on valid code, or a generated file
 * that does not compile. Each
 * comparison runs on a worker thread with a timeout of {@value #TIMEOUT_SECONDS} s, so that a
 * machine that never completes is a failure, not a hung build.
 *
 * <p>System properties (pass them to Maven with {@code -D}):
 * <ul>
 *   <li>{@code pollen.random.programs}: how many programs, default {@value #DEFAULT_PROGRAMS} (the CI
 *       run, about 1.5 minutes on 2 cores). The long run: {@code -Dpollen.random.programs=10000}
 *       (about 15 minutes).
 *   <li>{@code pollen.random.seed}: the seed, default {@value #DEFAULT_SEED} (fixed, so that CI is
 *       reproducible); {@code time} takes one from the clock. The seed is printed either way.
 *   <li>{@code pollen.random.only}: run only the program of this index, or these (comma-separated),
 *       (the replay of a failure, with the seed it printed); its source is printed.
 *   <li>{@code pollen.random.batch}: programs per compiled class, default {@value #DEFAULT_BATCH}.
 *   <li>{@code pollen.random.verbose=true}: print the time of each batch.
 * </ul>
 *
 * <p>A failure lists every failing program with its seed and index, then shows the source, the
 * replay command and the difference (or the compile errors) of the first {@value #FULL_REPORTS}.
 *
 * <pre>
 * mvn -o -q -pl runtime,processor install -Dtest=RandomProgramsTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpollen.random.programs=10000 -Dpollen.random.seed=time
 * mvn ... -Dpollen.random.seed=20240603 -Dpollen.random.only=377
 * </pre>
 */
class RandomProgramsTest {
    static final int DEFAULT_PROGRAMS = 1000;
    static final long DEFAULT_SEED = 20240603L;
    static final int DEFAULT_BATCH = 50;
    static final long TIMEOUT_SECONDS = 30;
    static final int FULL_REPORTS = 10;
    private static final int MAX_DETAIL = 12_000;

    private record Failure(Program program, String what, String detail) {}

    private ExecutorService runner = newRunner();
    private long compileNanos;
    private long runNanos;

    @Test
    void randomProgramsBehaveLikeTheirSynchronousTwins() {
        String seedProperty = System.getProperty("pollen.random.seed", String.valueOf(DEFAULT_SEED));
        long seed = seedProperty.equals("time") ? System.currentTimeMillis() : Long.parseLong(seedProperty);
        int count = Integer.getInteger("pollen.random.programs", DEFAULT_PROGRAMS);
        int batch = Integer.getInteger("pollen.random.batch", DEFAULT_BATCH);
        String onlyProperty = System.getProperty("pollen.random.only");
        List<Integer> only = onlyProperty == null ? null
                : java.util.Arrays.stream(onlyProperty.split(",")).map(String::trim).map(Integer::valueOf).toList();
        System.out.println("RandomProgramsTest: seed " + seed + ", "
                + (only != null ? "programs " + onlyProperty : count + " programs") + " (-Dpollen.random.seed=" + seed + ")");

        long start = System.nanoTime();
        List<Failure> failures = new ArrayList<>();
        if (only != null) {
            for (int index : only) {
                Program program = ProgramGenerator.generate(seed, index);
                System.out.println(program.source());
                runBatch(List.of(program), failures);
            }
        } else {
            for (int first = 0; first < count; first += batch) {
                List<Program> programs = new ArrayList<>();
                for (int i = first; i < Math.min(count, first + batch); i++) {
                    programs.add(ProgramGenerator.generate(seed, i));
                }
                runBatch(programs, failures);
            }
        }
        runner.shutdownNow();
        System.out.printf("RandomProgramsTest: %d failing of %d programs in %.1f s (compiling %.1f s, running %.1f s)%n",
                failures.size(), only != null ? only.size() : count, (System.nanoTime() - start) / 1e9,
                compileNanos / 1e9, runNanos / 1e9);
        if (!failures.isEmpty()) {
            fail(report(failures));
        }
    }

    private void runBatch(List<Program> programs, List<Failure> failures) {
        long compileStart = System.nanoTime();
        Programs.Twins twins;
        try {
            twins = Programs.compileBoth(ProgramGenerator.classBody(programs));
        } catch (AssertionError | RuntimeException batchFailure) {
            List<Program> compiling = new ArrayList<>();
            for (Program program : programs) {
                try {
                    Programs.compileBoth(ProgramGenerator.classBody(List.of(program)));
                    compiling.add(program);
                } catch (AssertionError | RuntimeException alone) {
                    failures.add(compileFailure(program, alone));
                }
            }
            if (compiling.size() == programs.size()) {
                failures.add(new Failure(programs.get(0), "the class of programs " + programs.get(0).index()
                        + ".." + programs.get(programs.size() - 1).index() + " failed to compile, each alone compiles",
                        String.valueOf(batchFailure)));
                return;
            }
            if (compiling.isEmpty()) {
                return;
            }
            programs = compiling;
            twins = Programs.compileBoth(ProgramGenerator.classBody(programs));
        }
        long runStart = System.nanoTime();
        compileNanos += runStart - compileStart;
        for (Program program : programs) {
            for (int input : program.inputs()) {
                String problem = compare(twins, program, input);
                if (problem != null) {
                    failures.add(new Failure(program, "diverges for input " + input, problem));
                    break;
                }
            }
        }
        runNanos += System.nanoTime() - runStart;
        if (Boolean.getBoolean("pollen.random.verbose")) {
            System.out.printf("  programs %d..%d: compiling %.1f s, running %.1f s%n", programs.get(0).index(),
                    programs.get(programs.size() - 1).index(), (runStart - compileStart) / 1e9,
                    (System.nanoTime() - runStart) / 1e9);
        }
    }

    /** Runs one method both ways (on another thread, to survive a machine that never completes). */
    private String compare(Programs.Twins twins, Program program, int input) {
        Future<?> run = runner.submit(() -> twins.assertSameAsSync(program.name(), input));
        try {
            run.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            runner.shutdownNow();
            runner = newRunner();
            return "no result after " + TIMEOUT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The facade of the helper {@code h}, for compiling a program without Pollen. */
    private static final String FACADE_STUB = """
            package p;
            final class CAsync {
                static dev.pollen.Future<Integer> h(int a) {
                    throw new UnsupportedOperationException();
                }
            }
            """;

    /**
     * A program that did not compile: javac's fault of the program (a generator bug) or Pollen's,
     * which is a {@code [Pollen...]} error on valid code or a generated file that does not compile.
     */
    private static Failure compileFailure(Program program, Throwable failure) {
        Compilation plain = javac().withOptions("-proc:none", "-Xlint:all")
                .compile(JavaFileObjects.forSourceString("p.C",
                        Programs.HEADER + ProgramGenerator.classBody(List.of(program))),
                        JavaFileObjects.forSourceString("p.CAsync", FACADE_STUB));
        List<String> plainProblems = plain.diagnostics().stream()
                .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                .map(Object::toString)
                .collect(Collectors.toList());
        if (!plainProblems.isEmpty()) {
            return new Failure(program, "GENERATOR BUG: javac rejects the program even without Pollen",
                    String.join("\n", plainProblems));
        }
        String detail = String.valueOf(failure);
        return new Failure(program, detail.contains("[Pollen") ? "Pollen reports an error or warning on valid code"
                : "the generated code does not compile", detail);
    }

    private static String report(List<Failure> failures) {
        StringBuilder out = new StringBuilder(failures.size() + " random programs failed; replay one with"
                + " -Dpollen.random.seed=<seed> -Dpollen.random.only=<index>\n");
        for (Failure f : failures) {
            out.append("  program ").append(f.program().index()).append(" (seed ").append(f.program().seed())
                    .append("): ").append(f.what()).append('\n');
        }
        for (Failure f : failures.subList(0, Math.min(FULL_REPORTS, failures.size()))) {
            String detail = f.detail().length() > MAX_DETAIL
                    ? f.detail().substring(0, MAX_DETAIL) + "\n[... " + (f.detail().length() - MAX_DETAIL) + " more characters]"
                    : f.detail();
            out.append("\n=== program ").append(f.program().index()).append(", seed ").append(f.program().seed())
                    .append(" (-Dpollen.random.seed=").append(f.program().seed())
                    .append(" -Dpollen.random.only=").append(f.program().index()).append("): ").append(f.what())
                    .append('\n').append(f.program().source()).append("--- ").append(detail).append('\n');
        }
        return out.toString();
    }

    private static ExecutorService newRunner() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "random-programs");
            t.setDaemon(true);
            return t;
        });
    }
}
