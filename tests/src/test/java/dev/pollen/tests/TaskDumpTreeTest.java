package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;
import dev.pollen.channel.Channel;
import dev.pollen.rt.task.TaskCell;
import dev.pollen.time.Time;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The task dump of {@code @Async} code compiled by the real processor, on a paused clock so that
 * times are exact: a root that spawned two tasks, one asleep through two machines, one on a
 * channel's receive. Line numbers in the expected text are this file's.
 */
@Timeout(30)
class TaskDumpTreeTest {

    @Async
    static String nap(Duration length) {
        await(Time.sleep(length));
        return "rested";
    }

    @Async
    static String fetch(Duration length) {
        return await(TaskDumpTreeTestAsync.nap(length));
    }

    @Async
    static String consume(Channel<String> channel) {
        return await(channel.receive());
    }

    @Async
    static String root(AsyncRuntime runtime, Channel<String> channel, List<JoinHandle<String>> handles) {
        JoinHandle<String> fetching = Executor.spawn(TaskDumpTreeTestAsync.fetch(Duration.ofSeconds(2)));
        JoinHandle<String> consuming = Executor.spawn(TaskDumpTreeTestAsync.consume(channel));
        handles.add(fetching);
        handles.add(consuming);
        await(Time.sleep(Duration.ofMillis(800)));
        String dump = runtime.dumpTasks();
        await(channel.send("hello"));
        await(consuming);
        await(fetching);
        return dump;
    }

    private static int id(JoinHandle<?> handle) {
        return ((TaskCell<?>) handle).id();
    }

    @Test
    void aRootThatSpawnedASleeperAndAReceiver() {
        List<JoinHandle<String>> handles = new CopyOnWriteArrayList<>();
        String dump;
        try (AsyncRuntime runtime = AsyncRuntime.builder().currentThread().startPaused(true).name("tree").build()) {
            dump = runtime.blockOn(TaskDumpTreeTestAsync.root(runtime, Channel.<String>bounded(1), handles));
        }
        Matcher root = Pattern.compile("  task (\\d+) \\(blockOn root").matcher(dump);
        assertTrue(root.find(), dump);
        assertEquals(String.join("\n",
                "runtime \"tree\" (current-thread): 3 live tasks",
                "  task " + root.group(1) + " (blockOn root, thread \"" + Thread.currentThread().getName() + "\"), running",
                "      at TaskDumpTreeTest.root (TaskDumpTreeTest.java:53)",
                "    task " + id(handles.get(0)) + " (spawned at TaskDumpTreeTest.java:49), idle",
                "        at TaskDumpTreeTest.fetch (TaskDumpTreeTest.java:39)",
                "        at TaskDumpTreeTest.nap (TaskDumpTreeTest.java:33)",
                "        awaiting Sleep(1.2 s left)",
                "    task " + id(handles.get(1)) + " (spawned at TaskDumpTreeTest.java:50), idle",
                "        at TaskDumpTreeTest.consume (TaskDumpTreeTest.java:44)",
                "        awaiting Channel.receive (bounded 1, empty, 1 receiver waiting)",
                ""), dump);
    }
}
