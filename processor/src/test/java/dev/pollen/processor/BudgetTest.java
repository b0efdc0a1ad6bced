package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cooperative budget, through the real processor: a task whose awaits always complete at
 * once, in a loop, yields after 1,024 iterations, so the other tasks of its runtime run
 * meanwhile; and a machine cancelled while it yielded runs the {@code finally} around the loop.
 */
class BudgetTest {

    private static final String PROGRAM = Programs.HEADER + """
            import dev.pollen.Executor;
            import dev.pollen.JoinHandle;
            import java.util.List;

            class C {
                @Async
                static long hog(int n, List<String> log) {
                    long sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += await(of(i));        // always ready
                    }
                    log.add("hog done");
                    return sum;
                }

                @Async
                static void other(List<String> log) {
                    log.add(await(of("other ran")));
                }

                @Async
                static long both(int n, List<String> log) {
                    JoinHandle<Long> hog = Executor.spawn(CAsync.hog(n, log));
                    JoinHandle<Void> other = Executor.spawn(CAsync.other(log));
                    long sum = await(hog);
                    await(other);
                    return sum;
                }
            }
            """;

    @Test
    void aTaskWhoseAwaitsAreAlwaysReadyYieldsToTheOthers() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", PROGRAM).assertClean();
        for (int n : new int[] {100, 1024, 1025, 10_000}) {
            List<String> log = new ArrayList<>();
            Future<?> both = (Future<?>) c.call("p.CAsync", "both", n, log);
            assertEquals((long) n * (n - 1) / 2, Executor.blockOn(both));
            // hog was queued first; it finishes within one poll only if its awaits fit the budget
            List<String> expected = n <= 1024 ? List.of("hog done", "other ran") : List.of("other ran", "hog done");
            assertEquals(expected, log, "n = " + n);
        }
    }

    @Test
    void aMachineCancelledWhileItYieldedRunsTheFinallyAroundItsLoop() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                import dev.pollen.Executor;
                import dev.pollen.JoinHandle;
                import java.util.List;
                import java.util.concurrent.CancellationException;

                class C {
                    @Async
                    static long guarded(int n, List<String> log) {
                        long sum = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                sum += await(of(i));
                            }
                            log.add("loop done");
                        } finally {
                            log.add(await(of("finally")));
                        }
                        return sum;
                    }

                    @Async
                    static void canceller(JoinHandle<Long> target, List<String> log) {
                        log.add(await(of("cancelling")));     // runs while guarded has yielded
                        target.cancel();
                    }

                    @Async
                    static void both(int n, List<String> log) {
                        JoinHandle<Long> guarded = Executor.spawn(CAsync.guarded(n, log));
                        await(Executor.spawn(CAsync.canceller(guarded, log)));
                        try {
                            await(guarded);
                            log.add("not cancelled");
                        } catch (CancellationException e) {
                            log.add("cancelled");
                        }
                    }
                }
                """).assertClean();
        List<String> log = new ArrayList<>();
        Executor.blockOn((Future<?>) c.call("p.CAsync", "both", 1_000_000, log));
        assertEquals(List.of("cancelling", "finally", "cancelled"), log);
    }

    @Test
    void theBudgetAppliesOnEveryWorkerOfAMultiThreadedRuntime() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", PROGRAM).assertClean();
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            List<String> log = new ArrayList<>();
            Future<?> both = (Future<?>) c.call("p.CAsync", "both", 100_000, log);
            assertEquals(100_000L * 99_999 / 2, rt.blockOn(both));
            assertEquals(List.of("other ran", "hog done"), log);
        }
    }
}
