package dev.pollen.testkit;

import dev.pollen.Context;
import dev.pollen.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wake-ups; {@link #context()} wraps it for manual polling. */
public final class CountingWaker implements Waker {

    private final AtomicInteger wakes = new AtomicInteger();
    private final Context context = Context.from(this);

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    public int count() {
        return wakes.get();
    }

    public Context context() {
        return context;
    }
}
