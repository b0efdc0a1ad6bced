package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Large bodies: they compile, run, and every generated method stays below HotSpot's limit for
 * JIT compilation (8,000 bytes of bytecode, -XX:HugeMethodLimit), so machines are compiled.
 */
class LargeBodyTest {
    private static final int HUGE_METHOD_LIMIT = 8_000;

    @Test
    void fiveHundredSequentialAwaitsCompileRunAndAreSplitIntoCompilableMethods() throws Throwable {
        StringBuilder body = new StringBuilder("class C {\n    @Async\n    static long go() {\n        long sum = 0;\n");
        for (int i = 0; i < 500; i++) {
            body.append("        sum += await(of(").append(i).append("));\n");
            if (i % 50 == 0) {
                body.append("        if (sum % 7 == 3) { log(\"sum\", sum); }\n");
            }
        }
        body.append("        return sum;\n    }\n}\n");
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + body).assertClean();
        Future<?> future = (Future<?>) c.call("p.CAsync", "go");
        assertEquals(499L * 500 / 2, Executor.blockOn(future));
        assertAllMethodsCompilable(c, "p.CAsync$go");
    }

    @Test
    void anOrdinaryBodyStaysInOneMethodBelowTheLimit() {
        Compiled c = Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go(int n) {
                        String out = "";
                        for (int i = 0; i < n; i++) {
                            try {
                                out += await(of(i)) + ",";
                                if (i % 2 == 0) {
                                    out += await(of("even"));
                                } else {
                                    switch (i) {
                                        case 1 -> out += await(of("one"));
                                        default -> out += "odd";
                                    }
                                }
                            } catch (RuntimeException e) {
                                out += "caught";
                            } finally {
                                out += await(of(";"));
                            }
                        }
                        return out;
                    }
                }
                """, "go", 4);
        Map<String, Integer> lengths = assertAllMethodsCompilable(c, "p.CAsync$go");
        assertTrue(lengths.keySet().stream().noneMatch(name -> name.startsWith("resume") && !name.equals("resume")),
                "not split: " + lengths);
    }

    private static Map<String, Integer> assertAllMethodsCompilable(Compiled c, String machine) {
        Map<String, Integer> lengths = ClassFiles.codeLengths(c.classBytes(machine));
        lengths.forEach((name, length) -> assertTrue(length <= HUGE_METHOD_LIMIT,
                name + " has " + length + " bytes of bytecode: " + lengths));
        return lengths;
    }
}
