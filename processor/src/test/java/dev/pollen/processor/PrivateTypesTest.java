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

    @Test
    void listsArraysCastsAndInstanceof() {
        Compiled c = Programs.assertSameAsSync("""
                import java.util.*;
                class C {
                    private record Item(int n) implements Comparable<Item> {
                        public int compareTo(Item o) { return Integer.compare(n, o.n); }
                    }
                    private static class Base { int id() { return 1; } }
                    private static class Sub extends Base { @Override int id() { return 2; } }

                    @Async
                    static String go(int k) {
                        List<Item> items = new ArrayList<>();
                        for (int i = 0; i < k; i++) {
                            items.add(new Item(await(of(i * 3 % 5))));
                        }
                        Item[] array = new Item[k];
                        for (int i = 0; i < k; i++) {
                            array[i] = items.get(k - 1 - i);
                        }
                        Item[] two = {items.get(0), new Item(await(of(7)))};
                        Item[][] grid = new Item[2][3];
                        grid[1][2] = two[1];
                        Object o = await(of(k > 1 ? (Object) two[0] : "text"));
                        String kind = o instanceof Item ? "item " + ((Item) o).n() : "other";
                        Base b = await(of(k > 2)) ? new Sub() : new Base();
                        Object[] objects = array;
                        String failed = "";
                        try {
                            Object wrong = "x";
                            Item bad = (Item) wrong;
                            failed = "no " + bad;
                        } catch (ClassCastException e) {
                            failed = "cce";
                        }
                        Item none = (Item) null;
                        int sum = 0;
                        for (Item it : items) {
                            sum += it.n() + await(of(1));
                        }
                        items.sort(Comparator.comparing(Item::n));
                        return items + " " + Arrays.toString(array) + Arrays.toString(two) + grid[1][2] + grid.getClass().getSimpleName()
                                + array.getClass().getSimpleName() + " " + kind + b.id() + objects.length + failed + none + sum
                                + Item.class.getSimpleName() + (b instanceof Sub) + items.stream().mapToInt(Item::n).sum()
                                + items.size();
                    }
                }
                """, "go", 4);
        if (System.getProperty("show") != null) System.out.println(c.generatedSources());
    }
}
