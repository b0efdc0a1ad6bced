package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The boundary frame between a spawned task's frames and its awaiter's, as a trace prints it. */
class BoundaryFrameTest {
    private static String printed(int task, String site) {
        StackTraceElement e = AsyncTraces.boundary(task, site);
        return "at " + e.getClassName() + "." + e.getMethodName() + "("
                + (e.getFileName() == null ? "Unknown Source" : e.getFileName() + ":" + e.getLineNumber()) + ")";
    }

    @Test
    void aSpawnSiteIsALinkAnIdeFollows() {
        assertEquals("at pollen.task 2 (awaited below) spawned at(Broken.java:44)", printed(2, "Broken.java:44"));
    }

    @Test
    void aSpawningTaskWithoutASiteIsNamed() {
        assertEquals("at pollen.task 5 (awaited below) spawned by task 2(Unknown Source)", printed(5, "task 2"));
    }

    @Test
    void anUnknownSiteLeavesTheTaskAlone() {
        assertEquals("at pollen.task 5 (awaited below)(Unknown Source)", printed(5, null));
        assertEquals("at pollen.task 5 (awaited below) spawned by Odd.java:x(Unknown Source)", printed(5, "Odd.java:x"));
    }

    @Test
    void theJdkPrintsItSo() {
        assertEquals("pollen.task 2 (awaited below) spawned at(Broken.java:44)",
                AsyncTraces.boundary(2, "Broken.java:44").toString());
    }
}
