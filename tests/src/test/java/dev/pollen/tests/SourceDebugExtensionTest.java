package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Async;
import dev.pollen.Futures;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maven's in-process javac (maven-compiler-plugin, not forked) runs the processor's class-file
 * step too: the machines this module's build wrote carry the JSR-45 line map that lets a debugger
 * stop on the user's lines (read back with javap, as a user would check it).
 */
class SourceDebugExtensionTest {
    @Async
    static int twice(int x) {
        int y = await(Futures.ready(x));
        return y * 2;
    }

    @Test
    void aMachineCompiledByMavenCarriesItsLineMap(@TempDir Path dir) throws IOException {
        assertEquals(42, dev.pollen.Executor.blockOn(SourceDebugExtensionTestAsync.twice(21)));
        List<String> smap = sourceDebugExtension(dir, "SourceDebugExtensionTestAsync$twice.class");

        assertEquals(List.of("SMAP", "SourceDebugExtensionTestAsync$twice.java", "Pollen", "*S Pollen", "*F",
                "+ 1 SourceDebugExtensionTest.java", "dev/pollen/tests/SourceDebugExtensionTest.java", "*L",
                "28#1,1:48,8", // line 28's await: its first poll ...
                "28#1,1:60,8", // ... and its resume
                "29#1,1:68,1",
                "*E"), smap);
    }

    /** The lines of the class file's SourceDebugExtension, as {@code javap -v} prints them. */
    private static List<String> sourceDebugExtension(Path dir, String classFile) throws IOException {
        Path file = dir.resolve(classFile);
        try (InputStream in = SourceDebugExtensionTest.class.getResourceAsStream(classFile)) {
            Files.write(file, in.readAllBytes());
        }
        StringWriter out = new StringWriter();
        int status = ToolProvider.findFirst("javap").orElseThrow()
                .run(new PrintWriter(out), new PrintWriter(out), "-v", file.toString());
        assertEquals(0, status, out.toString());
        List<String> lines = out.toString().lines().toList();
        int start = lines.indexOf("SourceDebugExtension:");
        assertTrue(start >= 0, "no SourceDebugExtension in " + classFile + ":\n" + out);
        return lines.subList(start + 1, lines.size()).stream().takeWhile(l -> l.startsWith("  "))
                .map(l -> l.substring(2)).toList();
    }
}
