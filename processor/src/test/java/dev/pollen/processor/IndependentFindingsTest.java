package dev.pollen.processor;

import org.junit.jupiter.api.Test;

/**
 * Classes of bugs that a second, independently written random-program generator found (issue 11
 * section 7), each as a differential test of the real processor against the synchronous twin.
 */
class IndependentFindingsTest {

    @Test
    void patternVariableOfAnAndConditionUsedInTheBody() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static String go(int n) {
                        Object o = n > 1 ? (Object) ("s" + n) : (Object) n;
                        await(of(0));
                        if (o instanceof String s && s.length() > await(of(1))) {
                            log(s);
                            await(of(2));
                            return s + await(of(s.length()));
                        }
                        if (!(o instanceof Integer i && i > 0) || await(of(false))) {
                            return "no";
                        }
                        return "i" + i;
                    }
                }
                """, "go", 3);
    }

    @Test
    void localRecordInACaseOfASwitchExpression() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static int go(int n) {
                        int r = switch (n) {
                            case 1 -> {
                                record P(int x, int y) {}
                                P p = new P(n, 2);
                                int y = await(of(p.y()));
                                yield p.x() + y + new P(3, 4).x();
                            }
                            default -> 0;
                        };
                        return r;
                    }
                }
                """, "go", 1);
    }

    @Test
    void compoundAssignmentToAPrivateStaticFieldNamedThroughItsClass() {
        Programs.assertSameAsSync("""
                class C {
                    private static int counter = 2;
                    private static long wide = 5;
                    @Async
                    static int go(int n) {
                        C.counter *= 3;
                        await(of(0));
                        C.counter += n;
                        C.wide <<= C.counter;
                        C.counter++;
                        int a = C.counter--;
                        p.C.counter -= await(of(1));
                        return C.counter + a + (int) C.wide + (C.counter *= 2);
                    }
                }
                """, "go", 4);
    }

    @Test
    void cStyleArrayBracketsInADeclarationOfSeveralVariables() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static int go(int n) {
                        int a[] = {1, 2, 3}, b = await(of(n)), c[][] = {{4}};
                        await(of(0));
                        String s[] = new String[] {"x"}, t = await(of("t"));
                        return a[2] + b + c[0][0] + s[0].length() + t.length() + a.length;
                    }
                }
                """, "go", 4);
    }

    @Test
    void continueWhoseFinallyAlwaysThrows() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    @SuppressWarnings("finally")
                    static int go(int n) {
                        int r = 0;
                        try {
                            for (int i = 0; i < n; i++) {
                                try {
                                    r += await(of(i));
                                    continue;
                                } finally {
                                    log("finally", r);
                                    throw new IllegalStateException("f" + r);
                                }
                            }
                        } catch (IllegalStateException e) {
                            log(e.getMessage());
                        }
                        while (true) {
                            try {
                                if (await(of(n > 0))) break;
                            } finally {
                                if (n > 0) throw new RuntimeException("w");
                            }
                        }
                        return r;
                    }
                }
                """, "go", 3);
    }

    @Test
    void compoundAssignmentToANullBoxedVariableUnboxesBeforeTheRightOperand() {
        Programs.assertSameAsSync("""
                class C {
                    @Async
                    static int go(int n) {
                        Integer boxed = n > 0 ? null : 1;
                        try {
                            boxed += await(of(log("right", n)));
                        } catch (NullPointerException e) {
                            log("npe");
                        }
                        Integer[] cells = {null};
                        try {
                            cells[0] *= await(of(log("cell", 2)));
                        } catch (NullPointerException e) {
                            log("npe cell");
                        }
                        String s = null;
                        s += await(of(log("string", "x")));
                        log(s + await(of(boxed)));
                        Integer none = null;
                        Boolean unknown = null;
                        int[] array = {1, 2};
                        try {
                            log("sum", none + await(of(log("sum right", 1))));
                        } catch (NullPointerException e) {
                            log("npe sum");
                        }
                        try {
                            log("argument", twice(none, await(of(log("second argument", 1)))));
                        } catch (NullPointerException e) {
                            log("npe argument");
                        }
                        try {
                            array[none] = await(of(log("value", 1)));
                        } catch (NullPointerException e) {
                            log("npe index");
                        }
                        try {
                            log("elements", new int[] {none, await(of(log("element", 1)))}.length);
                        } catch (NullPointerException e) {
                            log("npe element");
                        }
                        try {
                            log("and", unknown & await(of(log("and right", true))));
                        } catch (NullPointerException e) {
                            log("npe and");
                        }
                        try {
                            long wide = await(of(none)) + await(of(log("wide right", 1)));
                            log("wide", wide);
                        } catch (NullPointerException e) {
                            log("npe wide");
                        }
                        Integer same = 7;
                        log("references", same == await(of(same)));
                        return boxed == null ? -1 : boxed;
                    }

                    static int twice(int a, int b) {
                        return 2 * a + b;
                    }
                }
                """, "go", 1);
    }

    @Test
    void awaitAsTheReceiverOfAMethodReference() {
        Programs.assertSameAsSync("""
                import java.util.function.Supplier;
                import java.util.function.Function;
                class C {
                    @Async
                    static String go(int n) {
                        Supplier<String> up = await(of("ab" + n))::toUpperCase;
                        Function<Integer, Character> at = await(of(log("receiver", "xyz")))::charAt;
                        log(up.get(), at.apply(1));
                        Supplier<String> secret = await(of(new C()))::secret;
                        try {
                            Supplier<String> none = await(of((String) null))::trim;
                            log("not reached", none.get());
                        } catch (NullPointerException e) {
                            log("null receiver");
                        }
                        return up.get() + at.apply(2) + secret.get();
                    }

                    private String secret() {
                        return "secret";
                    }
                }
                """, "go", 1);
    }

    @Test
    void localsNamedLikeTheTypesTheGeneratedCodeNames() {
        Programs.Twins twins = Programs.compileBoth("""
                class C {
                    @Async
                    static int go(int n) {
                        int Poll = 1;
                        String Leaf = "leaf";
                        int Future = await(of(2));
                        int AsyncMachine = 3, Context = 4, Objects = 5, Integer = 6, String = 7;
                        int state = 8, self = 9, spill1 = 10, awaited = 11, cx = 12, machine = 13;
                        int r = await(of(Poll + Future + AsyncMachine + Context + Objects + Integer + String));
                        r += await(of(state + self + spill1 + awaited + cx + machine));
                        return r + Leaf.length();
                    }

                    private int field = 3;
                    private static double twice(double d) { return 2 * d; }

                    @Async
                    <Context> int instance(int Objects, Context Poll) {
                        record Future(int v) {}
                        Future f = new Future(await(of(Objects)));
                        double Double = 0.0 / 0.0, NaN = twice(Double);
                        int MethodHandles = field + await(of(f.v())), MethodType = field++;
                        await(of(0)); // MethodHandles and MethodType become fields, in scope of the lookup helper
                        return MethodHandles + MethodType + (Poll == null ? 0 : 1) + (NaN != NaN ? 1 : 0);
                    }
                }
                """);
        twins.assertSameAsSync("go", 1);
        twins.assertSameAsSync("instance", 4, null);
    }
}
