package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.sync.Semaphore;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A generated machine says which method it runs, at which line (its await's, or its declaration's
 * before it starts) and what it awaits, so toolkit descriptions chain.
 */
class MachineDescriptionTest {

    @Async
    @SuppressWarnings("try")        // the permit is held, not used, in its try block
    static int guarded(Semaphore semaphore) {
        try (Semaphore.Permit p = await(semaphore.acquire())) {
            return semaphore.availablePermits();
        }
    }

    @Async
    static int guarded(Semaphore semaphore, int times) {
        return times * await(MachineDescriptionTestAsync.guarded(semaphore));
    }

    @Test
    void aMachineDescribesItsMethodAndWhatItAwaits() {
        Semaphore semaphore = new Semaphore(1);
        Semaphore.Permit held = semaphore.tryAcquire();
        Future<Integer> outer = MachineDescriptionTestAsync.guarded(semaphore, 2);
        assertEquals("MachineDescriptionTest.guarded (MachineDescriptionTest.java:31) (not started)", outer.toString());

        Context cx = Context.from(() -> { });
        assertTrue(outer.poll(cx).isPending());
        assertEquals("MachineDescriptionTest.guarded (MachineDescriptionTest.java:32) (awaiting"
                + " MachineDescriptionTest.guarded (MachineDescriptionTest.java:25) (awaiting"
                + " Semaphore.acquire(1) (0 of 1 permits free, 1 waiting)))", outer.toString());

        held.close();
        assertEquals(0, outer.poll(cx).get());
        assertEquals("MachineDescriptionTest.guarded (MachineDescriptionTest.java:32) (complete)", outer.toString());
    }

    @Test
    void aCancelledMachineSaysSoUntilItCompletes() {
        Semaphore semaphore = new Semaphore(1);
        Semaphore.Permit held = semaphore.tryAcquire();
        Future<Integer> outer = MachineDescriptionTestAsync.guarded(semaphore, 2);
        Context cx = Context.from(() -> { });
        assertTrue(outer.poll(cx).isPending());
        outer.cancel();
        assertTrue(outer.toString().startsWith("MachineDescriptionTest.guarded (MachineDescriptionTest.java:32) (cancelled, awaiting "), outer.toString());
        assertThrows(CancellationException.class, () -> outer.poll(cx));
        assertEquals("MachineDescriptionTest.guarded (MachineDescriptionTest.java:32) (complete)", outer.toString());
        assertEquals("Semaphore(0 of 1 permits free, 0 waiting)", semaphore.toString());
        held.close();
    }
}
