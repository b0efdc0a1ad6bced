package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.testkit.CleanupFuture;
import dev.pollen.testkit.CountingWaker;
import dev.pollen.testkit.ManualFuture;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.Test;

/** {@link Futures#join} and {@link Futures#joinAll}, polled by hand. */
class JoinTest {

    private final CountingWaker waker = new CountingWaker();

    @Test
    void joinGivesBothValuesAsTheSameObjectsWhateverOrderTheyComeIn() {
        ManualFuture<String> a = new ManualFuture<>();
        ManualFuture<List<Integer>> b = new ManualFuture<>();
        Future<Futures.Pair<String, List<Integer>>> both = Futures.join(a, b);
        assertTrue(both.poll(waker.context()).isPending());
        List<Integer> list = List.of(1);
        b.complete(list);
        assertEquals(1, waker.count());
        assertTrue(both.poll(waker.context()).isPending());
        String s = new String("a");
        a.complete(s);
        Futures.Pair<String, List<Integer>> pair = both.poll(waker.context()).get();
        assertSame(s, pair.first());
        assertSame(list, pair.second());
        assertEquals(2, b.polls(), "a child that completed is not polled again");
        assertEquals("polled after completion",
                assertThrows(IllegalStateException.class, () -> both.poll(waker.context())).getMessage());
    }

    @Test
    void joinOfThreeAndJoinAllKeepOrderAndNulls() {
        Futures.Triple<Integer, Void, String> t =
                poll(Futures.join(Futures.ready(1), Futures.ready((Void) null), Futures.ready("c"))).get();
        assertEquals(new Futures.Triple<Integer, Void, String>(1, null, "c"), t);
        List<String> values = poll(Futures.joinAll(List.of(Futures.ready("x"), Futures.<String>ready(null),
                Futures.ready("z")))).get();
        assertEquals(Arrays.asList("x", null, "z"), values);
        assertThrows(UnsupportedOperationException.class, () -> values.set(0, "y"));
        assertEquals(List.of(), poll(Futures.joinAll(List.of())).get());
    }

    @Test
    void theFirstFailureCancelsTheOthersWaitsForTheirCleanupAndSuppressesLaterFailuresOnly() {
        CleanupFuture<String> slow = new CleanupFuture<>("slow");
        CleanupFuture<String> failingCleanup = new CleanupFuture<>("failingCleanup");
        CleanupFuture<String> failing = new CleanupFuture<>("failing");
        ManualFuture<String> done = new ManualFuture<>();
        Future<List<String>> all = Futures.joinAll(List.of(slow, failingCleanup, failing, done));
        assertTrue(all.poll(waker.context()).isPending());
        done.complete("done");
        IOException first = new IOException("first");
        failing.fail(first);
        assertTrue(all.poll(waker.context()).isPending(), "waits for the cancelled children's cleanup");
        assertTrue(slow.isCancelled());
        assertTrue(failingCleanup.isCancelled());
        slow.finishCleanup();
        assertTrue(all.poll(waker.context()).isPending());
        IllegalStateException later = new IllegalStateException("cleanup failed");
        failingCleanup.failCleanup(later);
        IOException thrown = assertThrows(IOException.class, () -> all.poll(waker.context()));
        assertSame(first, thrown);
        assertArrayEquals(new Throwable[] {later}, thrown.getSuppressed(),
                "later failures suppressed, not the cancellations the join caused");
        assertTrue(slow.isTaken());
        assertTrue(failingCleanup.isTaken());
    }

    @Test
    void aFailureOfTheFirstPollCancelsTheOthersBeforeTheyArePolledAgain() {
        CleanupFuture<String> other = new CleanupFuture<>("other");
        IOException boom = new IOException("boom");
        Future<Futures.Pair<String, String>> both = Futures.join(other, Futures.failed(boom));
        assertTrue(both.poll(waker.context()).isPending());
        assertTrue(other.isCancelled());
        other.finishCleanup();
        assertSame(boom, assertThrows(IOException.class, () -> both.poll(waker.context())));
    }

    @Test
    void cancelCancelsEveryPendingChildDrivesThemToCompletionThenThrowsCancellation() {
        CleanupFuture<String> a = new CleanupFuture<>("a");
        CleanupFuture<String> b = new CleanupFuture<>("b");
        ManualFuture<String> done = new ManualFuture<>();
        Future<List<String>> all = Futures.joinAll(List.of(a, done, b));
        assertTrue(all.poll(waker.context()).isPending());
        done.complete("x");
        assertTrue(all.poll(waker.context()).isPending());
        all.cancel();
        assertTrue(a.isCancelled());
        assertTrue(b.isCancelled());
        assertFalse(done.isCancelled(), "a completed child is not cancelled");
        assertTrue(all.poll(waker.context()).isPending());
        a.finishCleanup();
        assertTrue(all.poll(waker.context()).isPending());
        IOException cleanupFailure = new IOException("in cleanup");
        b.failCleanup(cleanupFailure);
        CancellationException e = assertThrows(CancellationException.class, () -> all.poll(waker.context()));
        assertArrayEquals(new Throwable[] {cleanupFailure}, e.getSuppressed());
        all.cancel();                       // ignored once complete
    }

    @Test
    void cancelledBeforeItsFirstPollItCancelsItsChildrenAndPollsThemToCompletion() {
        ManualFuture<String> a = new ManualFuture<>();
        Future<List<String>> all = Futures.joinAll(List.of(a));
        all.cancel();
        assertThrows(CancellationException.class, () -> all.poll(waker.context()));
        assertEquals(1, a.polls());
    }

    @Test
    void aLargeJoinPollsOnlyTheChildrenThatWereWoken() {
        int n = ChildFutures.POLL_ALL_UP_TO * 4 + 7;
        List<ManualFuture<Integer>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ManualFuture<>());
        }
        Future<List<Integer>> all = Futures.joinAll(children);
        assertTrue(all.poll(waker.context()).isPending());
        children.get(n - 1).complete(n - 1);
        children.get(70).complete(70);
        assertEquals(2, waker.count(), "one wake of the owner per child woken");
        assertTrue(all.poll(waker.context()).isPending());
        for (int i = 0; i < n; i++) {
            assertEquals(i == 70 || i == n - 1 ? 2 : 1, children.get(i).polls(), "polls of child " + i);
        }
        for (int i = 0; i < n - 1; i++) {
            if (i != 70) {
                children.get(i).complete(i);
            }
        }
        List<Integer> values = all.poll(waker.context()).get();
        for (int i = 0; i < n; i++) {
            assertEquals(i, values.get(i));
            assertEquals(2, children.get(i).polls());
        }
    }

    @Test
    void aWakeBeforeACancelDoesNotHideTheWakesOfTheCancelledChildsCleanup() {
        List<CleanupFuture<Integer>> children = new ArrayList<>();
        for (int i = 0; i <= ChildFutures.POLL_ALL_UP_TO; i++) {
            children.add(new CleanupFuture<>("child " + i));
        }
        Future<List<Integer>> all = Futures.joinAll(children);
        assertTrue(all.poll(waker.context()).isPending());
        CleanupFuture<Integer> child = children.get(5);
        child.wakeSpuriously();             // its due bit is set, the owner woken once
        assertEquals(1, waker.count());
        all.cancel();                       // the next poll polls every child, so it must take the bit too
        for (CleanupFuture<Integer> c : children) {
            if (c != child) {
                c.finishCleanup();
            }
        }
        assertTrue(all.poll(waker.context()).isPending(), "child 5's cleanup is running");
        int wakes = waker.count();
        child.finishCleanup();
        assertEquals(wakes + 1, waker.count(), "the end of its cleanup wakes the owner");
        assertThrows(CancellationException.class, () -> all.poll(waker.context()));
    }

    @Test
    void aLargeJoinCompletesWhenItsChildrenAreWokenFromOtherThreads() throws Exception {
        int n = 200;
        List<ManualFuture<Integer>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(new ManualFuture<>());
        }
        Future<List<Integer>> all = Futures.joinAll(children);
        Semaphore woken = new Semaphore(0);
        Context cx = Context.from(woken::release);
        assertTrue(all.poll(cx).isPending());
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int first = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                for (int i = first; i < n; i += 2) {
                    children.get(i).complete(i);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        List<Integer> values;
        for (;;) {
            Poll<List<Integer>> p = all.poll(cx);
            if (p.isReady()) {
                values = p.get();
                break;
            }
            woken.acquire();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, values.get(i));
        }
    }

    @Test
    void aLargeJoinsChildrenSpendTheOwnersBudget() {
        int n = ChildFutures.POLL_ALL_UP_TO + 1;
        List<Future<Boolean>> children = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            children.add(cx -> Poll.ready(cx.consumeBudget()));
        }
        Context cx = Context.withBudget(waker, n - 1);
        List<Boolean> spent = Futures.joinAll(children).poll(cx).get();
        assertEquals(n - 1, spent.stream().filter(b -> b).count(), "the last child found the budget spent");
        assertFalse(cx.consumeBudget());
    }

    @Test
    void describesWhatItWaitsFor() {
        ManualFuture<String> a = new ManualFuture<>();
        Future<List<String>> all = Futures.joinAll(List.of(Futures.ready("x"), a));
        assertTrue(all.poll(waker.context()).isPending());
        assertEquals("Futures.joinAll (1 of 2 done)", all.toString());
        assertEquals("Futures.join (0 of 2 done)", Futures.join(a, a).toString());
    }

    @Test
    void nullsAreRefusedWithTheirIndex() {
        List<Future<String>> withNull = new ArrayList<>();
        withNull.add(Futures.ready("a"));
        withNull.add(null);
        assertEquals("future 1 is null",
                assertThrows(NullPointerException.class, () -> Futures.joinAll(withNull)).getMessage());
    }

    private <T> Poll<T> poll(Future<T> f) {
        return f.poll(waker.context());
    }
}
