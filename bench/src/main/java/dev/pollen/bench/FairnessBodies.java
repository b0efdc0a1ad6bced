package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** Benchmark 6's tasks, compiled by the Pollen processor. */
final class FairnessBodies {

    /**
     * A busy task still running this long after the start gives up: the timers were starved
     * (with a working budget, the whole run takes about the longest timer, 200 ms).
     */
    static final long GIVE_UP_NANOS = Duration.ofSeconds(1).toNanos();

    private FairnessBodies() {}

    /** Which busy task runs beside the timers. */
    enum Busy {
        /** None: the timers alone. */
        NONE,
        /** Awaits that are always ready, under the runtime's budget. */
        READY_AWAITS,
        /** The same task, polled with an unlimited budget ({@link Unbudgeted}). */
        UNBUDGETED
    }

    /**
     * Spawns the busy task, then one timer task per delay; joins the timers, stops the busy task
     * and returns the number of awaits it made (0 without it). {@code lateness[i]} receives how
     * late timer {@code i} woke, in ns.
     */
    @Async
    static long run(long[] delayNanos, long[] lateness, Busy kind) {
        long start = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Future<Long> task = FairnessBodiesAsync.busy(stop, start + GIVE_UP_NANOS);
        JoinHandle<Long> busy = kind == Busy.NONE ? null
                : Executor.spawn(kind == Busy.UNBUDGETED ? new Unbudgeted<>(task) : task);
        List<JoinHandle<Void>> timers = new ArrayList<>(delayNanos.length);
        for (int i = 0; i < delayNanos.length; i++) {
            timers.add(Executor.spawn(FairnessBodiesAsync.timer(start + delayNanos[i], lateness, i)));
        }
        for (int i = 0; i < timers.size(); i++) {
            await(timers.get(i));
        }
        stop.set(true);
        return busy == null ? 0 : await(busy);
    }

    /**
     * Sleeps until {@code deadline} (System.nanoTime), counted from the spawn, not from its first
     * poll: a task that the busy one keeps from starting is late too.
     */
    @Async
    static void timer(long deadline, long[] lateness, int i) {
        await(Time.sleep(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
        lateness[i] = System.nanoTime() - deadline;
    }

    /**
     * Awaits futures that are always ready, never pending, until told to stop (checked every
     * 64 awaits) or until {@code giveUpAt}. Only the runtime's cooperative budget makes it
     * yield the worker. Returns the number of awaits.
     */
    @Async
    static long busy(AtomicBoolean stop, long giveUpAt) {
        long awaits = 0;
        while (!stop.get() && System.nanoTime() < giveUpAt) {
            for (int j = 0; j < 64; j++) {
                awaits += await(new ReadyLeaf(1));
            }
        }
        return awaits;
    }
}
