package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The generated sources of a few representative methods, pinned so that a change to what people
 * read shows up in review. After an intended change, regenerate them with
 * {@code mvn -pl processor test -Dtest=GoldenFilesTest -Dpollen.goldens=update} and read the diff.
 */
class GoldenFilesTest {
    private static final Path GOLDENS = Path.of("src/test/resources/goldens");

    private static final String SOURCE = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import dev.pollen.Future;
            import java.util.List;

            class Shop {
                static Future<Integer> price(String item) {
                    return cx -> dev.pollen.Poll.ready(item.length());
                }

                /** Straight-line code. */
                @Async
                static String receipt(String item) {
                    int price = await(price(item));
                    String line = item + ": " + price;
                    return line + " (" + await(price(line)) + ")";
                }

                /** A loop with try/finally, continue and break. */
                @Async
                static int total(List<String> items, int limit) {
                    int sum = 0;
                    for (String item : items) {
                        try {
                            if (item.isEmpty()) {
                                continue;
                            }
                            sum += await(price(item));
                            if (sum > limit) {
                                break;
                            }
                        } finally {
                            System.out.println("checked " + item);
                        }
                    }
                    return sum;
                }
            }
            """;

    private static final String CART = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import java.util.List;

            class Cart<T extends CharSequence> {
                private final List<T> items;

                Cart(List<T> items) {
                    this.items = items;
                }

                /** A generic instance method using a private field. */
                @Async
                <R> R fold(R initial, java.util.function.BiFunction<R, Integer, R> step) {
                    R acc = initial;
                    for (T item : items) {
                        acc = step.apply(acc, await(Shop.price(item.toString())));
                    }
                    return acc;
                }
            }
            """;

    private static final String SHELF = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import java.util.function.IntFunction;

            class Shelf {
                private int count;

                private String label(int n) {
                    return "#" + n;
                }

                class Row {
                    /** Outer.this, a private method called in a lambda, a local record across an await. */
                    @Async
                    String describe(String item) {
                        record Line(String item, int price) { }
                        IntFunction<String> name = n -> label(n);
                        Line line = new Line(item, await(Shop.price(item)));
                        Shelf.this.count += line.price();
                        return name.apply(count) + " " + line;
                    }
                }
            }
            """;

    private static final String ORDERS = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import java.util.ArrayList;
            import java.util.List;

            class Orders {
                private record Line(String item, int price) { }

                private static final class Box {
                    private final List<Line> lines = new ArrayList<>();

                    int total() {
                        return lines.stream().mapToInt(Line::price).sum();
                    }
                }

                /** Private nested types: created, kept across awaits, in a list and an array, cast, tested. */
                @Async
                static String pack(List<String> items, Object extra) {
                    Box box = new Box();
                    for (String item : items) {
                        box.lines.add(new Line(item, await(Shop.price(item))));
                    }
                    Line[] sorted = box.lines.toArray(new Line[0]);
                    String note = extra instanceof Line ? ((Line) extra).item() : "none";
                    return box.total() + " " + sorted.length + " " + note + " " + await(Shop.price(note));
                }
            }
            """;

    @Test
    void representativeMachinesReadAsPinned() throws IOException {
        Compiled c = Compiled.withPollen("p.Shop", SOURCE, "p.Cart", CART, "p.Shelf", SHELF).assertClean();
        assertPinned(c, "ShopAsync", "ShopAsync$receipt", "ShopAsync$total", "CartAsync$fold", "Shelf_RowAsync$describe");
    }

    @Test
    void privateTypesReadAsPinned() throws IOException {
        assertPinned(Compiled.withPollen("p.Shop", SOURCE, "p.Orders", ORDERS).assertClean(), "OrdersAsync$pack");
    }

    private static void assertPinned(Compiled c, String... names) throws IOException {
        for (String name : names) {
            String generated = c.generatedSource("p." + name);
            Path golden = GOLDENS.resolve(name + ".java.txt");
            if ("update".equals(System.getProperty("pollen.goldens"))) {
                Files.writeString(golden, generated, StandardCharsets.UTF_8);
            }
            assertEquals(Files.readString(golden, StandardCharsets.UTF_8), generated, "golden " + golden);
        }
    }
}
