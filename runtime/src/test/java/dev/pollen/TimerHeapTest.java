package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The heap against a sorted list, under random adds and removes. */
class TimerHeapTest {

    private static final Comparator<Sleep> ORDER =
            Comparator.<Sleep>comparingLong(s -> s.deadline).thenComparingLong(s -> s.sequence);

    @Test
    void behavesLikeASortedListUnderRandomOperations() {
        Random random = new Random(42);
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            TimerHeap heap = new TimerHeap();
            List<Sleep> model = new ArrayList<>();
            long sequence = 0;
            for (int step = 0; step < 20_000; step++) {
                int op = random.nextInt(3);
                if (op == 0 || model.isEmpty()) {
                    Sleep s = new Sleep(reactor, 0);
                    s.deadline = random.nextInt(50) - 25;   // negative deadlines too
                    s.sequence = sequence++;
                    heap.add(s);
                    model.add(s);
                } else if (op == 1) {
                    Sleep s = model.remove(random.nextInt(model.size()));
                    heap.remove(s);
                    assertEquals(-1, s.heapIndex);
                } else {
                    model.sort(ORDER);
                    assertEquals(model.remove(0), heap.poll());
                }
                model.sort(ORDER);
                assertEquals(model.isEmpty() ? null : model.get(0), heap.peek());
            }
            Sleep[] rest = heap.drain();
            assertEquals(model.size(), rest.length);
            assertTrue(heap.isEmpty());
            assertNull(heap.peek());
        }
    }
}
