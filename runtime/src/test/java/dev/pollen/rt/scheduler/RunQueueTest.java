package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pollen.rt.task.TaskCell;
import java.util.ArrayDeque;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The local run queue against ArrayDeque: FIFO through wrap-around, growth and shrinking. */
class RunQueueTest {

    @Test
    void behavesLikeAFifoUnderRandomOperations() {
        Random random = new Random(7);
        RunQueue queue = new RunQueue();
        ArrayDeque<TaskCell<?>> model = new ArrayDeque<>();
        for (int step = 0; step < 200_000; step++) {
            // phases of mostly adds and mostly polls, so the ring wraps, grows past KEEP and empties
            boolean adding = (step / 5_000) % 2 == 0;
            if (random.nextInt(10) < (adding ? 7 : 3)) {
                TaskCell<?> cell = new TaskCell<>(null, null, false);
                queue.add(cell);
                model.add(cell);
            } else {
                assertSame(model.poll(), queue.poll());
            }
            assertEquals(model.size(), queue.size());
            assertEquals(model.isEmpty(), queue.isEmpty());
        }
        while (!model.isEmpty()) {
            assertSame(model.poll(), queue.poll());
        }
        assertNull(queue.poll());
    }

    @Test
    void aLargeBurstDrainsInOrder() {
        RunQueue queue = new RunQueue();
        TaskCell<?>[] cells = new TaskCell<?>[100_000];
        for (int round = 0; round < 3; round++) {
            queue.add(new TaskCell<>(null, null, false));
            queue.poll();                           // head moves: the burst wraps
            for (int i = 0; i < cells.length; i++) {
                cells[i] = new TaskCell<>(null, null, false);
                queue.add(cells[i]);
            }
            for (TaskCell<?> cell : cells) {
                assertSame(cell, queue.poll());
            }
            assertNull(queue.poll());
        }
    }
}
