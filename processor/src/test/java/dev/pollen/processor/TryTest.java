package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.processor.harness.Trace;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** try/catch/finally around awaits, and cancellation running finally blocks. */
class TryTest {

    @Test
    void catchBlocksSeeFailuresOfAwaitedFutures() {
        String program = """
                class C {
                    @Async
                    static String go(int k) {
                        String out = "";
                        try {
                            out += await(of("a"));
                            if (k == 1) {
                                await(failing(new IllegalStateException("ise")));
                            } else if (k == 2) {
                                await(failing(new java.io.IOException("io")));
                            } else if (k == 3) {
                                throw new UnsupportedOperationException("plain");
                            }
                            out += "b";
                        } catch (IllegalStateException | UnsupportedOperationException e) {
                            out += "caught " + e.getMessage() + await(of("!"));
                        } catch (Exception e) {
                            String m = e.getMessage();
                            out += "exception " + await(of(m));
                        }
                        return out;
                    }
                }
                """;
        for (int k = 0; k <= 3; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }

    @Test
    void finallyRunsOnceOnEveryExit() {
        String program = """
                class C {
                    @Async
                    static int go(int k) throws Exception {
                        int total = 0;
                        for (int i = 0; i < 3; i++) {
                            try {
                                log("try", i);
                                int v = await(of(i));
                                if (k == 1 && i == 1) continue;
                                if (k == 2 && i == 1) break;
                                if (k == 3 && i == 1) return 100 + v;
                                if (k == 4 && i == 1) throw new Exception("thrown " + v);
                                if (k == 5 && i == 1) await(failing(new RuntimeException("failed")));
                                total += v;
                            } finally {
                                log("finally", i);
                                total += await(of(10));
                            }
                        }
                        return total;
                    }
                }
                """;
        for (int k = 0; k <= 5; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }

    @Test
    void returnValueIsKeptWhileFinallyAwaitsAndReturnInFinallyOverrides() {
        String program = """
                class C {
                    static int x = 1;

                    @Async
                    static int go(boolean override) {
                        try {
                            return x;
                        } finally {
                            x = await(of(2));
                            if (override) {
                                return await(of(3));
                            }
                        }
                    }
                }
                """;
        Programs.assertSameAsSync(program, "go", false);
        Programs.assertSameAsSync(program, "go", true);
    }

    @Test
    void nestedTriesAndFailuresInsideCatchAndFinally() {
        String program = """
                class C {
                    @Async
                    static String go(int k) {
                        String out = "";
                        try {
                            try {
                                out += await(of("1"));
                                if (k > 0) throw new IllegalArgumentException("inner");
                            } catch (IllegalArgumentException e) {
                                out += "c1";
                                if (k > 1) throw new IllegalStateException("from catch " + await(of("x")));
                            } finally {
                                out += "f1" + await(of(""));
                                if (k > 2) throw new ArithmeticException("from finally");
                            }
                            out += "after";
                        } catch (RuntimeException e) {
                            out += "outer " + e.getMessage();
                        } finally {
                            log(out);
                        }
                        return out;
                    }
                }
                """;
        for (int k = 0; k <= 3; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }

    @Test
    void verbatimTryInsideLoweredTry() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static int go() {
                        int r = 0;
                        try {
                            r = await(of(1));
                            try {
                                return r + 1;
                            } finally {
                                log("inner finally");
                            }
                        } finally {
                            log("outer finally " + await(of(r)));
                        }
                    }
                }
                """, "go");
    }

    @Test
    void tryWithResourcesClosesInReverseOrderWithSuppressedFailures() {
        String program = """
                class C {
                    @Async
                    static String go(int k) {
                        String out = "";
                        try (dev.pollen.processor.harness.Resource a = new dev.pollen.processor.harness.Resource(await(of("a")), k == 2);
                             dev.pollen.processor.harness.Resource b = new dev.pollen.processor.harness.Resource("b", k == 3)) {
                            out += a.name() + await(of(b.name()));
                            if (k == 1) {
                                throw new IllegalArgumentException("body");
                            }
                            if (k == 4) {
                                return out + " early";
                            }
                        } catch (RuntimeException e) {
                            out += " caught " + e.getMessage();
                            for (Throwable s : e.getSuppressed()) {
                                out += " suppressed " + s.getMessage();
                            }
                        } finally {
                            out += await(of(" finally"));
                        }
                        return out;
                    }
                }
                """;
        for (int k = 0; k <= 4; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }

    /**
     * A resource whose initializer alone awaits is emitted as a plain Java try after the await
     * (a lock's guard stays a local): closing, suppressed close failures, a return, a break and a
     * continue out of its block, and its name reused by a later resource, all as Java runs them.
     */
    @Test
    void tryWithAnAwaitedResourceOnlyClosesAsJavaDoes() {
        String program = """
                class C {
                    @Async
                    static String go(int k) {
                        String out = "";
                        for (int i = 0; i < 3; i++) {
                            try {
                                try (dev.pollen.processor.harness.Resource r = await(of(new dev.pollen.processor.harness.Resource("r" + i, k == 2)))) {
                                    out += r.name();
                                    if (k == 1 && i == 1) {
                                        throw new IllegalArgumentException("body");
                                    }
                                    if (k == 3 && i == 1) {
                                        return out + " early";
                                    }
                                    if (k == 4 && i == 0) {
                                        continue;
                                    }
                                    if (k == 5 && i == 1) {
                                        break;
                                    }
                                    out += ";";
                                }
                            } catch (RuntimeException e) {
                                out += " caught " + e.getMessage() + e.getSuppressed().length;
                            }
                            try (dev.pollen.processor.harness.Resource r = await(of(new dev.pollen.processor.harness.Resource("s" + i, false)))) {
                                out += r.name();
                            }
                            out += await(of("+"));
                        }
                        return out;
                    }
                }
                """;
        for (int k = 0; k <= 5; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
        Programs.assertCancellingIsReturning(program.replace("static String go(int k)", "static String go()")
                .replace("int k = 0;", "").replace("k ==", "0 =="), "go");
    }

    /** A future that stays pending until cancelled, then fails with CancellationException. */
    public static final class Forever<T> implements Future<T> {
        private boolean cancelled;

        @Override
        public Poll<T> poll(Context cx) {
            if (cancelled) {
                throw new CancellationException("forever cancelled");
            }
            return Poll.pending();
        }

        @Override
        public void cancel() {
            Trace.log("forever cancelled");
            cancelled = true;
        }
    }

    @Test
    void cancellingRunsFinallyBlocksButNotCatchBlocks() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async
                    static void go(Future<String> stuck) {
                        try {
                            try {
                                log("start");
                                await(stuck);
                                log("never");
                            } catch (RuntimeException e) {
                                log("catch must not run");
                            } finally {
                                log("inner finally " + await(of("awaited")));
                            }
                        } finally {
                            log("outer finally");
                        }
                        log("not after");
                    }
                }
                """).assertClean();
        Future<?> machine = (Future<?>) c.call("p.CAsync", "go", new Forever<String>());
        Context cx = Context.from(() -> { });
        Trace.log("begin");
        assertTrue(machine.poll(cx).isPending());
        machine.cancel();
        assertThrows(CancellationException.class, () -> machine.poll(cx));
        assertEquals(List.of("begin", "start", "forever cancelled", "inner finally awaited", "outer finally"),
                List.copyOf(traceTail("begin")));
    }

    private static List<String> traceTail(String from) {
        List<String> all = Trace.snapshot();
        return all.subList(all.lastIndexOf(from), all.size());
    }
}
