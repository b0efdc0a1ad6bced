package dev.pollen.demo;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/** Runs a demo into a buffer and returns its lines. */
final class DemoOutput {
    private DemoOutput() {}

    static List<String> lines(Consumer<PrintStream> demo) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        demo.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
