package dev.pollen.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;

/**
 * Benchmark 4's compiles ({@link CompileTime#compile}) measured by the compiling thread's CPU
 * time, the variants alternating: on a shared machine, wall time moves with the others' load
 * (2x between runs), while CPU time counts only this compile's work (javac runs on one thread).
 * For small differences, such as Pollen's cost in a module that does not use it
 * ({@code asyncMethods=0}). Three variants: with Pollen; with a processor that does nothing
 * (what javac's annotation processing costs by itself, with any processor on the path); plain
 * javac with {@code -proc:none}.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.pollen.bench.CompileCost [asyncMethods (0)] [rounds (40)]</pre>
 *
 * Prints the median CPU and wall time of each, after as many warm-up rounds.
 */
public final class CompileCost {
    private CompileCost() {}

    /** Supports every annotation and does nothing, as a processor that finds nothing of its own. */
    static final class NoOpProcessor extends AbstractProcessor {
        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        int asyncMethods = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        Path dir = Files.createTempDirectory("pollen-bench-cost");
        List<Path> asyncSources = CompileSources.write(dir.resolve("async"), true, asyncMethods);
        List<Path> syncSources = CompileSources.write(dir.resolve("sync"), false, 0);
        Map<String, Supplier<List<Processor>>> variants = new LinkedHashMap<>();
        variants.put("pollen", CompileTime::pollenProcessors);
        variants.put("no-op processor", () -> List.of(new NoOpProcessor()));
        variants.put("plain javac", List::of);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, List<long[]>> samples = new LinkedHashMap<>();
        for (int i = 0; i < 2 * rounds; i++) {
            for (Map.Entry<String, Supplier<List<Processor>>> variant : variants.entrySet()) {
                List<Path> sources = variant.getKey().equals("pollen") ? asyncSources : syncSources;
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                CompileTime.compile(sources, variant.getValue().get(), dir.resolve("out"));
                long[] took = {threads.getCurrentThreadCpuTime() - cpu, System.nanoTime() - wall};
                if (i >= rounds) {
                    samples.computeIfAbsent(variant.getKey(), k -> new ArrayList<>()).add(took);
                }
            }
        }
        double plainCpu = median(samples.get("plain javac"), 0);
        System.out.printf(Locale.ROOT, "asyncMethods=%d, %d rounds, medians:%n", asyncMethods, rounds);
        samples.forEach((name, taken) -> System.out.printf(Locale.ROOT,
                "  %-16s CPU %7.1f ms (%.3f x plain javac), wall %7.1f ms%n",
                name, median(taken, 0) / 1e6, median(taken, 0) / plainCpu, median(taken, 1) / 1e6));
    }

    private static double median(List<long[]> samples, int index) {
        List<Long> values = new ArrayList<>();
        samples.forEach(sample -> values.add(sample[index]));
        Collections.sort(values);
        int n = values.size();
        return n % 2 == 1 ? values.get(n / 2) : (values.get(n / 2 - 1) + values.get(n / 2)) / 2.0;
    }
}
