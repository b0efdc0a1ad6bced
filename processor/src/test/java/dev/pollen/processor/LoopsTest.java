package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Executor;
import dev.pollen.Future;
import org.junit.jupiter.api.Test;

/** Loops, break and continue around awaits, run against the same bodies run synchronously. */
class LoopsTest {

    @Test
    void whileWithAwaitsInConditionAndBody() {
        String program = """
                class C {
                    @Async
                    static int go(int n) {
                        int sum = 0;
                        int i = 0;
                        while (await(of(i < n))) {
                            sum += await(of(i));
                            log("i", i);
                            i++;
                        }
                        return sum;
                    }
                }
                """;
        for (int n : new int[] {0, 1, 4}) {
            Programs.assertSameAsSync(program, "go", n);
        }
    }

    @Test
    void doWhileRunsTheBodyFirst() {
        String program = """
                class C {
                    @Async
                    static String go(int n) {
                        StringBuilder out = new StringBuilder();
                        int i = 0;
                        do {
                            out.append(await(of(i)));
                            i++;
                        } while (i < n);
                        return out.toString();
                    }
                }
                """;
        for (int n : new int[] {0, 3}) {
            Programs.assertSameAsSync(program, "go", n);
        }
    }

    @Test
    void forWithAwaitsInInitConditionUpdateAndBody() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go() {
                        String out = "";
                        for (int i = await(of(0)), j = 10; i < await(of(3)); i += await(of(1)), j--) {
                            int square = i * i;
                            out += await(of(square)) + "/" + j + " ";
                        }
                        for (int k = 0; k < 2; k++) {
                            log("plain", k);
                        }
                        return out;
                    }
                }
                """, "go");
    }

    @Test
    void forEachOverArraysAndIterables() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go() {
                        String out = "";
                        for (int v : new int[] {1, 2, 3}) {
                            out += await(of(v * 10));
                        }
                        for (String s : await(of(java.util.List.of("a", "b")))) {
                            out += s + await(of(s.toUpperCase()));
                        }
                        for (var o : java.util.List.of(1, 2)) {
                            Integer doubled = await(of(o * 2));
                            out += doubled + o;
                        }
                        return out;
                    }
                }
                """, "go");
    }

    @Test
    void breakAndContinueLabeledAndNot() {
        String program = """
                class C {
                    @Async
                    static String go(int limit) {
                        String out = "";
                        outer:
                        for (int i = 0; i < 5; i++) {
                            int j = 0;
                            while (true) {
                                j++;
                                if (j > 3) {
                                    break;
                                }
                                if (await(of(i + j)) == limit) {
                                    log("found", i * 10 + j);
                                    break outer;
                                }
                                if (j == 2) {
                                    continue outer;
                                }
                                for (int k = 0; k < 3; k++) {
                                    if (k == 1) continue;
                                    if (k == 2) break;
                                    out += k;
                                }
                                out += "(" + i + "," + j + ")";
                            }
                        }
                        block:
                        {
                            if (await(of(limit)) > 3) {
                                break block;
                            }
                            out += "small";
                        }
                        return out;
                    }
                }
                """;
        for (int limit : new int[] {2, 5, 100}) {
            Programs.assertSameAsSync(program, "go", limit);
        }
    }

    @Test
    void returnAndThrowFromInsideLoops() {
        String program = """
                class C {
                    @Async
                    static int go(int stop) {
                        for (int i = 0; ; i++) {
                            int v = await(of(i));
                            if (v == stop) {
                                return v * 100;
                            }
                            if (v > 5) {
                                throw new IllegalStateException("too far " + v);
                            }
                        }
                    }
                }
                """;
        for (int stop : new int[] {0, 3, 9}) {
            Programs.assertSameAsSync(program, "go", stop);
        }
    }

    @Test
    void lambdasCaptureTheValueOfEachIteration() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go() {
                        java.util.List<java.util.function.IntSupplier> list = new java.util.ArrayList<>();
                        for (int i = 0; i < 3; i++) {
                            int v = i * 10;
                            await(of(i));
                            list.add(() -> v + 1);
                            Object o = new Object() {
                                @Override
                                public String toString() {
                                    return "anon" + v;
                                }
                            };
                            list.add(() -> o.toString().length() + v);
                        }
                        String out = "";
                        for (java.util.function.IntSupplier s : list) {
                            out += s.getAsInt() + ",";
                        }
                        return out;
                    }
                }
                """, "go");
    }

    @Test
    void manyReadyAwaitsInALoopDoNotGrowTheStack() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                class C {
                    @Async
                    static long go(int n) {
                        long sum = 0;
                        for (int i = 0; i < n; i++) {
                            sum += await(of(i));
                        }
                        return sum;
                    }
                }
                """).assertClean();
        Future<?> future = (Future<?>) c.call("p.CAsync", "go", 200_000);
        assertEquals(199_999L * 200_000 / 2, Executor.blockOn(future));
    }
}
