package dev.pollen;

import java.time.Duration;

/**
 * The seed's leaf future: its timer starts when it is first polled, and it is then ready with
 * {@code id} after {@code seconds}. A thin wrapper over {@link Reactor#sleep}; {@code cancel()}
 * removes the timer.
 */
public final class Task implements Future<Integer> {

    private final Future<Void> sleep;
    private final int id;

    public Task(Reactor reactor, long seconds, int id) {
        this.sleep = reactor.sleep(Duration.ofSeconds(seconds));
        this.id = id;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        return sleep.poll(cx).isReady() ? Poll.ready(id) : Poll.pending();
    }

    @Override
    public void cancel() {
        sleep.cancel();
    }

    /** E.g. {@code Task 1 (Sleep(0.4 s left))}. */
    @Override
    public String toString() {
        return "Task " + id + " (" + sleep + ")";
    }
}
