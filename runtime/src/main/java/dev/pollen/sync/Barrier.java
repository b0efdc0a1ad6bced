package dev.pollen.sync;

import dev.pollen.Future;
import dev.pollen.Waker;
import dev.pollen.rt.sync.WaitList;
import dev.pollen.rt.sync.Wakeups;


/**
 * A cyclic barrier: {@code parties} arrivals complete together, then the next generation starts
 * (tokio's {@code Barrier}, {@code java.util.concurrent.CyclicBarrier} without blocking a thread).
 *
 * <pre>{@code
 * Barrier step = new Barrier(4);
 * for (int round = 0; round < rounds; round++) {
 *     compute(round);
 *     int index = await(step.arrive());   // all four finished this round; 3 for the last to arrive
 * }
 * }</pre>
 *
 * <p>An {@link #arrive()} future arrives at its first poll and completes when the generation is
 * full, with its arrival index in that generation: 0 for the first, {@code parties - 1} for the one
 * that completed it (and does not wait). A cancelled arrival that is still waiting withdraws:
 * the generation then needs another party, and the indices count only the parties that stayed.
 */
public final class Barrier {

    private final int parties;
    /** Guarded by {@code waiters}: the waiting arrivals of the current generation, in order. */
    private final WaitList<Arrival> waiters = new WaitList<>();
    /** Guarded by {@code waiters}. */
    private long generation;

    /**
     * A barrier for {@code parties} arrivals per generation.
     *
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party, got " + parties);
        }
        this.parties = parties;
    }

    /** A future that arrives at its first poll and completes with its arrival index once the generation is full. */
    public Future<Integer> arrive() {
        return new Arrival(this);
    }

    /** The number of arrivals per generation. */
    public int parties() {
        return parties;
    }

    /** Arrivals waiting in the current generation. */
    public int arrived() {
        synchronized (waiters) {
            return waiters.size();
        }
    }

    /** Generations completed so far. */
    public long generation() {
        synchronized (waiters) {
            return generation;
        }
    }

    /** E.g. {@code Barrier(2 of 4 arrived, generation 7)}. */
    @Override
    public String toString() {
        return "Barrier(" + describe() + ")";
    }

    private String describe() {
        synchronized (waiters) {
            return waiters.size() + " of " + parties + " arrived, generation " + generation;
        }
    }

    /** The future of {@link #arrive()}; also its wait-list node. */
    private static final class Arrival extends Waiter<Integer> {
        private final Barrier barrier;
        /** -1 until its generation is full; then its index. Written under the lock. */
        private volatile int index = -1;

        Arrival(Barrier barrier) {
            this.barrier = barrier;
        }

        /** Waits for the generation to fill, or fills it: then every waiter gets its index. */
        @Override
        boolean arrive(Waker waker) {
            Wakeups wakeups;
            WaitList<Arrival> waiters = barrier.waiters;
            synchronized (waiters) {
                if (waiters.size() + 1 < barrier.parties) {
                    this.waker = waker;
                    waiters.addLast(this);
                    return false;
                }
                wakeups = new Wakeups();
                int i = 0;
                for (Arrival a = waiters.pollFirst(); a != null; a = waiters.pollFirst()) {
                    wakeups.add(a.waker);
                    a.waker = null;
                    a.index = i++;
                }
                index = i;
                barrier.generation++;
            }
            wakeups.wakeAll();
            return true;
        }

        @Override
        boolean served() {
            return index >= 0;
        }

        @Override
        Integer value() {
            return index;
        }

        /** A waiting arrival withdraws: its generation needs another party. */
        @Override
        void leave() {
            synchronized (barrier.waiters) {
                barrier.waiters.remove(this);
                waker = null;
            }
        }

        @Override
        Object lock() {
            return barrier.waiters;
        }

        @Override
        String name() {
            return "Barrier.arrive";
        }

        /** E.g. {@code 2 of 4 arrived, generation 7}. */
        @Override
        String describe() {
            return barrier.describe();
        }
    }
}
