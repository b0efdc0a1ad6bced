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
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Futures#select} and {@link Futures#race}, polled by hand. */
class SelectTest {

    private final CountingWaker waker = new CountingWaker();

    @Test
    void theFirstToCompleteWinsAndTheLosersFinishTheirCleanupBeforeTheSelectCompletes() {
        CleanupFuture<String> loser = new CleanupFuture<>("loser");
        ManualFuture<String> winner = new ManualFuture<>();
        Future<Futures.Selected<String>> select = Futures.select(loser, winner);
        assertTrue(select.poll(waker.context()).isPending());
        String value = new String("won");
        winner.complete(value);
        assertTrue(select.poll(waker.context()).isPending(), "waits for the loser's cleanup");
        assertTrue(loser.isCancelled());
        assertEquals("Futures.select (2 futures, 1 won, cancelling the rest)", select.toString());
        loser.finishCleanup();
        Futures.Selected<String> selected = select.poll(waker.context()).get();
        assertEquals(1, selected.index());
        assertSame(value, selected.value());
        assertTrue(loser.isTaken());
    }

    @Test
    void biasedToTheLowerIndexWhenSeveralAreReadyInOnePoll() {
        ManualFuture<Integer> a = new ManualFuture<>();
        ManualFuture<Integer> b = new ManualFuture<>();
        Future<Futures.Selected<Integer>> select = Futures.select(a, b);
        assertTrue(select.poll(waker.context()).isPending());
        b.complete(2);
        a.complete(1);
        assertEquals(new Futures.Selected<>(0, 1), select.poll(waker.context()).get());
        assertTrue(b.isCancelled(), "cancelled before its next poll, so its value is not taken");
    }

    @Test
    void biasedToTheLowerIndexInALargeSelectToo() {
        List<ManualFuture<Integer>> children = new ArrayList<>();
        for (int i = 0; i < ChildFutures.POLL_ALL_UP_TO * 3; i++) {
            children.add(new ManualFuture<>());
        }
        Future<Integer> race = Futures.race(children);
        assertTrue(race.poll(waker.context()).isPending());
        children.get(80).complete(80);
        children.get(40).complete(40);
        assertEquals(40, race.poll(waker.context()).get());
        for (int i = 0; i < children.size(); i++) {
            assertEquals(i != 40, children.get(i).isCancelled(), "child " + i);
        }
    }

    @Test
    void aFailureWinsAsItIsAndALosersCleanupFailureIsSuppressedOnIt() {
        CleanupFuture<String> loser = new CleanupFuture<>("loser");
        IOException failure = new IOException("first");
        Future<String> race = Futures.race(Futures.failed(failure), loser);
        assertTrue(race.poll(waker.context()).isPending());
        IllegalStateException inCleanup = new IllegalStateException("cleanup");
        loser.failCleanup(inCleanup);
        assertSame(failure, assertThrows(IOException.class, () -> race.poll(waker.context())));
        assertArrayEquals(new Throwable[] {inCleanup}, failure.getSuppressed());
    }

    @Test
    void aLosersCleanupFailureAfterAWinningValueFailsTheSelectAsAFinallyWould() {
        CleanupFuture<String> loser = new CleanupFuture<>("loser");
        Future<String> race = Futures.race(loser, Futures.ready("value"));
        assertTrue(race.poll(waker.context()).isPending());
        IllegalStateException inCleanup = new IllegalStateException("cleanup");
        loser.failCleanup(inCleanup);
        assertSame(inCleanup, assertThrows(IllegalStateException.class, () -> race.poll(waker.context())));
    }

    @Test
    void cancelCancelsEveryChildAndCompletesWithCancellationOnceTheyFinished() {
        CleanupFuture<String> a = new CleanupFuture<>("a");
        CleanupFuture<String> b = new CleanupFuture<>("b");
        Future<Futures.Selected<String>> select = Futures.select(List.of(a, b));
        assertTrue(select.poll(waker.context()).isPending());
        select.cancel();
        assertTrue(a.isCancelled() && b.isCancelled());
        a.finishCleanup();
        assertTrue(select.poll(waker.context()).isPending());
        b.finishCleanup();
        CancellationException e = assertThrows(CancellationException.class, () -> select.poll(waker.context()));
        assertEquals("Futures.select cancelled", e.getMessage());
        assertEquals(0, e.getSuppressed().length);
        assertThrows(IllegalStateException.class, () -> select.poll(waker.context()));
    }

    @Test
    void aCancelledChildThatCompletesFirstWinsWithItsCancellation() {
        CancellationException external = new CancellationException("task cancelled elsewhere");
        ManualFuture<String> other = new ManualFuture<>();
        Future<String> race = Futures.race(other, Futures.failed(external));
        assertSame(external, assertThrows(CancellationException.class, () -> race.poll(waker.context())),
                "the same object, not the select's own");
        assertTrue(other.isCancelled());
        assertEquals(2, other.polls(), "the loser was polled to completion in the same poll");
    }

    @Test
    void misuseIsRefused() {
        assertEquals("Futures.select of no futures would never complete",
                assertThrows(IllegalArgumentException.class, () -> Futures.select(List.of())).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Futures.race());
        assertThrows(NullPointerException.class, () -> Futures.race(Futures.ready(1), null));
        assertEquals("Futures.select (2 futures)", Futures.select(Futures.ready(1), Futures.ready(2)).toString());
        assertFalse(Futures.race(Futures.ready(1)).toString().isEmpty());
    }
}
