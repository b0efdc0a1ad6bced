package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class file with an added SourceDebugExtension still loads, verifies and runs, whether its
 * constant pool already had the attribute's name or not; javap reads the attribute's text back
 * exactly; setting it again replaces it.
 */
class SdeAppenderTest {
    private static final String SMAP = "SMAP\nPlainAsync$m.java\nPollen\n*S Pollen\n*F\n+ 1 Plain.java\nq/Plain.java\n*L\n"
            + "7#1,2:20,1\n*E\n";

    @Test
    void aClassWithTheExtensionLoadsVerifiesAndRuns(@TempDir Path dir) throws Exception {
        byte[] plain = compile(dir, "q.Plain", """
                package q;

                public class Plain {
                    static final long BIG = 1L << 40;  // a two-slot constant before the pool's end
                    private final double half = 0.5;

                    public static String hello() {
                        return "hi " + (BIG + new Plain().half);
                    }
                }
                """);
        byte[] added = SdeAppender.withSourceDebugExtension(plain, SMAP);

        assertEquals("hi 1.0995116277765E12", run(added, "q.Plain", "hello"));
        assertEquals(poolCount(plain) + 1, poolCount(added), "the attribute's name is appended to the pool");
        assertEquals(SMAP, javapSourceDebugExtension(dir, added));
        assertEquals(javap(dir, plain, "-c", "-p", "-l"), javap(dir, added, "-c", "-p", "-l"),
                "the same code, line numbers and locals: nothing changes what runs");
    }

    @Test
    void aPoolThatAlreadyNamesTheAttributeKeepsItsCount(@TempDir Path dir) throws Exception {
        byte[] named = compile(dir, "q.Named", """
                package q;

                public class Named {
                    public static String name() {
                        return "SourceDebugExtension";
                    }
                }
                """);
        byte[] added = SdeAppender.withSourceDebugExtension(named, SMAP);

        assertEquals("SourceDebugExtension", run(added, "q.Named", "name"));
        assertEquals(poolCount(named), poolCount(added), "the existing CONSTANT_Utf8 is used");
        assertEquals(SMAP, javapSourceDebugExtension(dir, added));
    }

    @Test
    void settingItAgainReplacesIt(@TempDir Path dir) throws Exception {
        byte[] plain = compile(dir, "q.Again", """
                package q;

                public class Again {
                    public static String hello() {
                        return "again";
                    }
                }
                """);
        byte[] once = SdeAppender.withSourceDebugExtension(plain, "first\n");
        byte[] twice = SdeAppender.withSourceDebugExtension(once, SMAP);

        assertArrayEquals(SdeAppender.withSourceDebugExtension(plain, SMAP), twice);
        assertEquals("again", run(twice, "q.Again", "hello"));
        assertEquals(SMAP, javapSourceDebugExtension(dir, twice));
    }

    @Test
    void bytesThatAreNotAClassFileAreRefusedWithAReason(@TempDir Path dir) throws Exception {
        assertEquals("not a class file", assertThrows(IOException.class,
                () -> SdeAppender.withSourceDebugExtension("hello, world".getBytes(), SMAP)).getMessage());
        byte[] plain = compile(dir, "q.Cut", "package q; public class Cut {}");
        assertEquals("truncated class file", assertThrows(IOException.class,
                () -> SdeAppender.withSourceDebugExtension(Arrays.copyOf(plain, plain.length - 3), SMAP)).getMessage());
        byte[] longer = Arrays.copyOf(plain, plain.length + 2);
        assertEquals("2 bytes after the class attributes", assertThrows(IOException.class,
                () -> SdeAppender.withSourceDebugExtension(longer, SMAP)).getMessage());
    }

    /** Compiles one class with javac; returns its class file. */
    static byte[] compile(Path dir, String name, String text) throws IOException {
        Path source = OnDisk.write(dir, "src/" + name.replace('.', '/') + ".java", text);
        Path classes = dir.resolve("classes");
        OnDisk.Result result = OnDisk.compile(javax.tools.ToolProvider.getSystemJavaCompiler(), List.of(), List.of("-g"),
                classes, null, List.of(source));
        assertTrue(result.success(), result.describe());
        return Files.readAllBytes(classes.resolve(name.replace('.', '/') + ".class"));
    }

    /** Defines the class in a fresh loader (so the JVM verifies it), initializes it and calls a static method. */
    private static Object run(byte[] classFile, String name, String method) throws Exception {
        ClassLoader loader = new ClassLoader(SdeAppenderTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String n) throws ClassNotFoundException {
                if (!n.equals(name)) {
                    throw new ClassNotFoundException(n);
                }
                return defineClass(n, classFile, 0, classFile.length);
            }
        };
        return Class.forName(name, true, loader).getMethod(method).invoke(null);
    }

    private static int poolCount(byte[] classFile) {
        return ((classFile[8] & 0xff) << 8) | (classFile[9] & 0xff);
    }

    /** The attribute's text as {@code javap -v} prints it (two spaces of indent a line, removed). */
    static String javapSourceDebugExtension(Path dir, byte[] classFile) {
        String out = javap(dir, classFile, "-v");
        List<String> lines = out.lines().toList();
        int start = lines.indexOf("SourceDebugExtension:");
        assertTrue(start >= 0, out);
        StringBuilder text = new StringBuilder();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (!line.startsWith("  ")) {
                break;
            }
            text.append(line.substring(2)).append('\n');
        }
        return text.toString();
    }

    /** What javap prints for {@code classFile} with {@code options}. */
    private static String javap(Path dir, byte[] classFile, String... options) {
        try {
            Path file = Files.write(Files.createTempFile(dir, "Sde", ".class"), classFile);
            StringWriter out = new StringWriter();
            List<String> arguments = new java.util.ArrayList<>(List.of(options));
            arguments.add(file.toString());
            int status = ToolProvider.findFirst("javap").orElseThrow()
                    .run(new PrintWriter(out), new PrintWriter(out), arguments.toArray(new String[0]));
            assertEquals(0, status, out.toString());
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
