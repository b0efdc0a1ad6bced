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
}
