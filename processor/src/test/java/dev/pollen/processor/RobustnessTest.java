package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Executor;
import dev.pollen.Future;
import org.junit.jupiter.api.Test;

/**
 * Java 17 constructs in and around @Async methods: the processor neither crashes nor emits code
 * that fails to compile, and the machines run.
 */
class RobustnessTest {

    @Test
    void recordsEnumsInterfacesAndNestedGenericsCompileCleanlyAndRun() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", Programs.HEADER + """
                import java.util.*;
                import java.util.function.*;

                class C {
                    record Point(int x, int y) {
                        @Async
                        int sum() {
                            int a = await(of(x));
                            return a + y;
                        }
                    }

                    enum Op {
                        ADD { int apply(int a, int b) { return a + b; } },
                        MUL { int apply(int a, int b) { return a * b; } };

                        abstract int apply(int a, int b);

                        @Async
                        int applyLater(int a, int b) {
                            return apply(await(of(a)), b);
                        }
                    }

                    interface Shape {
                        double area();

                        @Async
                        default String describe() {
                            double a = await(of(area()));
                            return getClass().getSimpleName() + ":" + a;
                        }
                    }

                    static final class Square implements Shape {
                        public double area() { return 4.0; }
                    }

                    static class Box<T extends Comparable<? super T>> {
                        final List<? extends T> items;

                        Box(List<? extends T> items) { this.items = items; }

                        @Async
                        <R> Map<T, List<R>> group(Function<? super T, R> f) {
                            Map<T, List<R>> out = new TreeMap<>();
                            for (T item : items) {
                                R r = await(of(f.apply(item)));
                                out.computeIfAbsent(item, k -> new ArrayList<>()).add(r);
                            }
                            return out;
                        }
                    }

                    record Pair(String a, int b) {}

                    @Async
                    static String go(String... parts) {
                        var pair = new Pair(await(of(parts[0])), parts.length);
                        int total = await(PointAsync(new Point(1, 2)));
                        int op = await(C_OpAsync.applyLater(Op.MUL, 3, 4));
                        String shape = await(C_ShapeAsync.describe(new Square()));
                        Map<String, List<Integer>> grouped = await(C_BoxAsync.group(new Box<>(List.of("b", "a", "b")), String::length));
                        int[][] grid = new int[await(of(2))][3];
                        grid[1][2] = await(of(7));
                        long big = await(of(1L << 40));
                        char ch = await(of('x'));
                        Object[] objects = { await(of("o")), 1, null };
                        StringBuilder sb = new StringBuilder();
                        sb.append(pair).append(total).append(op).append(shape).append(grouped)
                                .append(Arrays.deepToString(grid)).append(big).append(ch).append(Arrays.toString(objects));
                        return sb.toString();
                    }

                    static Future<Integer> PointAsync(Point p) { return C_PointAsync.sum(p); }
                }
                """).assertClean();
        Object result = Executor.blockOn((Future<?>) c.call("p.CAsync", "go", (Object) new String[] {"first", "second"}));
        assertEquals("Pair[a=first, b=2]312Square:4.0{a=[1], b=[1, 1]}[[0, 0, 0], [0, 0, 7]]1099511627776x[o, 1, null]",
                result);
    }
}
