package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.AsyncRuntime;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.debug.Tasks;
import dev.pollen.rt.debug.DumpFixtures.Fetch;
import dev.pollen.rt.debug.DumpFixtures.Get;
import dev.pollen.rt.debug.DumpFixtures.Leaf;
import dev.pollen.rt.debug.DumpFixtures.Main;
import dev.pollen.rt.debug.DumpFixtures.NoInfoAsync$poll;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Exact dumps of known task trees, made of hand-written futures and machines. */
@Timeout(30)
class TaskDumpTest {

    /** The line of the caller's statement. */
    private static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** Polls {@code dump} until it equals {@code expected} (the tasks settle), then asserts it. */
    private static void assertSettles(Supplier<String> expected, Supplier<String> dump) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String actual = dump.get();
        while (!actual.equals(expected.get()) && System.nanoTime() - deadline < 0) {
            Thread.sleep(5);
            actual = dump.get();
        }
        assertEquals(expected.get(), actual);
    }

    @Test
    void aTreeOfTasksWithSitesAndAwaitChains() throws Exception {
        Leaf sleep = new Leaf("Sleep(2 s, 1.2 s left)");
        Leaf receive = new Leaf("Channel.receive() (empty, 1 waiting)");
        Leaf latch = new Leaf("Latch.await() (count 1)");
        Main main = new Main(new Fetch(new Get(sleep)), receive);
        AtomicReference<JoinHandle<?>> plain = new AtomicReference<>();
        int[] plainLine = new int[1];
        try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().name("dumped").build()) {
            Thread driver = new Thread(() -> {
                plain.set(runtime.spawn(latch)); plainLine[0] = here();
                runtime.blockOn(main);
            }, "dump-main");
            driver.start();
            Supplier<String> expected = () -> main.fetchHandle == null || plain.get() == null ? "not yet" : String.join("\n",
                    "runtime \"dumped\" (current-thread): 4 live tasks",
                    "  task " + DumpFixtures.id(plain.get()) + " (spawned at TaskDumpTest.java:" + plainLine[0] + "), idle",
                    "      awaiting Latch.await() (count 1)",
                    "  task " + main.self + " (blockOn root, thread \"dump-main\"), idle",
                    "      at Demo.main (Demo.java:33)",
                    "      awaiting task " + DumpFixtures.id(main.fetchHandle),
                    "    task " + DumpFixtures.id(main.fetchHandle) + " (spawned at Demo.java:40), idle",
                    "        at Demo.fetch (Demo.java:17)",
                    "        at Demo.get (Demo.java:25)",
                    "        awaiting Sleep(2 s, 1.2 s left)",
                    "    task " + DumpFixtures.id(main.receiveHandle) + " (spawned by task " + main.self + "), idle",
                    "        awaiting Channel.receive() (empty, 1 waiting)",
                    "");
            assertSettles(expected, runtime::dumpTasks);
            String jvm = Tasks.dump();
            assertTrue(jvm.startsWith("Pollen task dump: "), jvm);
            assertTrue(jvm.contains(expected.get()), jvm);

            // A machine's own description names its line too (toolkit descriptions nest it).
            assertEquals("Demo.fetch (Demo.java:17) (awaiting Demo.get (Demo.java:25) (awaiting Sleep(1 s)))",
                    describeSuspended(new Leaf("Sleep(1 s)")));

            sleep.complete();
            receive.complete();
            latch.complete();
            driver.join(10_000);
            assertFalse(driver.isAlive());
        }
        assertFalse(Tasks.dump().contains("runtime \"dumped\""), "a closed runtime is forgotten");
    }

    /** The description of a fetch machine suspended in get on {@code leaf}. */
    private static String describeSuspended(Leaf leaf) {
        Fetch fetch = new Fetch(new Get(leaf));
        fetch.poll(Context.from(() -> { }));
        return fetch.toString();
    }

    @Test
    void aRuntimeDroppedUnclosedIsForgottenOnceCollected() throws InterruptedException {
        AsyncRuntime dropped = AsyncRuntime.builder().currentThread().name("dropped").build();
        assertTrue(Tasks.dump().contains("runtime \"dropped\" (current-thread): no live tasks\n"));
        java.lang.ref.WeakReference<AsyncRuntime> ref = new java.lang.ref.WeakReference<>(dropped);
        dropped = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ref.get() != null || Tasks.dump().contains("\"dropped\"")) {
            assertTrue(System.nanoTime() - deadline < 0, "the registry keeps a runtime nobody references");
            System.gc();
            Thread.sleep(10);
        }
    }

    /** Describes itself as "dumping" and is ready at once with the dump of every runtime. */
    static final class DumpNow implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            return Poll.ready(Tasks.dump());
        }

        @Override
        public String toString() {
            return "dumping";
        }
    }

    @Test
    void aThreadsBlockOnRuntimeIsListedWhileItRunsTasksOnly() {
        String thread = Thread.currentThread().getName();
        String inside = Executor.blockOn(new DumpNow());
        String id = inside.replaceAll("(?s).*\n  task (\\d+) \\(blockOn root, thread \"" + thread + "\"\\).*", "$1");
        assertTrue(inside.contains("runtime \"blockOn-" + thread + "\" (current-thread): 1 live task\n"
                + "  task " + id + " (blockOn root, thread \"" + thread + "\"), running\n"
                + "      awaiting dumping\n"), inside);
        assertFalse(Tasks.dump().contains("blockOn-" + thread), "an idle blockOn runtime is left out");
    }

    @Test
    void headerNamesTheKindAndAnEmptyRuntimeSaysSo() {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).name("empty").build()) {
            assertEquals("runtime \"empty\" (multi-thread, 2 workers): no live tasks\n", runtime.dumpTasks());
        }
    }

    @Test
    void leavesWithoutDescriptionOrThatThrowAndMachinesWithoutMetadata() {
        Future<Void> silent = new Future<>() {
            @Override
            public Poll<Void> poll(Context cx) {
                return Poll.pending();
            }
        };
        Future<Void> throwing = new Future<>() {
            @Override
            public Poll<Void> poll(Context cx) {
                return Poll.pending();
            }

            @Override
            public String toString() {
                throw new IllegalStateException("torn");
            }
        };
        assertEquals(silent.getClass().getName(), TaskDump.describe(silent));
        assertEquals(throwing.getClass().getName() + " (its toString() threw java.lang.IllegalStateException: torn)",
                TaskDump.describe(throwing));
        NoInfoAsync$poll machine = new NoInfoAsync$poll(silent);
        machine.poll(Context.from(() -> { }));
        assertEquals("NoInfo.poll (awaiting " + silent + ")", machine.toString());
        Fetch unstarted = new Fetch(silent);
        assertEquals("Demo.fetch (Demo.java:15) (not started)", unstarted.toString());
    }
}
