package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random interleavings of sends, receives, cancels, tries and a close on one thread, each future
 * polled only when its own waker was woken (as a runtime does): every message whose send
 * completed is received exactly once, no message whose send did not complete is ever received,
 * nothing waits in vain once every woken future was polled (a sender beside free room, a receiver
 * beside a buffered message: a lost wake-up), and after the close every waiting future is woken
 * and completes.
 */
class ChannelModelTest {

    /** A live send or receive with its own wake flag. */
    private static final class Op {
        final Future<?> future;
        final Integer message;  // for a send
        boolean woken;
        final Context cx = Context.from(() -> woken = true);

        Op(Future<?> future, Integer message) {
            this.future = future;
            this.message = message;
        }
    }

    private final Set<Integer> sent = new HashSet<>();
    private final List<Integer> received = new ArrayList<>();
    private final List<Op> live = new ArrayList<>();
    private Channel<Integer> ch;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21, 34})
    void everySentMessageIsReceivedExactlyOnceWhateverIsCancelled(int seed) {
        for (int capacity : new int[] {1, 2, 4, Integer.MAX_VALUE}) {
            sent.clear();
            received.clear();
            live.clear();
            run(new Random(seed * 31L + capacity), capacity);
        }
    }

    private void run(Random random, int capacity) {
        ch = capacity == Integer.MAX_VALUE ? Channel.unbounded() : Channel.bounded(capacity);
        int next = 0;
        for (int step = 0; step < 2000; step++) {
            int dice = random.nextInt(100);
            if (dice < 25) {
                int m = next++;
                start(new Op(ch.send(m), m));
            } else if (dice < 50) {
                start(new Op(ch.receive(), null));
            } else if (dice < 60 && !live.isEmpty()) {
                Op op = live.remove(random.nextInt(live.size()));
                op.future.cancel();
                finish(op);                     // the canceller polls it to its end at once
            } else if (dice < 65) {
                int m = next++;
                if (!ch.isClosed() && ch.trySend(m)) {
                    sent.add(m);
                }
            } else if (dice < 70) {
                Integer m = ch.tryReceive();
                if (m != null) {
                    received.add(m);
                }
            } else if (dice == 70 && random.nextInt(20) == 0) {
                ch.close();
            } else {
                pollWoken();
            }
            if (step % 100 == 0) {
                checkNothingWaitsInVain();
            }
        }
        checkNothingWaitsInVain();
        ch.close();
        while (pollWoken()) {
            // run until quiet
        }
        assertEquals(List.of(), live.stream().map(op -> op.future.toString()).toList(), "left waiting after the close");
        for (Integer m = ch.tryReceive(); m != null; m = ch.tryReceive()) {
            received.add(m);
        }
        assertEquals(received.size(), new HashSet<>(received).size(), "a message received twice");
        assertEquals(sent, new HashSet<>(received));
        assertNull(ch.tryReceive());
    }

    /**
     * Once every woken future was polled, what still waits waits for a reason: a sender for room
     * in a full channel, a receiver for a message in an empty one (else a wake-up was lost).
     */
    private void checkNothingWaitsInVain() {
        while (pollWoken()) {
            // run until quiet
        }
        if (ch.isClosed()) {
            assertEquals(List.of(), live.stream().map(op -> op.future.toString()).toList(), "waiting after the close");
            return;
        }
        for (Op op : live) {
            if (op.message != null) {
                assertTrue(ch.size() >= ch.capacity(), op.future + " waits beside free room");
            } else {
                assertEquals(0, ch.size(), op.future + " waits beside a buffered message");
            }
        }
    }

    private void start(Op op) {
        if (!step(op)) {
            live.add(op);
        }
    }

    /** Polls every woken future once; returns whether any was polled. */
    private boolean pollWoken() {
        boolean any = false;
        for (Op op : new ArrayList<>(live)) {
            if (op.woken) {
                any = true;
                op.woken = false;
                if (step(op)) {
                    live.remove(op);
                }
            }
        }
        return any;
    }

    private void finish(Op op) {
        assertTrue(step(op), op.future + " pending after its cancel");
    }

    /** Polls once; records a completed send or receive; returns whether it completed. */
    private boolean step(Op op) {
        try {
            Poll<?> p = op.future.poll(op.cx);
            if (p.isPending()) {
                return false;
            }
            if (op.message != null) {
                assertTrue(sent.add(op.message));
            } else if (p.get() != null) {
                received.add((Integer) p.get());
            } else {
                assertTrue(ch.isClosed(), "the end of the stream before the close");
            }
            return true;
        } catch (CancellationException | ChannelClosedException e) {
            return true;
        } catch (RuntimeException e) {
            fail(op.future + " failed", e);
            return true;
        }
    }
}
