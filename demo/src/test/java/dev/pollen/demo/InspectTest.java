package dev.pollen.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dump the README shows: the shop's tasks 200 ms in, on a paused clock. */
@Timeout(30)
class InspectTest {

    @Test
    void printsItsOwnTaskTree() {
        String thread = Thread.currentThread().getName();
        assertEquals(List.of(
                "Pollen task dump: 1 runtime",
                "runtime \"shop\" (current-thread): 6 live tasks",
                "  task 2 (blockOn root, thread \"" + thread + "\"), running",
                "      at Inspect.shop (Inspect.java:44)",
                "    task 4 (spawned at Inspect.java:41), idle",
                "        at Inspect.restock (Inspect.java:57)",
                "        at Inspect.unload (Inspect.java:64)",
                "        awaiting Sleep(1.8 s left)",
                "    task 6 (spawned at Inspect.java:42), idle",
                "        at Inspect.pack (Inspect.java:70)",
                "        awaiting Channel.receive (bounded 8, empty, 1 receiver waiting)",
                "    task 8 (spawned at Inspect.java:43), idle",
                "        at Inspect.deliver (Inspect.java:76)",
                "        awaiting TaskScope.run (body: Inspect.both (Inspect.java:91) (awaiting task 10 (spawned at"
                        + " Inspect.java:77), idle); 2 children running, 0 done)",
                "      task 10 (spawned at Inspect.java:77), idle",
                "          at Inspect.courier (Inspect.java:85)",
                "          awaiting Sleep(0.8 s left)",
                "      task 12 (spawned at Inspect.java:78), idle",
                "          at Inspect.courier (Inspect.java:85)",
                "          awaiting Sleep(2.8 s left)"),
                DemoOutput.lines(Inspect::run));
    }
}
