package dev.pollen.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.pollen.Executor;
import dev.pollen.Future;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The typed copy sees the class library the real compile sees. Only observable on JDK 21 and
 * later (CI runs these tests on JDK 25), where {@code List.reversed()} exists but not in the
 * Java 17 library that {@code --release 17} gives.
 */
class CopyLibraryTest {
    private static final String PROGRAM = Programs.HEADER + """
            import java.util.ArrayList;
            import java.util.List;

            class C {
                @Async
                static int go() {
                    List<Integer> list = new ArrayList<>(List.of(1, 2, 3));
                    return await(of(list.reversed().get(0))) * 10;
                }
            }
            """;

    @Test
    void aSource17CompileOnANewerJdkUsesThatJdksLibraryInAsyncBodies() throws Throwable {
        assumeTrue(Runtime.version().feature() >= 21, "List.reversed() is a JDK 21 method");
        Compiled compiled = Compiled.withPollenOptions(List.of("-source", "17", "-target", "17", "-Xlint:-options"),
                "p.C", PROGRAM).assertClean();
        assertEquals(30, Executor.blockOn((Future<?>) compiled.call("p.CAsync", "go")));
    }

    @Test
    void aRelease17CompileOnANewerJdkRejectsTheNewerMethodItself() {
        assumeTrue(Runtime.version().feature() >= 21, "List.reversed() is a JDK 21 method");
        Compilation c = Compiled.withPollenOptions(List.of("--release", "17"), "p.C", PROGRAM).compilation;
        assertEquals(Compilation.Status.FAILURE, c.status());
        assertTrue(c.errors().stream().anyMatch(e -> e.getMessage(null).contains("reversed()")), c.errors().toString());
    }
}
