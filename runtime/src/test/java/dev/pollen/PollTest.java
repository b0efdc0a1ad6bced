package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.CountingWaker;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void readyHoldsItsValue() {
        Poll<String> p = Poll.ready("x");
        assertTrue(p.isReady());
        assertFalse(p.isPending());
        assertEquals("x", p.get());
    }

    @Test
    void pendingIsOneSharedInstance() {
        Poll<String> a = Poll.pending();
        Poll<Integer> b = Poll.pending();
        assertSame(a, b);
        assertTrue(a.isPending());
        assertFalse(a.isReady());
    }

    @Test
    void readyNullIsShared() {
        assertSame(Poll.ready(null), Poll.ready(null));
        assertTrue(Poll.ready(null).isReady());
        assertEquals(null, Poll.ready(null).get());
    }

    @Test
    void getOnPendingThrows() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Poll.pending().get());
        assertTrue(e.getMessage().contains("pending"), e.getMessage());
    }

    @Test
    void contextCarriesItsWaker() {
        CountingWaker w = new CountingWaker();
        assertSame(w, Context.from(w).waker());
        assertThrows(NullPointerException.class, () -> Context.from(null));
    }
}
