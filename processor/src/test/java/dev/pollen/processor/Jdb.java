package dev.pollen.processor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test support: drives the {@code jdb} of the JDK running the test, one command at a time, each
 * waiting (with a timeout) for a text in what jdb prints after it. The process is killed when
 * the session closes, whatever happened.
 */
final class Jdb implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final Process process;
    private final OutputStream input;
    private final StringBuffer output = new StringBuffer();
    private int seen;

    private Jdb(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    synchronized (output) {
                        output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        output.notifyAll();
                    }
                }
            } catch (IOException ended) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts jdb on {@code mainClass} (not yet running: jdb waits for {@code run}). */
    static Jdb launch(List<Path> classPath, String mainClass) throws IOException {
        Path jdb = Path.of(System.getProperty("java.home"), "bin", "jdb");
        String path = classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        Process process = new ProcessBuilder(jdb.toString(), "-classpath", path, mainClass)
                .redirectErrorStream(true).start();
        return new Jdb(process);
    }

    /**
     * Sends {@code command}; waits until jdb has printed each of {@code expected} after it, in
     * order (jdb may print its prompt between two lines of a reply).
     */
    void command(String command, String... expected) throws IOException, InterruptedException {
        input.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        synchronized (output) {
            for (String text : expected) {
                while (output.indexOf(text, seen) < 0) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        throw new AssertionError("jdb did not print \"" + text + "\" after \"" + command
                                + "\" within " + TIMEOUT_MILLIS + " ms; it printed:\n" + output.substring(seen));
                    }
                    output.wait(left);
                }
                seen = output.indexOf(text, seen) + text.length();
            }
        }
    }

    /** Everything jdb printed so far. */
    String output() {
        return output.toString();
    }

    @Override
    public void close() {
        process.destroyForcibly(); // not waited for: the test is over either way
    }
}
