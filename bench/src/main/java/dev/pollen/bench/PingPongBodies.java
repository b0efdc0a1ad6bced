package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.JoinHandle;

/** Benchmark 5's tasks, compiled by the Pollen processor. */
final class PingPongBodies {

    private PingPongBodies() {}

    /**
     * Spawns a pinger and a ponger that exchange {@code n} round trips, joins both and returns
     * the pinger's sum of the replies.
     */
    @Async
    static long pingPong(int n) {
        Mailbox<Integer> toPonger = new Mailbox<>();
        Mailbox<Integer> toPinger = new Mailbox<>();
        JoinHandle<Void> ponger = Executor.spawn(PingPongBodiesAsync.ponger(toPonger, toPinger, n));
        JoinHandle<Long> pinger = Executor.spawn(PingPongBodiesAsync.pinger(toPonger, toPinger, n));
        await(ponger);
        return await(pinger);
    }

    /** Sends a ball, waits for it to come back; {@code n} times. Returns the sum of the replies. */
    @Async
    static long pinger(Mailbox<Integer> out, Mailbox<Integer> in, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            out.send(i & 127);                   // cached Integers: the values never allocate
            sum += await(in.receive());
        }
        return sum;
    }

    /** Returns each of {@code n} balls as it comes. */
    @Async
    static void ponger(Mailbox<Integer> in, Mailbox<Integer> out, int n) {
        for (int i = 0; i < n; i++) {
            out.send(await(in.receive()));
        }
    }

    /** What {@link #pinger} returns for {@code n} round trips: the sum of {@code i & 127}. */
    static long expectedSum(int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += i & 127;
        }
        return sum;
    }
}
