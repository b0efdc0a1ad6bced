package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/** switch statements around awaits: old style with fall-through, arrow style, all selector kinds. */
class SwitchTest {

    @Test
    void oldStyleFallsThroughAndSharesItsScope() {
        String program = """
                class C {
                    @Async
                    @SuppressWarnings("fallthrough")
                    static String go(int k) {
                        String out = "";
                        switch (await(of(k))) {
                            case 1:
                                int shared = await(of(10));
                                out += "one";
                            case 2:
                                shared = 20;
                                out += "two" + shared;
                                break;
                            case 3:
                            case 4:
                                out += await(of("three-four"));
                                if (k == 4) break;
                                out += "-three";
                            default:
                                out += "default";
                        }
                        return out;
                    }
                }
                """;
        for (int k = 0; k <= 4; k++) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }

    @Test
    void arrowStyleWithStringsCharsAndEnums() {
        String program = """
                class C {
                    enum Color { RED, GREEN, BLUE }

                    @Async
                    static String go(String s, char c, int colorIndex) {
                        Color color = Color.values()[colorIndex];
                        String out = "";
                        switch (s) {
                            case "a", "b" -> out += await(of("ab"));
                            case "c" -> {
                                out += "c";
                                out += await(of("!"));
                            }
                            default -> out += "?";
                        }
                        switch (c) {
                            case 'x' -> out += await(of('X'));
                            default -> { }
                        }
                        switch (color) {
                            case RED:
                                out += await(of("red"));
                                break;
                            case GREEN:
                                return out + "green";
                        }
                        return out;
                    }
                }
                """;
        Programs.assertSameAsSync(program, "go", "a", 'x', 0);
        Programs.assertSameAsSync(program, "go", "c", 'y', 1);
        Programs.assertSameAsSync(program, "go", "z", 'x', 2);
    }

    @Test
    void switchExpressionsWithAwaitsInSelectorCasesAndYield() {
        String program = """
                class C {
                    enum Color { RED, GREEN }

                    @Async
                    @SuppressWarnings("fallthrough")
                    static String go(int k) {
                        int a = log("before", 1) + switch (await(of(k))) {
                            case 0 -> await(of(10));
                            case 1 -> {
                                int t = await(of(20));
                                yield t + 1;
                            }
                            case 2 -> throw new IllegalStateException("two " + await(of("!")));
                            default -> {
                                if (k > 5) {
                                    yield 99;
                                }
                                yield await(of(30));
                            }
                        };
                        String b = switch (k) {
                            case 0:
                                log("zero");
                            case 1:
                                yield "low" + await(of(k));
                            default:
                                yield "high";
                        };
                        Color color = k % 2 == 0 ? Color.RED : Color.GREEN;
                        String c = switch (color) {
                            case RED -> await(of("red"));
                            case GREEN -> "green";
                        };
                        return a + " " + b + " " + c;
                    }
                }
                """;
        for (int k : new int[] {0, 1, 2, 3, 7}) {
            Programs.assertSameAsSync(program, "go", k);
        }
    }
}
