package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.rt.time.IdleSource;
import dev.pollen.testkit.CountingWaker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A virtual-clock Reactor jumps only while every runtime that polled one of its timers is idle:
 * runtimes stood in for by fake idle sources, timers polled by hand on the test thread.
 */
class ReactorIdleTest {

    /** A runtime reduced to its idleness, switched by the test. */
    static final class FakeRuntime implements IdleSource {
        volatile boolean idle;
        volatile boolean closed;
        final List<Runnable> listeners = new CopyOnWriteArrayList<>();

        @Override
        public boolean isIdle() {
            return idle;
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public void addIdleListener(Runnable l) {
            listeners.add(l);
        }

        @Override
        public void removeIdleListener(Runnable l) {
            listeners.remove(l);
        }

        void becomeIdle() {
            idle = true;
            listeners.forEach(Runnable::run);
        }
    }

    @AfterEach
    void unbind() {
        IdleSource.bind(null);
    }

    private static Future<Void> pollOn(FakeRuntime runtime, Reactor reactor, long seconds, CountingWaker waker) {
        IdleSource.bind(runtime);
        Future<Void> sleep = reactor.sleep(Duration.ofSeconds(seconds));
        assertTrue(sleep.poll(waker.context()).isPending());
        return sleep;
    }

    private static void awaitTrue(BooleanSupplier condition) {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            while (!condition.getAsBoolean()) {
                Thread.sleep(1);
            }
        });
    }

    /** A short real wait in which a wrong jump would happen (the reactor thread runs meanwhile). */
    private static void settle() throws InterruptedException {
        Thread.sleep(50);
    }

    @Test
    void jumpsOnlyWhenEveryAttachedRuntimeIsIdle() throws Exception {
        FakeRuntime a = new FakeRuntime();
        FakeRuntime b = new FakeRuntime();
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            CountingWaker first = new CountingWaker();
            CountingWaker second = new CountingWaker();
            pollOn(a, reactor, 1, first);
            pollOn(b, reactor, 2, second);
            a.becomeIdle();
            settle();
            assertEquals(0, reactor.clock().nanoTime(), "b is busy: time stands still");

            b.becomeIdle();
            awaitTrue(() -> second.count() == 1);
            assertEquals(1, first.count());
            assertEquals(2_000_000_000L, reactor.clock().nanoTime());
        }
    }

    @Test
    void aRuntimeWokenByATimerHoldsTheClockUntilItIsIdleAgain() throws Exception {
        FakeRuntime a = new FakeRuntime();
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            CountingWaker later = new CountingWaker();
            IdleSource.bind(a);
            Future<Void> first = reactor.sleep(Duration.ofSeconds(1));
            // the wake makes the runtime busy, as a real runtime's would
            assertTrue(first.poll(Context.from(() -> a.idle = false)).isPending());
            pollOn(a, reactor, 5, later);
            a.becomeIdle();
            awaitTrue(() -> !a.idle);
            settle();
            assertEquals(1_000_000_000L, reactor.clock().nanoTime());
            assertEquals(0, later.count());

            a.becomeIdle();
            awaitTrue(() -> later.count() == 1);
            assertEquals(5_000_000_000L, reactor.clock().nanoTime());
        }
    }

    @Test
    void aRuntimeIsAttachedOnceAndAClosedOneIsForgotten() throws Exception {
        FakeRuntime closing = new FakeRuntime();
        FakeRuntime other = new FakeRuntime();
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            CountingWaker waker = new CountingWaker();
            pollOn(closing, reactor, 3, waker);
            pollOn(closing, reactor, 4, waker);
            assertEquals(1, closing.listeners.size(), "one listener per runtime, not per timer");
            pollOn(other, reactor, 1, waker);
            settle();
            assertEquals(0, reactor.clock().nanoTime());

            closing.closed = true;      // busy, but closed: it runs nothing any more
            other.becomeIdle();
            awaitTrue(() -> waker.count() == 3);
            assertEquals(4_000_000_000L, reactor.clock().nanoTime());
            assertEquals(List.of(), closing.listeners, "the reactor let go of the closed runtime");
        }
        assertEquals(List.of(), other.listeners, "close() detaches from every runtime");
    }
}
