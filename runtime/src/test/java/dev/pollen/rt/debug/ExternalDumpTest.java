package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.debug.DumpTasks;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task dump of another JVM, taken as a user does: {@code DumpTasks <pid>} run as a process of
 * its own (class path and module path forms), which attaches, starts the target's local JMX agent
 * and calls {@code dev.pollen:type=Tasks}'s {@code dump()}. Every child is killed on any failure.
 */
@Timeout(120)
class ExternalDumpTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** A started child JVM and its first line, read with a timeout. */
    private static final class Child implements AutoCloseable {
        final Process process;
        final String firstLine;

        Child(String... jvmArgsThenArgs) throws Exception {
            List<String> command = new ArrayList<>(List.of(JAVA));
            List<String> rest = List.of(jvmArgsThenArgs);
            int main = rest.indexOf("MAIN");
            command.addAll(rest.subList(0, main));
            command.addAll(List.of("-cp", location(DumpTasks.class) + File.pathSeparator + location(StuckProgram.class),
                    StuckProgram.class.getName()));
            command.addAll(rest.subList(main + 1, rest.size()));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                BufferedReader out = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                firstLine = CompletableFuture.supplyAsync(() -> {
                    try {
                        return out.readLine();
                    } catch (IOException e) {
                        throw new RuntimeException(e);
                    }
                }).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw e;
            }
        }

        String pid() {
            return Long.toString(process.pid());
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();      // the child exits when its input closes
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Runs a command to its end (killed after 60 s): its exit status, then its output. */
    private static String[] run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> {
                try {
                    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command did not end: " + List.of(command));
            return new String[] {Integer.toString(p.exitValue()), output.get(10, TimeUnit.SECONDS)};
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void theCommandPrintsTheDumpOfAnotherJvm() throws Exception {
        try (Child child = new Child("MAIN")) {
            String[] ids = child.firstLine.split(" ");
            assertEquals("ready", ids[0], child.firstLine);
            String expected = String.join("\n",
                    "Pollen task dump: 1 runtime",
                    "runtime \"stuck\" (current-thread): 3 live tasks",
                    "  task " + ids[1] + " (blockOn root, thread \"stuck-main\"), idle",
                    "      at Demo.main (Demo.java:33)",
                    "      awaiting task " + ids[2],
                    "    task " + ids[2] + " (spawned at Demo.java:40), idle",
                    "        at Demo.fetch (Demo.java:17)",
                    "        at Demo.get (Demo.java:25)",
                    "        awaiting Sleep(2 s, 1.2 s left)",
                    "    task " + ids[3] + " (spawned by task " + ids[1] + "), idle",
                    "        awaiting Channel.receive() (empty, 1 waiting)",
                    "");
            String classes = location(DumpTasks.class);
            String[] classPath = run(JAVA, "-cp", classes, DumpTasks.class.getName(), child.pid());
            assertEquals("0", classPath[0], classPath[1]);
            assertEquals(expected, classPath[1]);
            String[] modulePath = run(JAVA, "-p", classes, "--add-modules", "jdk.attach", "-m",
                    "dev.pollen/" + DumpTasks.class.getName(), child.pid());
            assertEquals("0", modulePath[0], modulePath[1]);
            assertEquals(expected, modulePath[1]);

            String[] list = run(JAVA, "-cp", classes, DumpTasks.class.getName());
            assertEquals("0", list[0], list[1]);
            assertTrue(list[1].contains(child.pid() + " " + StuckProgram.class.getName() + "\n"), list[1]);
        }
    }

    @Test
    void clearErrorsWhenAJvmCannotBeDumped() throws Exception {
        String classes = location(DumpTasks.class);
        try (Child plain = new Child("MAIN", "plain"); Child off = new Child("-Dpollen.jmx=false", "MAIN")) {
            assertEquals("ready", plain.firstLine);
            String noHook = " has no dev.pollen:type=Tasks MBean: Pollen is not loaded there or has built no runtime yet,"
                    + " or it runs with -Dpollen.jmx=false\n";
            assertEquals(List.of("1", "JVM " + plain.pid() + noHook),
                    List.of(run(JAVA, "-cp", classes, DumpTasks.class.getName(), plain.pid())));
            assertEquals(List.of("1", "JVM " + off.pid() + noHook),
                    List.of(run(JAVA, "-cp", classes, DumpTasks.class.getName(), off.pid())));
        }
        Process gone = new ProcessBuilder(JAVA, "-version").start();
        gone.waitFor(60, TimeUnit.SECONDS);
        String[] none = run(JAVA, "-cp", classes, DumpTasks.class.getName(), Long.toString(gone.pid()));
        assertEquals("1", none[0], none[1]);
        assertTrue(none[1].startsWith("cannot attach to JVM " + gone.pid() + ": "), none[1]);
        String[] usage = run(JAVA, "-cp", classes, DumpTasks.class.getName(), "not-a-pid");
        assertEquals(List.of("2", "usage: java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks [<pid>] (no argument:"
                + " list the JVMs this user can attach to)\n"), List.of(usage));
    }
}
