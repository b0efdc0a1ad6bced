package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Spawn sites: a call of {@code Executor.spawn}, {@code AsyncRuntime.spawn} or
 * {@code TaskScope.spawn} in an {@code @Async} body passes its future through
 * {@code AsyncMachine.spawnedAt(f, CAsync$m.class, line)}, in lambdas and local classes of the
 * body too, and an argument that awaits is still evaluated in Java's order.
 */
class SpawnSitesTest {

    /** Every kind of spawn, in the body, a lambda and a local class (compiled, not run). */
    private static final String SPAWNS = Programs.HEADER + """
            import dev.pollen.AsyncRuntime;
            import dev.pollen.Executor;
            import dev.pollen.JoinHandle;
            import dev.pollen.TaskScope;
            import java.util.function.Supplier;

            class C {
                @Async
                static int go(AsyncRuntime rt) {
                    JoinHandle<Integer> first = rt.spawn(of(1));
                    Supplier<JoinHandle<Integer>> second =
                            () -> Executor.spawn(of(2));
                    JoinHandle<Integer> third = rt
                            .spawn(await(of(of(3))));
                    class Fourth {
                        JoinHandle<Integer> spawn() {
                            return rt.spawn(of(4));
                        }
                    }
                    int sum = await(first) + await(second.get()) + await(third) + await(new Fourth().spawn());
                    return sum + await(TaskScope.run(scope -> scope.spawn(of(5))));
                }

                static int notAsync(AsyncRuntime rt) {
                    return rt.spawn(of(6)) == null ? 0 : 1;
                }
            }
            """;

    @Test
    void everySpawnInTheBodyNamesItsLine() {
        Compiled c = Compiled.withPollen("p.C", SPAWNS).assertClean();
        String generated = c.generatedSource("p.CAsync$go");
        // Source order, except the local class, which became a member at the end of the machine.
        assertEquals(List.of("Leaves.of(1)|CAsync$go|19", "Leaves.of(2)|CAsync$go|21", "awaited|CAsync$go|23",
                "Leaves.of(5)|CAsync$go|30", "Leaves.of(4)|CAsync$go|26"), spawnSites(generated), LineMapCheck.numbered(generated));
        // Only @Async bodies: the processor does not touch other code.
        assertEquals(List.of(), spawnSites(c.generatedSource("p.CAsync")));
    }

    /** Spawns on a runtime of the body's own, so that the synchronous twin can run them too. */
    private static final String RUNS = """
            import dev.pollen.AsyncRuntime;
            import dev.pollen.JoinHandle;
            import java.util.function.Supplier;

            class C {
                static AsyncRuntime pick(AsyncRuntime rt) {
                    log("receiver");
                    return rt;
                }

                static <T> Future<T> logged(Future<T> f) {
                    log("argument");
                    return f;
                }

                @Async
                static int go() {
                    try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
                        JoinHandle<Integer> first = rt.spawn(of(1));
                        Supplier<JoinHandle<Integer>> second = () -> rt.spawn(of(2));
                        JoinHandle<Integer> third = pick(rt).spawn(logged(await(of(of(3)))));
                        class Fourth {
                            JoinHandle<Integer> spawn() {
                                log("fourth");
                                return rt.spawn(of(4));
                            }
                        }
                        int sum = await(first) + await(second.get()) + await(third);
                        log("sum " + sum);
                        return sum + await(new Fourth().spawn());
                    }
                }
            }
            """;

    @Test
    void spawnsRunAsTheSynchronousBodyDoes() {
        Compiled c = Programs.assertSameAsSync(RUNS, "go");
        assertEquals(List.of("Leaves.of(1)|CAsync$go|28", "Leaves.of(2)|CAsync$go|29", "C.logged(awaited)|CAsync$go|30",
                "Leaves.of(4)|CAsync$go|34"), spawnSites(c.generatedSource("p.CAsync$go")));
    }

    /** {@code spawnedAt(...)} calls of a generated source, as "argument|machine|line". */
    static List<String> spawnSites(String generated) {
        Matcher m = Pattern.compile("AsyncMachine\\.spawnedAt\\((.*?), (CAsync\\$\\w+)\\.class, (\\d+)\\)")
                .matcher(generated);
        List<String> sites = new ArrayList<>();
        while (m.find()) {
            sites.add(m.group(1) + "|" + m.group(2) + "|" + m.group(3));
        }
        return sites;
    }
}
