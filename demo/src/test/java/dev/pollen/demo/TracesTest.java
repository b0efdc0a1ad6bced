package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The async stack trace the README shows, line by line. */
@Timeout(30)
class TracesTest {
    private static final Path SOURCE = Path.of("src/main/java/dev/pollen/demo/Traces.java");

    @Test
    void printsTheFailureInTheUsersLines() throws IOException {
        List<String> printed = DemoOutput.lines(Traces::run);
        assertEquals(7, printed.size(), () -> String.join("\n", printed));
        assertEquals(List.of(
                "java.lang.IllegalStateException: out of stock: kettle",
                "\tat dev.pollen.demo.Traces.stock(Traces.java:" + line("throw new IllegalStateException") + ")",
                "\tat dev.pollen.demo.Traces.reserve(Traces.java:" + line("return await(TracesAsync.stock(item));") + ")",
                "\tat pollen.task 6 (awaited below) spawned at(Traces.java:" + line("Executor.spawn(TracesAsync.reserve(item))") + ")",
                "\tat dev.pollen.demo.Traces.checkout(Traces.java:" + line("reserved += await(reservation);") + ")"),
                printed.subList(0, 5));
        assertTrue(printed.get(5).matches("\tat dev\\.pollen\\.AsyncRuntime\\.blockOn\\(AsyncRuntime\\.java:\\d+\\)"), printed.get(5));
        assertEquals("\tat dev.pollen.demo.Traces.run(Traces.java:" + line("runtime.blockOn(TracesAsync.checkout") + ")", printed.get(6));
    }

    /** The line of the one source line that contains {@code text}. */
    private static int line(String text) throws IOException {
        List<String> lines = Files.readAllLines(SOURCE);
        int found = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                assertEquals(0, found, "twice in Traces.java: " + text);
                found = i + 1;
            }
        }
        assertTrue(found > 0, "not in Traces.java: " + text);
        return found;
    }
}
