package dev.pollen.rt.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.testkit.CountingWaker;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/**
 * The phase machine every toolkit waiter shares: what a poll and a cancel do in each phase, which
 * hook runs when (a cancelled waiter leaves exactly once, and only if it arrived), and the
 * phase-based description. The primitives' own tests cover what their hooks do.
 */
class WaiterTest {

    private final Context cx = new CountingWaker().context();

    /** A waiter served by hand: {@code value} non-null means served. */
    private static final class Probe extends Waiter<Object> {
        Object value;
        RuntimeException failure;
        int arrivals;
        int waitingPolls;
        int leaves;
        Waker lastWaker;

        private Poll<Object> look(Waker w) {
            lastWaker = w;
            if (failure != null) {
                throw failure;
            }
            return value == null ? Poll.pending() : Poll.ready(value);
        }

        @Override
        protected Poll<Object> arrive(Waker w) {
            arrivals++;
            return look(w);
        }

        @Override
        protected Poll<Object> pollWaiting(Waker w) {
            waitingPolls++;
            return look(w);
        }

        @Override
        protected void leave() {
            leaves++;
        }

        @Override
        protected String name() {
            return "Probe.wait";
        }

        @Override
        protected String describe() {
            return "a test";
        }
    }

    @Test
    void readyAtOnceThenPolledAfterCompletion() {
        Probe p = new Probe();
        Object v = new Object();
        p.value = v;
        assertSame(v, p.poll(cx).get(), "the value passes through unchanged");
        assertEquals("Probe.wait [done] (a test)", p.toString());
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> p.poll(cx));
        assertEquals("polled after completion", again.getMessage());
        p.cancel();     // ignored once completed
        assertEquals(0, p.leaves);
        assertEquals(1, p.arrivals);
    }

    @Test
    void waitsUntilServedKeepingTheLatestWaker() {
        Probe p = new Probe();
        assertEquals("Probe.wait [not started] (a test)", p.toString());
        assertTrue(p.poll(cx).isPending());
        assertEquals("Probe.wait (a test)", p.toString());
        Context other = new CountingWaker().context();
        assertTrue(p.poll(other).isPending());
        assertSame(other.waker(), p.lastWaker);
        p.value = "v";
        assertEquals("v", p.poll(cx).get());
        assertEquals(1, p.arrivals, "arrives once");
        assertEquals(2, p.waitingPolls);
        assertThrows(IllegalStateException.class, () -> p.poll(cx));
    }

    @Test
    void cancelledWhileWaitingLeavesOnceThenFailsWithCancellation() {
        Probe p = new Probe();
        assertTrue(p.poll(cx).isPending());
        p.cancel();
        p.cancel();     // a second cancel does not leave again
        assertEquals(1, p.leaves);
        assertEquals("Probe.wait [cancelled] (a test)", p.toString());
        p.value = "served after the cancel";
        CancellationException e = assertThrows(CancellationException.class, () -> p.poll(cx));
        assertEquals("Probe.wait cancelled", e.getMessage());
        assertEquals(0, p.waitingPolls, "a cancelled poll does not look again: nothing is taken");
        assertEquals("Probe.wait [failed] (a test)", p.toString());
        assertThrows(IllegalStateException.class, () -> p.poll(cx));
        p.cancel();
        assertEquals(1, p.leaves);
    }

    @Test
    void cancelledBeforeTheFirstPollNeverArrives() {
        Probe p = new Probe();
        p.value = "free";
        p.cancel();
        assertThrows(CancellationException.class, () -> p.poll(cx));
        assertEquals(0, p.arrivals, "an unpolled waiter takes nothing");
        assertEquals(0, p.leaves, "and has nothing to leave");
    }

    @Test
    void aHookFailureCompletesTheFuture() {
        Probe p = new Probe();
        assertTrue(p.poll(cx).isPending());
        RuntimeException closed = new IllegalStateException("closed");
        p.failure = closed;
        assertSame(closed, assertThrows(IllegalStateException.class, () -> p.poll(cx)), "the failure passes through unchanged");
        p.failure = null;
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> p.poll(cx));
        assertEquals("polled after completion", again.getMessage());
        p.cancel();
        assertEquals(0, p.leaves, "a completed waiter has left already");
    }
}
