package dev.pollen;

import java.util.concurrent.CancellationException;

/**
 * {@link Reactor#sleep}: a leaf future that is its own timer entry. All fields are guarded by
 * the reactor's lock. About 56 bytes per pending sleep, plus its slot in the heap array.
 */
final class Sleep implements Future<Void> {

    static final byte NEW = 0;          // not polled yet: the timer has not started
    static final byte WAITING = 1;      // in the heap
    static final byte FIRED = 2;        // deadline passed, waker woken; next poll is ready
    static final byte CANCELLED = 3;    // cancelled or reactor closed; next poll throws
    static final byte DONE = 4;         // poll returned ready or threw

    private final Reactor reactor;
    private final long durationNanos;
    long deadline;
    long sequence;
    int heapIndex = -1;
    Waker waker;
    byte state = NEW;

    Sleep(Reactor reactor, long durationNanos) {
        this.reactor = reactor;
        this.durationNanos = durationNanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        Waker w = cx.waker();
        synchronized (reactor.lock) {
            switch (state) {
                case NEW:
                    if (!reactor.start(this, durationNanos)) {
                        state = DONE;
                        throw new CancellationException("sleep polled after its reactor was closed");
                    }
                    waker = w;
                    state = WAITING;
                    return Poll.pending();
                case WAITING:
                    waker = w;
                    return Poll.pending();
                case FIRED:
                    state = DONE;
                    return Poll.ready(null);
                case CANCELLED:
                    state = DONE;
                    throw new CancellationException("sleep cancelled, or its reactor was closed");
                default:
                    throw new IllegalStateException("polled after completion");
            }
        }
    }

    /** Removes the timer; the next poll throws CancellationException. Ignored once completed. */
    @Override
    public void cancel() {
        synchronized (reactor.lock) {
            if (state == WAITING) {
                reactor.heap.remove(this);
            }
            if (state != DONE) {
                state = CANCELLED;
                waker = null;
            }
        }
    }
}
