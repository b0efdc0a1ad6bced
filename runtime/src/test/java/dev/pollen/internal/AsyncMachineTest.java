package dev.pollen.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Clock;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.Reactor;
import dev.pollen.Task;
import dev.pollen.testkit.Chain;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.FailingFuture;
import dev.pollen.testkit.ManualFuture;
import dev.pollen.testkit.ReadyFuture;
import java.io.IOException;
import java.lang.reflect.Field;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

class AsyncMachineTest {

    /**
     * What the processor would generate for
     * <pre>
     * {@literal @}Async static int sum(Future&lt;Integer&gt; a, Future&lt;Integer&gt; b) {
     *     int x = await(a);
     *     int y = await(b);
     *     return x + y;
     * }
     * </pre>
     */
    static final class SumMachine extends AsyncMachine<Integer> {
        private Future<Integer> a;
        private Future<Integer> b;
        private int x;
        private int y;
        int resumes;
        int cancels;
        int stateAtCancel = -1;

        SumMachine(Future<Integer> a, Future<Integer> b) {
            this.a = a;
            this.b = b;
        }

        @Override
        @SuppressWarnings("fallthrough")
        protected Poll<Integer> resume(Context cx) throws Throwable {
            resumes++;
            // As the processor generates it: poll at the await, remember the future only if pending.
            switch (state) {
                case 0: {
                    Future<Integer> f = awaitable(a);
                    a = null;
                    Poll<Integer> p = f.poll(cx);
                    if (p.isPending()) {
                        awaitOn(f);
                        state = 1;
                        return Poll.pending();
                    }
                    x = p.get();
                    state = 1;
                }
                // fall through
                case 1: {
                    if (isSuspended()) {
                        Poll<Integer> p = pollAwaited(cx);
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        x = p.get();
                    }
                    Future<Integer> f = awaitable(b);
                    b = null;
                    Poll<Integer> p = f.poll(cx);
                    if (p.isPending()) {
                        awaitOn(f);
                        state = 2;
                        return Poll.pending();
                    }
                    y = p.get();
                    state = 2;
                }
                // fall through
                case 2: {
                    if (isSuspended()) {
                        Poll<Integer> p = pollAwaited(cx);
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        y = p.get();
                    }
                    return Poll.ready(x + y);
                }
                default:
                    throw new IllegalStateException("bad state " + state);
            }
        }

        @Override
        protected int cleanupOnCancel() {
            cancels++;
            stateAtCancel = state;
            return NO_CLEANUP;
        }

        Object awaited() throws ReflectiveOperationException {
            Field f = AsyncMachine.class.getDeclaredField("awaited");
            f.setAccessible(true);
            return f.get(this);
        }
    }

    private final CountingWaker waker = new CountingWaker();
    private final Context cx = waker.context();

    @Test
    void runsToCompletionThenRefusesPolls() {
        SumMachine m = new SumMachine(new ReadyFuture<>(1), new ReadyFuture<>(2));
        assertEquals(3, m.poll(cx).get());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> m.poll(cx));
        assertEquals("polled after completion", e.getMessage());
        m.cancel();     // ignored once completed
        assertEquals(0, m.cancels);
    }

    @Test
    void suspendsAtEachAwaitAndPassesTheWakerDown() throws Exception {
        ManualFuture<Integer> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        SumMachine m = new SumMachine(a, b);
        assertTrue(m.poll(cx).isPending());
        assertSame(a, m.awaited());
        a.complete(40);
        assertEquals(1, waker.count());
        assertTrue(m.poll(cx).isPending());
        assertSame(b, m.awaited(), "a's reference was cleared when it became ready");
        b.complete(2);
        assertEquals(42, m.poll(cx).get());
        assertNull(m.awaited());
    }

    @Test
    void failureOfTheAwaitedFuturePropagatesUnchangedAndClearsTheReference() throws Exception {
        IOException io = new IOException("checked");
        SumMachine m = new SumMachine(new ReadyFuture<>(1), FailingFuture.afterPending(io));
        assertTrue(m.poll(cx).isPending());
        assertSame(io, assertThrows(IOException.class, () -> m.poll(cx)));
        assertNull(m.awaited());
        assertThrows(IllegalStateException.class, () -> m.poll(cx));
    }

    @Test
    void failureOfTheBodyPropagatesUnchanged() {
        Exception checked = new Exception("body");
        AsyncMachine<String> m = new AsyncMachine<>() {
            @Override
            protected Poll<String> resume(Context cx) throws Throwable {
                throw checked;
            }
        };
        assertSame(checked, assertThrows(Exception.class, () -> m.poll(cx)));
        assertThrows(IllegalStateException.class, () -> m.poll(cx));
    }

    @Test
    void awaitOnNullThrowsNpe() {
        SumMachine m = new SumMachine(null, null);
        NullPointerException e = assertThrows(NullPointerException.class, () -> m.poll(cx));
        assertEquals("await(null): the awaited future is null", e.getMessage());
    }

    @Test
    void cancelBeforeStartCompletesAtOnce() {
        ManualFuture<Integer> a = new ManualFuture<>();
        SumMachine m = new SumMachine(a, new ReadyFuture<>(2));
        m.cancel();
        assertThrows(CancellationException.class, () -> m.poll(cx));
        assertEquals(0, m.resumes);
        assertEquals(0, m.cancels, "no cleanup for a machine that never started");
        assertEquals(0, a.polls());
        assertThrows(IllegalStateException.class, () -> m.poll(cx));
    }

    @Test
    void cancelWhileSuspendedCancelsTheAwaitedThenThrows() throws Exception {
        ManualFuture<Integer> a = new ManualFuture<>();
        SumMachine m = new SumMachine(a, new ReadyFuture<>(2));
        assertTrue(m.poll(cx).isPending());
        m.cancel();
        m.cancel();     // a second request changes nothing
        assertTrue(a.isCancelled());
        assertEquals(1, m.cancels);
        assertEquals(1, m.stateAtCancel);
        assertThrows(CancellationException.class, () -> m.poll(cx));
        assertEquals(1, m.resumes, "resume is not run again after cancel");
        assertNull(m.awaited());
        assertThrows(IllegalStateException.class, () -> m.poll(cx));
    }

    @Test
    void cancelledMachineKeepsPollingAnAwaitedThatFinishesLater() {
        ManualFuture<Integer> inner = new ManualFuture<>();
        // an awaited future that ignores cancel and later fails with something else
        Future<Integer> stubborn = new Future<>() {
            @Override
            public Poll<Integer> poll(Context c) {
                return inner.poll(c);
            }
        };
        SumMachine m = new SumMachine(stubborn, new ReadyFuture<>(2));
        assertTrue(m.poll(cx).isPending());
        m.cancel();
        assertTrue(m.poll(cx).isPending(), "waits for the awaited future to complete");
        IllegalStateException late = new IllegalStateException("late failure");
        inner.fail(late);
        CancellationException e = assertThrows(CancellationException.class, () -> m.poll(cx));
        assertArrayEquals(new Throwable[] {late}, e.getSuppressed());
    }

    @Test
    void cancelledMachineIgnoresTheValueOfItsAwaited() {
        ManualFuture<Integer> inner = new ManualFuture<>();
        Future<Integer> ignoresCancel = inner::poll;
        SumMachine m = new SumMachine(ignoresCancel, new ReadyFuture<>(2));
        assertTrue(m.poll(cx).isPending());
        m.cancel();
        inner.complete(1);
        CancellationException e = assertThrows(CancellationException.class, () -> m.poll(cx));
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void reentrantCancelIsAppliedWhenResumeReturnsPending() {
        ManualFuture<Integer> inner = new ManualFuture<>();
        SumMachine[] self = new SumMachine[1];
        Future<Integer> cancelsItsOwner = new Future<>() {
            @Override
            public Poll<Integer> poll(Context c) {
                self[0].cancel();           // during resume
                assertTrue(!inner.isCancelled(), "not delivered during resume");
                return inner.poll(c);
            }

            @Override
            public void cancel() {
                inner.cancel();
            }
        };
        self[0] = new SumMachine(cancelsItsOwner, new ReadyFuture<>(2));
        assertThrows(CancellationException.class, () -> self[0].poll(cx));
        assertTrue(inner.isCancelled());
        assertEquals(1, self[0].cancels);
    }

    @Test
    void reentrantCancelIsIgnoredWhenResumeCompletes() {
        SumMachine[] self = new SumMachine[1];
        Future<Integer> cancelsItsOwner = c -> {
            self[0].cancel();
            return Poll.ready(1);
        };
        self[0] = new SumMachine(cancelsItsOwner, new ReadyFuture<>(2));
        assertEquals(3, self[0].poll(cx).get());
        assertEquals(0, self[0].cancels);
    }

    // ---- machines on the executor and the reactor ----

    @Test
    void machinesRunOnTheExecutorWithVirtualTime() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            int sum = Executor.blockOn(new SumMachine(new Task(reactor, 1, 10), new Task(reactor, 2, 20)));
            assertEquals(30, sum);
            assertEquals(3_000_000_000L, reactor.clock().nanoTime(), "awaited one after the other");
        }
    }

    @Test
    void cancellingASpawnedMachineCancelsItsTimer() {
        try (Reactor reactor = new Reactor(Clock.virtual())) {
            SumMachine m = new SumMachine(new Task(reactor, 100, 1), new Task(reactor, 1, 2));
            String outcome = Executor.blockOn(Chain.defer(() -> {
                JoinHandle<Integer> h = Executor.spawn(m);
                return Chain.of(new Task(reactor, 1, 0), ignored -> {
                    h.cancel();
                    return Chain.of(new CatchingFuture<>(h), r -> new ReadyFuture<>(r));
                });
            }));
            assertEquals("CancellationException", outcome);
            assertEquals(1_000_000_000L, reactor.clock().nanoTime(), "the 100 s timer was removed");
            assertEquals(1, m.cancels);
        }
    }

    /** Completes with the simple name of the exception the inner future throws. */
    private static final class CatchingFuture<T> implements Future<String> {
        private final Future<T> inner;

        CatchingFuture(Future<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<String> poll(Context c) {
            try {
                return inner.poll(c).isReady() ? Poll.ready("value") : Poll.pending();
            } catch (RuntimeException e) {
                return Poll.ready(e.getClass().getSimpleName());
            }
        }
    }
}
