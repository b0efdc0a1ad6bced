package dev.pollen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pollen.testkit.CountingWaker;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** {@link Futures#ready} and {@link Futures#failed}: leaves that complete at their first poll. */
class ReadyFailedTest {

    private final CountingWaker waker = new CountingWaker();

    @Test
    void readyAtTheFirstPollThenPolledAfterCompletion() {
        Object value = new Object();
        Future<Object> f = Futures.ready(value);
        assertSame(value, f.poll(waker.context()).get());
        assertThrows(IllegalStateException.class, () -> f.poll(waker.context()));
        f.cancel();                         // ignored once complete
    }

    @Test
    void failedThrowsTheSameCheckedException() {
        IOException failure = new IOException("x");
        Future<String> f = Futures.failed(failure);
        assertEquals("Futures.failed(java.io.IOException: x)", f.toString());
        assertSame(failure, assertThrows(IOException.class, () -> f.poll(waker.context())));
        assertThrows(IllegalStateException.class, () -> f.poll(waker.context()));
    }

    @Test
    void cancelledBeforeItsFirstPollItThrowsCancellationLikeEveryLeaf() {
        Future<String> f = Futures.ready("v");
        f.cancel();
        assertThrows(CancellationException.class, () -> f.poll(waker.context()));
        assertThrows(NullPointerException.class, () -> Futures.failed(null));
    }
}
