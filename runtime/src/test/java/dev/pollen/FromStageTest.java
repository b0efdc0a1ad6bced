package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.CountingWaker;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** {@link Futures#fromStage}, polled by hand and completed from other threads. */
class FromStageTest {

    private final CountingWaker waker = new CountingWaker();

    @Test
    void aCompletedFutureIsReadyAtTheFirstPollWithTheSameObjectAndNoCallback() {
        String value = new String("v");
        CompletableFuture<String> cf = CompletableFuture.completedFuture(value);
        Future<String> f = Futures.fromStage(cf);
        assertSame(value, f.poll(waker.context()).get());
        assertEquals(0, cf.getNumberOfDependents());
        assertEquals("polled after completion",
                assertThrows(IllegalStateException.class, () -> f.poll(waker.context())).getMessage());
    }

    @Test
    void aCheckedFailureIsThrownUnwrappedAsTheSameObject() {
        IOException failure = new IOException("down");
        CompletableFuture<String> failed = CompletableFuture.failedFuture(failure);
        assertSame(failure, assertThrows(IOException.class, () -> Futures.fromStage(failed).poll(waker.context())));
        CompletableFuture<String> dependent = failed.thenApply(s -> s + "!"); // fails with CompletionException(failure)
        assertSame(failure, assertThrows(IOException.class,
                () -> Futures.fromStage(dependent).poll(waker.context())));
        CompletableFuture<String> later = new CompletableFuture<>();
        Future<String> f = Futures.fromStage(later.thenApply(s -> s));
        assertTrue(f.poll(waker.context()).isPending());
        later.completeExceptionally(failure);
        assertEquals(1, waker.count());
        assertSame(failure, assertThrows(IOException.class, () -> f.poll(waker.context())));
    }

    @Test
    void aCancelledCompletableFutureGivesItsCancellationException() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.fromStage(cf);
        assertTrue(f.poll(waker.context()).isPending());
        cf.cancel(false);
        assertThrows(CancellationException.class, () -> f.poll(waker.context()));
    }

    @Test
    void completedFromAnotherThreadItWakesTheLatestWaker() throws Exception {
        for (int round = 0; round < 200; round++) {
            CompletableFuture<Integer> cf = new CompletableFuture<>();
            Future<Integer> f = Futures.fromStage(cf);
            CountingWaker first = new CountingWaker();
            Semaphore woken = new Semaphore(0);
            Context latest = Context.from(woken::release);
            Thread completer = new Thread(() -> cf.complete(7));
            completer.start();
            Poll<Integer> p = f.poll(first.context());
            while (p.isPending()) {
                p = f.poll(latest);
                if (p.isPending()) {
                    woken.acquire();
                }
            }
            assertEquals(7, p.get());
            completer.join();
        }
    }

    @Test
    void cancellingCancelsTheCompletableFutureAndThrowsCancellation() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = Futures.fromStage(cf);
        assertTrue(f.poll(waker.context()).isPending());
        assertEquals("CompletionStage (pending)", f.toString());
        f.cancel();
        assertTrue(cf.isCancelled());
        assertEquals(0, waker.count(), "the callback wakes nobody once cancelled");
        assertThrows(CancellationException.class, () -> f.poll(waker.context()));
        f.cancel();                         // ignored once complete
    }

    @Test
    void aMinimalStageAndOtherStagesWork() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CompletionStage<String> minimal = cf.minimalCompletionStage();
        Future<String> f = Futures.fromStage(minimal);
        assertTrue(f.poll(waker.context()).isPending());
        cf.complete("m");
        assertEquals("m", f.poll(waker.context()).get());
        Future<String> cancelled = Futures.fromStage(new CompletableFuture<String>().minimalCompletionStage());
        cancelled.cancel();
        assertThrows(CancellationException.class, () -> cancelled.poll(waker.context()));
    }

    @Test
    void awaitedInARuntimeWithoutBlockingItsThread() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            CompletableFuture<String> cf = new CompletableFuture<>();
            JoinHandle<String> h = rt.spawn(Futures.fromStage(cf));
            assertEquals(42, rt.blockOn(Futures.ready(42)), "the worker is free while the stage is pending");
            cf.complete("late");
            assertEquals("late", rt.blockOn(h));
        }
    }
}
