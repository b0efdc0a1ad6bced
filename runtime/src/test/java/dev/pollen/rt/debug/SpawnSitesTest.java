package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.AsyncRuntime;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.TaskScope;
import dev.pollen.rt.debug.DumpFixtures.Leaf;
import dev.pollen.rt.debug.DumpFixtures.Main;
import dev.pollen.rt.task.SpawnSites;
import dev.pollen.rt.task.TaskCell;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Where tasks were spawned and by whom: processor marks, stack walks, spawning tasks. */
@Timeout(30)
class SpawnSitesTest {

    private static int here() {
        return StackWalker.getInstance().walk(s -> s.skip(1).findFirst().orElseThrow()).getLineNumber();
    }

    /** A future that runs {@code body} with its task once, then is ready. */
    private static Future<Void> once(Consumer<TaskCell<?>> body) {
        return new Future<>() {
            @Override
            public Poll<Void> poll(Context cx) {
                body.accept((TaskCell<?>) cx.waker());
                return Poll.ready(null);
            }
        };
    }

    private static TaskCell<?> cell(JoinHandle<?> handle) {
        return (TaskCell<?>) handle;
    }

    @Test
    void aMarkNamesTheSpawnOfExactlyItsFutureAndNoOther() {
        Leaf marked = new Leaf("marked");
        Leaf other = new Leaf("other");
        TaskCell<?>[] cells = new TaskCell<?>[4];
        try (AsyncRuntime runtime = AsyncRuntime.currentThread()) {
            runtime.blockOn(once(self -> {
                SpawnSites.mark(marked, Main.class, 40);
                cells[0] = cell(Executor.spawn(other));     // not the marked future: no site from the mark
                cells[1] = cell(Executor.spawn(marked));    // the mark was spent by the spawn before
                SpawnSites.mark(marked, Main.class, 41);
                cells[2] = cell(Executor.spawn(marked));
                cells[3] = self;
                marked.complete();
                other.complete();
            }));
        }
        int root = cells[3].id();
        assertEquals("task " + root, cells[0].spawnSite());
        assertEquals("task " + root, cells[1].spawnSite());
        assertEquals("Demo.java:41", cells[2].spawnSite());
        for (int i = 0; i < 3; i++) {
            assertEquals(root, cells[i].parent(), "the spawning task is the parent, marked or not");
        }
    }

    @Test
    void onWorkersTheSpawningTaskIsTheParent() {
        TaskCell<?>[] cells = new TaskCell<?>[3];
        try (AsyncRuntime runtime = AsyncRuntime.builder().workers(2).build()) {
            Leaf leaf = new Leaf("leaf");
            Leaf unmarked = new Leaf("unmarked");
            runtime.blockOn(once(self -> {
                cells[0] = self;
                SpawnSites.mark(leaf, Main.class, 40);
                cells[1] = cell(Executor.spawn(leaf));
                cells[2] = cell(Executor.spawn(unmarked));
            }));
            leaf.complete();
            unmarked.complete();
        }
        assertEquals("Demo.java:40", cells[1].spawnSite());
        assertEquals(cells[0].id(), cells[1].parent());
        assertEquals("task " + cells[0].id(), cells[2].spawnSite());
        assertEquals(cells[0].id(), cells[2].parent());
    }

    @Test
    void aSpawnFromAPlainThreadIsItsCallersLine() {
        try (AsyncRuntime runtime = AsyncRuntime.currentThread()) {
            Leaf leaf = new Leaf("leaf");
            SpawnSites.mark(new Leaf("stale"), Main.class, 40);     // a mark for another future: ignored
            JoinHandle<String> h = runtime.spawn(leaf); int line = here();
            assertEquals("SpawnSitesTest.java:" + line, cell(h).spawnSite());
            assertEquals(0, cell(h).parent());
            leaf.complete();
            assertEquals("leaf", runtime.blockOn(h));
        }
    }

    @Test
    void aSpawnOntoAnotherRuntimeNamesTheTaskAndItsRuntime() {
        TaskCell<?>[] cells = new TaskCell<?>[2];
        try (AsyncRuntime other = AsyncRuntime.builder().currentThread().name("other").build();
                AsyncRuntime runtime = AsyncRuntime.builder().currentThread().name("first").build()) {
            Leaf leaf = new Leaf("leaf");
            runtime.blockOn(once(self -> {
                cells[0] = self;
                cells[1] = cell(other.spawn(leaf));
            }));
            assertEquals("task " + cells[0].id() + " of first", cells[1].spawnSite());
            assertEquals(0, cells[1].parent(), "a parent is of the same runtime");
            leaf.complete();
        }
    }

    @Test
    void scopeChildrenAndMachinesWithoutMetadata() {
        TaskCell<?>[] cells = new TaskCell<?>[3];
        Executor.blockOn(TaskScope.run(scope -> once(self -> {
            cells[0] = self;
            Leaf leaf = new Leaf("leaf");
            SpawnSites.mark(leaf, DumpFixtures.NoInfoAsync$poll.class, 12);
            cells[1] = cell(scope.spawn(leaf));
            Leaf unmarked = new Leaf("unmarked");
            cells[2] = cell(scope.spawn(unmarked));
            leaf.complete();
            unmarked.complete();
        })));
        assertEquals(DumpFixtures.NoInfoAsync$poll.class.getName() + ":12", cells[1].spawnSite());
        assertEquals(cells[0].id(), cells[1].parent());
        assertEquals("task " + cells[0].id(), cells[2].spawnSite());
    }
}
