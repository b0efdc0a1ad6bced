package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pollen.testkit.ReadyFuture;
import org.junit.jupiter.api.Test;

class AwaitTest {

    static int plainCall() {
        return Await.await(new ReadyFuture<>(1));
    }

    static final class Inner {
        static int nested() {
            return Await.await(new ReadyFuture<>(2));
        }
    }

    @Test
    void awaitOutsideAMachineNamesTheFacade() {
        IllegalStateException e = assertThrows(IllegalStateException.class, AwaitTest::plainCall);
        assertEquals("await(...) called outside a Pollen state machine: AwaitTest.plainCall runs as "
                + "plain Java. If AwaitTest.plainCall is @Async, call its facade "
                + "dev.pollen.AwaitTestAsync.plainCall(...) and await it, spawn it or pass it to "
                + "Executor.blockOn", e.getMessage());
    }

    @Test
    void nestedClassFacadeJoinsNamesWithUnderscore() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Inner::nested);
        assertEquals("await(...) called outside a Pollen state machine: AwaitTest.Inner.nested runs as "
                + "plain Java. If AwaitTest.Inner.nested is @Async, call its facade "
                + "dev.pollen.AwaitTest_InnerAsync.nested(...) and await it, spawn it or pass it to "
                + "Executor.blockOn", e.getMessage());
    }
}
