package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeout;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import dev.pollen.Clock;
import dev.pollen.Future;
import dev.pollen.Reactor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The demo prints exactly the lines the README shows when its reactor runs on virtual time. */
class DemoTest {

    @Test
    void printsTheSeedsFourLinesOnVirtualTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        // The program's timers add up to 5 s; on virtual time nothing really waits, so a run
        // that takes anywhere near that long means the clock was not virtual.
        assertTimeout(Duration.ofSeconds(4), () -> Demo.run(out, Clock.virtual()));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(
                List.of(
                        "Future got 1 at time: 1.00.",
                        "Future got 2 at time: 3.00.",
                        "Future got 1 at time: 1.00.",
                        "Future got 2 at time: 2.00."),
                lines);
        assertTrue(bytes.toString(StandardCharsets.UTF_8).endsWith(System.lineSeparator()),
                "each line ends with %n");
    }

    /** On a paused clock the jobs' timers take no real time, and their times are exact. */
    @Test
    void jobsRunOnAMultiThreadedRuntimeOnPausedTime() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).startPaused(true).build()) {
            assertTimeout(Duration.ofSeconds(30), () -> Jobs.run(runtime, out));
        }
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            sum += Jobs.checksum(i);
        }
        assertEquals(
                List.of(
                        "report 1 at 0.70 s",
                        "report 2 at 0.95 s",
                        "report 3 at 1.20 s",
                        "8 jobs, checksum " + sum + ", done at 1.20 s"),
                bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }

    /** The README's excerpt of generated code is what the processor generates for the demo. */
    @Test
    void theReadmeShowsTheGeneratedCodeAsItIs() throws java.io.IOException {
        String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
        int start = readme.indexOf("final class DemoAsync$report");
        String excerpt = readme.substring(start, readme.indexOf("```", start));
        String generated = java.nio.file.Files.readString(java.nio.file.Path.of(
                "target/generated-sources/annotations/dev/pollen/demo/DemoAsync$report.java"));
        for (String line : excerpt.lines().toList()) {
            if (!line.isBlank() && !line.trim().equals("...")) {
                assertTrue(generated.contains(line + "\n"), "generated code has the README's line: " + line);
            }
        }
    }

    @Test
    void theProcessorGeneratedTheFacades() throws ReflectiveOperationException {
        Class<?> facades = Class.forName("dev.pollen.demo.DemoAsync");
        assertFacade(facades.getDeclaredMethod("sequential", Reactor.class, PrintStream.class));
        assertFacade(facades.getDeclaredMethod("concurrent", Reactor.class, PrintStream.class));
        assertFacade(facades.getDeclaredMethod("report", Future.class, Clock.class, long.class, PrintStream.class));
    }

    /** A facade of a package-private {@code static void} method: {@code static Future<Void>}, package-private. */
    private static void assertFacade(Method facade) {
        int modifiers = facade.getModifiers();
        assertTrue(Modifier.isStatic(modifiers), facade + " is static");
        assertTrue(!Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers) && !Modifier.isPrivate(modifiers),
                facade + " is package-private, like its method");
        Type returned = facade.getGenericReturnType();
        assertTrue(returned instanceof ParameterizedType, facade + " returns a parameterized Future");
        ParameterizedType future = (ParameterizedType) returned;
        assertEquals(Future.class, future.getRawType());
        assertEquals(List.of(Void.class), List.of(future.getActualTypeArguments()));
    }
}
