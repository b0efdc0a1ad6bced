package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/**
 * Private nested types (and types nested in private ones) used in an {@code @Async} body: the
 * machine, another class, writes them as their projection and reaches their members and class
 * objects through the lookup (docs/design.md, "Private types").
 */
class PrivateTypesTest {

    @Test
    void privateClassAndRecordAcrossAwaits() {
        Compiled c = Programs.assertSameAsSync("""
                class C {
                    private static final class Box {
                        private int value;
                        final String name;
                        Box(int value, String name) { this.value = value; this.name = name; }
                        int twice() { return 2 * value; }
                        static Box of(int v) { return new Box(v, "s" + v); }
                        @Override public String toString() { return name + "=" + value; }
                    }
                    private record Pair(int left, String right) {}

                    @Async
                    static String go(int k) {
                        Box b = new Box(await(of(k)), "b");
                        Pair p = new Pair(await(of(k + 1)), b.name);
                        b.value += await(of(10));
                        int t = b.twice();
                        Box c = Box.of(await(of(3)));
                        return b + " " + p + " " + p.left() + p.right() + " " + t + " " + c + " " + c.value++ + " " + c.value;
                    }
                }
                """, "go", 4);
        if (System.getProperty("show") != null) System.out.println(c.generatedSources());
    }
}
