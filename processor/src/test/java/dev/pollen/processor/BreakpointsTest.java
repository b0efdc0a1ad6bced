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
            jdb.command("where", "[1] p.DemoAsync$run.run (Demo.java:32)\n  [2] p.DemoAsync$run.main (null)"); // jdb: a method with no user line has no source in the default stratum
            jdb.command("next", "Step completed: \"thread=main\", p.DemoAsync$run.run(), line=33 bci=");
            jdb.command("next", "Step completed: \"thread=main\", p.DemoAsync$run.run(), line=35 bci=");
            jdb.command("cont", "run = 14");
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
