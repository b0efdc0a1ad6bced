package dev.pollen.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Future;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The barrier polled by hand: a generation completes together, indices in arrival order. */
class BarrierTest {

    private final CountingWaker wa = new CountingWaker();
    private final CountingWaker wb = new CountingWaker();
    private final CountingWaker wc = new CountingWaker();

    @Test
    void aFullGenerationCompletesTogetherWithArrivalIndices() {
        Barrier barrier = new Barrier(3);
        for (int generation = 0; generation < 2; generation++) {
            Future<Integer> a = barrier.arrive();
            Future<Integer> b = barrier.arrive();
            Future<Integer> c = barrier.arrive();
            assertTrue(b.poll(wb.context()).isPending());
            assertTrue(a.poll(wa.context()).isPending());
            assertEquals("Barrier.arrive (2 of 3 arrived, generation " + generation + ")", a.toString());
            assertEquals(2, c.poll(wc.context()).get(), "the last to arrive does not wait");
            assertEquals(0, b.poll(wb.context()).get());
            assertEquals(1, a.poll(wa.context()).get());
        }
        assertEquals(2, wa.count());
        assertEquals(2, wb.count());
        assertEquals(2L, barrier.generation());
        assertEquals(0, new Barrier(1).arrive().poll(wa.context()).get());
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
    }

    @Test
    void aCancelledArrivalWithdraws() {
        Barrier barrier = new Barrier(2);
        Future<Integer> a = barrier.arrive();
        a.poll(wa.context());
        a.cancel();
        assertEquals(0, barrier.arrived());
        assertThrows(CancellationException.class, () -> a.poll(wa.context()));
        Future<Integer> b = barrier.arrive();
        assertTrue(b.poll(wb.context()).isPending(), "the withdrawn arrival does not count");
        assertEquals(1, barrier.arrive().poll(wc.context()).get());
        assertEquals(0, b.poll(wb.context()).get());
        assertEquals(0, wa.count());
    }
}
