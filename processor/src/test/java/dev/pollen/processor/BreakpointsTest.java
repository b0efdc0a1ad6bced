package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jdi.ReferenceType;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A debugger stops on, shows and steps by the user's lines of an {@code @Async} body: JDI sets a
 * breakpoint by the user's file and line in the {@code Pollen} stratum on the machine class, sees
 * it hit there, and steps on through the user's lines.
 */
class BreakpointsTest {
    /**
     * A class that carries a known line map, as the processor's machines do: generated lines 14..16
     * are Demo.java:31..33, line 17 is bookkeeping (no user line), line 18 is Demo.java:35.
     */
    static final String HAND_WRITTEN = """
            package p;

            import dev.pollen.internal.MachineInfo;

            @MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Demo", method = "run", line = 30,
                    states = {31}, awaits = {}, fields = {}, locals = {},
                    lines = {31, 3, 14, 1, 35, 1, 18, 1})
            public final class DemoAsync$run {
                public static void main(String[] args) {
                    System.out.println("run = " + run(2));
                }

                static int run(int x) {
                    int a = x + 1;
                    int b = a * 2;
                    int c = b - 1;
                    int d = c + 0;
                    return a + b + d;
                }
            }
            """;

    @Test
    void aBreakpointOnAUserLineIsHitThereAndStepsGoByUserLines(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/DemoAsync$run.java", HAND_WRITTEN);

        try (Debugger debugger = Debugger.launch(classPath(classes), "p.DemoAsync$run")) {
            ReferenceType machine = debugger.runUntilLoaded("p.DemoAsync$run");
            assertEquals(List.of("Java", "Pollen"), machine.availableStrata());
            assertEquals("Pollen", machine.defaultStratum());
            assertEquals(List.of("p/Demo.java"), machine.sourcePaths("Pollen"));
            assertEquals(1, debugger.breakAt(machine, "Pollen", "Demo.java", 32));

            Debugger.Stop hit = debugger.runUntilBreakpoint();
            assertEquals("Demo.java:32", hit.where());
            assertEquals("DemoAsync$run.java:15", hit.location().sourceName("Java") + ":" + hit.location().lineNumber("Java"));
            assertEquals(List.of("p.DemoAsync$run.run (Demo.java:32)", "p.DemoAsync$run.main (DemoAsync$run.java:10)"), hit.frames());
            assertEquals(List.of("Demo.java:33", "Demo.java:35"), debugger.stepThroughMethod(hit, 10));
            assertEquals(0, debugger.runToEnd());
            assertEquals("run = 14\n", debugger.output());
        }
    }

    /** jdb (of the JDK running the test) takes the user's line by class name and shows the user's file. */
    @Test
    void jdbStopsAtAUserLineAndShowsItInWhere(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/DemoAsync$run.java", HAND_WRITTEN);

        try (Jdb jdb = Jdb.launch(classPath(classes), "p.DemoAsync$run")) {
            jdb.command("stop at p.DemoAsync$run:32", "It will be set after the class is loaded.");
            jdb.command("run", "Breakpoint hit: \"thread=main\", p.DemoAsync$run.run(), line=32 bci=");
            // jdb shows a method with no user line (main) with no source: it has none in the default stratum
            jdb.command("where", "[1] p.DemoAsync$run.run (Demo.java:32)", "[2] p.DemoAsync$run.main (null)");
            jdb.command("next", "Step completed: \"thread=main\", p.DemoAsync$run.run(), line=33 bci=");
            jdb.command("next", "Step completed: \"thread=main\", p.DemoAsync$run.run(), line=35 bci=");
            jdb.command("cont", "run = 14");
        }
    }

    /** A real @Async body, compiled with the real processor: its lines below are pinned by the tests. */
    private static final String DEMO = """
            package p;

            import static dev.pollen.Await.await;

            import dev.pollen.Async;
            import dev.pollen.Context;
            import dev.pollen.Executor;
            import dev.pollen.Future;
            import dev.pollen.Poll;

            public final class Demo {
                public static void main(String[] args) {
                    System.out.println("total = " + Executor.blockOn(DemoAsync.total(5)));
                }

                @Async
                static int total(int x) {
                    int a = x + 1;
                    int b = await(later(a));
                    int c = b * 3;
                    System.out.println("c = " + c);
                    int d = await(later(c));
                    return a + d;
                }

                /** Pending at its first poll (it wakes its waker at once), then ready with value. */
                static Future<Integer> later(int value) {
                    return new Future<>() {
                        private boolean polled;

                        @Override
                        public Poll<Integer> poll(Context cx) {
                            if (polled) {
                                return Poll.ready(value);
                            }
                            polled = true;
                            cx.waker().wake();
                            return Poll.pending();
                        }
                    };
                }
            }
            """;

    /** The line after an await (its resume) and the line between two awaits: hit there, then steps by user lines. */
    @Test
    void aGeneratedMachineStopsAfterAnAwaitAndStepsByUserLines(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/Demo.java", DEMO);

        try (Debugger debugger = Debugger.launch(classPath(classes), "p.Demo")) {
            ReferenceType machine = debugger.runUntilLoaded("p.DemoAsync$total");
            assertEquals("Pollen", machine.defaultStratum());
            assertEquals(1, debugger.breakAt(machine, "Pollen", "Demo.java", 20));

            Debugger.Stop hit = debugger.runUntilBreakpoint();
            assertEquals("Demo.java:20", hit.where());
            assertEquals(List.of("p.DemoAsync$total.resume (Demo.java:20)"), hit.frames().subList(0, 1));
            assertEquals(List.of("Demo.java:21", "Demo.java:22"), debugger.stepThroughMethod(hit, 10),
                    "the await on line 22 suspends: the step leaves resume");
            assertEquals(0, debugger.runToEnd());
            assertEquals("c = 18\ntotal = 24\n", debugger.output());
        }
    }

    /** An await's line has two locations, the first poll and the resume: a suspending await stops twice. */
    @Test
    void anAwaitLineStopsBeforeAndAfterItSuspends(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/Demo.java", DEMO);

        try (Debugger debugger = Debugger.launch(classPath(classes), "p.Demo")) {
            ReferenceType machine = debugger.runUntilLoaded("p.DemoAsync$total");
            assertEquals(2, debugger.breakAt(machine, "Pollen", "Demo.java", 19));
            assertEquals(1, debugger.breakAt(machine, "Pollen", "Demo.java", 23));

            List<String> hits = new ArrayList<>();
            for (Debugger.Stop hit = debugger.runUntilBreakpoint(); hit != null; hit = debugger.runUntilBreakpoint()) {
                hits.add(hit.where());
            }
            assertEquals(List.of("Demo.java:19", "Demo.java:19", "Demo.java:23"), hits);
        }
    }

    /** The Java stratum still addresses generated lines (an IDE with the generated source open); shown as the user's. */
    @Test
    void aBreakpointOnAGeneratedLineStillWorks(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/Demo.java", DEMO);
        List<String> generated = java.nio.file.Files.readAllLines(dir.resolve("generated/p/DemoAsync$total.java"));
        int println = generated.indexOf("                    System.out.println(\"c = \" + c);") + 1;
        assertTrue(println > 0, String.join("\n", generated));

        try (Debugger debugger = Debugger.launch(classPath(classes), "p.Demo")) {
            ReferenceType machine = debugger.runUntilLoaded("p.DemoAsync$total");
            assertEquals(1, debugger.breakAt(machine, "Java", "DemoAsync$total.java", println));

            Debugger.Stop hit = debugger.runUntilBreakpoint();
            assertEquals("Demo.java:21", hit.where());
            assertEquals("DemoAsync$total.java:" + println,
                    hit.location().sourceName("Java") + ":" + hit.location().lineNumber("Java"));
        }
    }

    /** jdb by the machine's class name and the user's line; the same line by the user's class is the trap. */
    @Test
    void jdbStopsInAGeneratedMachineButNotInTheUsersClass(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, "p/Demo.java", DEMO);

        try (Jdb jdb = Jdb.launch(classPath(classes), "p.Demo")) {
            jdb.command("stop at p.Demo:21", "It will be set after the class is loaded.");
            jdb.command("stop at p.DemoAsync$total:21", "It will be set after the class is loaded.");
            jdb.command("run", "Breakpoint hit: \"thread=main\", p.DemoAsync$total.resume(), line=21 bci=");
            jdb.command("where", "[1] p.DemoAsync$total.resume (Demo.java:21)", "[2] dev.pollen.internal.AsyncMachine.poll");
            jdb.command("cont", "The application exited");
            assertEquals(1, jdb.output().split("Breakpoint hit").length - 1, jdb.output());
        }
    }

    private static Path compile(Path dir, String file, String text) {
        Path source = OnDisk.write(dir, "src/" + file, text);
        Path classes = dir.resolve("classes");
        OnDisk.Result result = OnDisk.compile(ToolProvider.getSystemJavaCompiler(), Compiled.processors(), List.of("-g"),
                classes, dir.resolve("generated"), List.of(source));
        assertTrue(result.success(), result.describe());
        return classes;
    }

    /** {@code classes}, then the test's class path (the runtime, the harness). */
    private static List<Path> classPath(Path classes) {
        List<Path> path = new ArrayList<>(List.of(classes));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            path.add(Path.of(entry));
        }
        return path;
    }
}
