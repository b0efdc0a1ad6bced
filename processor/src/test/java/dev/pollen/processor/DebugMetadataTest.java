package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.internal.MachineInfo;
import dev.pollen.rt.debug.MachineInfos;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The debug metadata ({@code @MachineInfo}) the processor puts on machines: exact for a small
 * body, and end to end: a frame of a machine's {@code resume}, mapped through the metadata, is
 * the user's line. (The line map of every machine of the differential corpus is checked against
 * its source by {@link LineMapCheck}, from {@link Programs#compileBoth}.)
 */
class DebugMetadataTest {

    private static final String SHOP = Programs.HEADER + """
            class C {
                @Async
                static String go(String item, int n) {
                    int price = await(of(n));
                    String line = item
                            + ": " + price;
                    if (price > 10) {
                        return line + " (dear)";
                    }
                    return line + " (" + await(of(price * 2)) + ")";
                }
            }
            """;

    @Test
    void machineInfoOfASmallBody() {
        Compiled c = Compiled.withPollen("p.C", SHOP).assertClean();
        MachineInfo info = c.load("p.CAsync$go").getAnnotation(MachineInfo.class);
        assertEquals(1, info.version());
        assertEquals("C.java", info.source());
        assertEquals("p.C", info.declaringClass());
        assertEquals("go", info.method());
        assertEquals(12, info.line());
        // State 0 starts at the first await (line 13); 1 resumes it; 2 resumes the await of line 19.
        assertArrayEquals(new int[] {13, 13, 19}, info.states());
        assertArrayEquals(new int[] {1, 2}, info.awaits());
        assertArrayEquals(new String[] {"item", "n"}, info.fields());
        assertArrayEquals(new String[] {"item", "n"}, info.locals());
        String generated = c.generatedSource("p.CAsync$go");
        // The generated lines the map names hold what it says (the whole file: LineMapCheck.numbered).
        assertEquals(53, lineOf(generated, "= awaitable(Leaves.of(this.n))"));
        assertEquals(65, lineOf(generated, "case 1: {") + 1);
        assertEquals(72, lineOf(generated, "int price = awaited;"));
        assertEquals(73, lineOf(generated, "String line = this.item"));
        assertEquals(75, lineOf(generated, "this.item = null;"));
        assertEquals(79, lineOf(generated, "spill1 = line + \" (\";"));
        assertEquals(80, lineOf(generated, "= awaitable(Leaves.of(price * 2))"));
        assertEquals(92, lineOf(generated, "case 2: {") + 1);
        assertArrayEquals(new int[] {
                13, 1, 53, 8,   // await(of(n)): its first poll, 53-60
                13, 1, 65, 8,   // its resume (if (isSuspended()) {...}, 65-71), then int price = awaited;
                14, 2, 73, 1,   // String line = item + ": " + price; copied, on its two lines
                                // (75: this.item = null, the machine's own, has no line)
                16, 4, 76, 1,   // if (price > 10) { return ...; }, then line 19's spill1 = line + " (";
                19, 1, 80, 8,   // await(of(price * 2)): its first poll, 80-87
                19, 1, 92, 8,   // its resume, 92-98, then the return
        }, info.lines(), LineMapCheck.numbered(generated));
        LineMapCheck.check("CAsync$go", SHOP, generated, info);
    }

    @Test
    void theMetadataReaderDescribesTheMachine() {
        Compiled c = Compiled.withPollen("p.C", SHOP).assertClean();
        MachineInfos.Info info = MachineInfos.of(c.load("p.CAsync$go"));
        assertEquals("C.go", info.methodName());
        assertEquals("p.C.go(C.java:17)", info.frame(17).toString());
        assertEquals(19, info.stateLine(2));
        assertTrue(info.isAwait(2) && !info.isAwait(0));
        assertEquals("item", info.localName("item"));
    }

    /** Sources of the stack-trace checks: line numbers are asserted below. */
    private static final String THROWS = Programs.HEADER + """
            class C {
                static Future<Integer> boom(String message) {
                    return cx -> { throw new IllegalStateException(message); };
                }

                /** Pending (woken at once) at its first poll, then {@code then}'s value or failure. */
                static Future<Integer> later(java.util.function.IntSupplier then) {
                    boolean[] polled = {false};
                    return cx -> {
                        if (!polled[0]) {
                            polled[0] = true;
                            cx.waker().wake();
                            return dev.pollen.Poll.pending();
                        }
                        return dev.pollen.Poll.ready(then.getAsInt());
                    };
                }

                @Async
                static int between(int n) {
                    int a = await(of(n));
                    log("a " + a);
                    if (a > 0) {
                        throw new IllegalArgumentException("between");
                    }
                    return await(of(a));
                }

                @Async
                static int awaited() {
                    log("start");
                    int x = await(of(1));
                    return x + await(boom("awaited"));
                }

                @Async
                static int awaitedAfterPending() {
                    int x = await(of(1));
                    return x
                            + await(later(() -> { throw new IllegalStateException("pending"); }));
                }

                @Async
                static int outer() {
                    int v = await(of(1));
                    return v + await(CAsync.middle());
                }

                @Async
                static int middle() {
                    log("middle");
                    return await(CAsync.inner()) + 1;
                }

                @Async
                static int inner() {
                    int v = await(of(2));
                    if (v == 2) {
                        throw new UnsupportedOperationException("inner");
                    }
                    return v;
                }

                @Async
                static int outerLater() {
                    return await(CAsync.middleLater());
                }

                @Async
                static int middleLater() {
                    int v = await(CAsync.innerLater());
                    return v;
                }

                @Async
                static int innerLater() {
                    int v = await(later(() -> 2));
                    throw new UnsupportedOperationException("inner " + v);
                }
            }
            """;

    @Test
    void aFailureBetweenAwaitsIsAtItsLine() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", THROWS).assertClean();
        Throwable thrown = run(c, "between", 1);
        assertEquals(List.of("CAsync$between:33"), userFrames(c, thrown));
    }

    @Test
    void aFailureOfTheAwaitedFutureIsAtTheAwait() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", THROWS).assertClean();
        // Thrown by the first poll (future.poll), and by a later one (pollAwaited).
        assertEquals(List.of("CAsync$awaited:42"), userFrames(c, run(c, "awaited")));
        assertEquals(List.of("CAsync$awaitedAfterPending:49"), userFrames(c, run(c, "awaitedAfterPending")));
    }

    @Test
    void eachLevelOfAChainIsAtItsAwait() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", THROWS).assertClean();
        assertEquals(List.of("CAsync$inner:68", "CAsync$middle:61", "CAsync$outer:55"), userFrames(c, run(c, "outer")));
    }

    @Test
    void eachLevelOfAChainIsAtItsAwaitWhenResumedLater() throws Throwable {
        Compiled c = Compiled.withPollen("p.C", THROWS).assertClean();
        assertEquals(List.of("CAsync$innerLater:87", "CAsync$middleLater:80", "CAsync$outerLater:75"),
                userFrames(c, run(c, "outerLater")));
    }

    private static Throwable run(Compiled c, String method, Object... args) throws Throwable {
        Future<?> future = (Future<?>) c.call("p.CAsync", method, args);
        return assertThrows(RuntimeException.class, () -> Executor.blockOn(future));
    }

    /**
     * The frames of the @Async methods, as "machine:user line". The runtime's async stack traces
     * already map each machine's {@code resume} frame through its metadata ({@code p.C.between(C.java:33)});
     * a raw frame, where the runtime kept one, is mapped here the same way.
     */
    private static List<String> userFrames(Compiled c, Throwable thrown) {
        List<String> frames = new ArrayList<>();
        for (StackTraceElement frame : thrown.getStackTrace()) {
            if (frame.getClassName().startsWith("p.CAsync$") && frame.getMethodName().equals("resume")) {
                MachineInfos.Info info = MachineInfos.of(c.load(frame.getClassName()));
                frames.add(frame.getClassName().substring(2) + ":" + info.userLine(frame.getLineNumber()));
            } else if (frame.getClassName().equals("p.C") && !frame.getMethodName().startsWith("lambda$")) {
                frames.add("CAsync$" + frame.getMethodName() + ":" + frame.getLineNumber());
            }
        }
        assertTrue(!frames.isEmpty(), () -> "no machine frame in " + Arrays.toString(thrown.getStackTrace()));
        return frames;
    }

    /** The 1-based line of the generated text that contains {@code text} (exactly one). */
    static int lineOf(String generated, String text) {
        String[] lines = generated.split("\n", -1);
        int found = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                assertEquals(0, found, "twice: " + text);
                found = i + 1;
            }
        }
        assertTrue(found > 0, () -> "not generated: " + text + "\n" + LineMapCheck.numbered(generated));
        return found;
    }
}
