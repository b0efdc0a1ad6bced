package dev.pollen.rt.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Clock;
import dev.pollen.testkit.ErrCapture;
import dev.pollen.testkit.FailingFuture;
import dev.pollen.testkit.OnThread;
import dev.pollen.testkit.ReadyFuture;
import dev.pollen.rt.scheduler.CurrentThread;
import dev.pollen.rt.scheduler.RuntimeCore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The unobserved-failure report says where the task was spawned: a source line the processor
 * marked, or the spawning task. The site is set here as a spawn would set it.
 */
class UnobservedFailureSiteTest {

    private static final String NL = System.lineSeparator();

    /** The report of a failed task whose recorded site is {@code site}, its number written N. */
    private static String reportFor(String site) throws InterruptedException {
        StringBuilder text = new StringBuilder();
        OnThread.run("sites", () -> {
            CurrentThread rt = new CurrentThread(new RuntimeCore.Config("sites", Clock.system(), false, 1,
                    Duration.ofSeconds(1)));
            IllegalStateException failure = new IllegalStateException("no route");
            failure.setStackTrace(new StackTraceElement[] {new StackTraceElement("p.Demo", "fetch", "Demo.java", 17)});
            TaskCell<Object> task = rt.start(new TaskCell<>(rt, FailingFuture.now(failure), false));
            task.spawnSite = site;      // after whatever the spawn recorded; nothing polls it before blockOn
            rt.blockOn(new ReadyFuture<>(0));       // runs the task: it fails, nobody takes it
            try (ErrCapture err = new ErrCapture()) {
                rt.shutdown(Duration.ofSeconds(1));
                text.append(err.text().replace("task " + task.id + " ", "task N "));
            }
        });
        return text.toString();
    }

    @Test
    void aMarkedSiteIsNamed() throws Exception {
        assertEquals("Pollen: task N (spawned at Demo.java:40) failed and nothing awaited its JoinHandle:" + NL
                + "java.lang.IllegalStateException: no route" + NL
                + "\tat p.Demo.fetch(Demo.java:17)" + NL, reportFor("Demo.java:40"));
    }

    @Test
    void aSpawningTaskIsNamed() throws Exception {
        assertEquals("Pollen: task N (spawned by task 2) failed and nothing awaited its JoinHandle:" + NL
                + "java.lang.IllegalStateException: no route" + NL
                + "\tat p.Demo.fetch(Demo.java:17)" + NL, reportFor("task 2"));
    }
}
