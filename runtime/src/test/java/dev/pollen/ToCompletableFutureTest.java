package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.CleanupFuture;
import dev.pollen.testkit.ManualFuture;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** {@link JoinHandle#toCompletableFuture()} on a multi-threaded runtime. */
class ToCompletableFutureTest {

    @Test
    void completesWithTheTasksValueOrFailureAsTheSameObject() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            String value = new String("v");
            ManualFuture<String> later = new ManualFuture<>();
            CompletableFuture<String> cf = rt.spawn(later).toCompletableFuture();
            new Thread(() -> later.complete(value)).start();
            assertSame(value, cf.get(5, TimeUnit.SECONDS));

            IOException failure = new IOException("x");
            CompletableFuture<String> failed = rt.spawn(Futures.<String>failed(failure)).toCompletableFuture();
            ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
            assertSame(failure, e.getCause());
        }
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTaskWhichRunsItsCleanup() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(2).build()) {
            CleanupFuture<String> task = new CleanupFuture<>("task");
            JoinHandle<String> handle = rt.spawn(task);
            CompletableFuture<String> cf = handle.toCompletableFuture();
            assertTrue(cf.cancel(false));
            assertTrue(cf.isCancelled());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!task.isCancelled()) {
                assertTrue(System.nanoTime() < deadline, "the task was not cancelled");
                Thread.sleep(1);
            }
            task.finishCleanup();
            while (!handle.isDone()) {
                assertTrue(System.nanoTime() < deadline, "the task did not finish its cleanup");
                Thread.sleep(1);
            }
            assertTrue(task.isTaken());
        }
    }

    @Test
    void completingItFromOutsideLikeOrTimeoutCancelsTheTaskToo() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            ManualFuture<String> never = new ManualFuture<>();
            JoinHandle<String> handle = rt.spawn(never);
            CompletableFuture<String> cf = handle.toCompletableFuture().orTimeout(10, TimeUnit.MILLISECONDS);
            ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(5, TimeUnit.SECONDS));
            assertTrue(e.getCause() instanceof TimeoutException);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (!handle.isDone()) {
                assertTrue(System.nanoTime() < deadline, "the task was not cancelled");
                Thread.sleep(1);
            }
            assertTrue(never.isCancelled());
        }
    }

    @Test
    void describesItself() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workers(1).build()) {
            CompletableFuture<String> cf = rt.spawn(new ManualFuture<String>()).toCompletableFuture();
            assertTrue(cf.toString().startsWith("JoinHandle.toCompletableFuture (pending) of task"), cf.toString());
            cf.cancel(true);
            assertEquals("JoinHandle.toCompletableFuture (complete)", cf.toString().substring(0, 41));
        }
    }
}
