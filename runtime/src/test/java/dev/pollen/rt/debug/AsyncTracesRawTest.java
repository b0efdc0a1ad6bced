package dev.pollen.rt.debug;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pollen.AsyncRuntime;
import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.Poll;
import dev.pollen.internal.AsyncMachine;
import dev.pollen.internal.MachineInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code -Dpollen.asyncTraces=raw}: every trace stays as the JVM made it, boundaries included. */
class AsyncTracesRawTest {
    @AfterEach
    void rewriteAgain() {
        AsyncTraces.raw(false);
    }

    /** Throws a new failure, keeping a copy of the trace the JVM gave it. */
    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "fail", line = 1,
            states = {10}, awaits = {}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Thrower extends AsyncMachine<Integer> {
        IllegalStateException made;
        StackTraceElement[] madeWith;

        @Override
        protected Poll<Integer> resume(Context cx) {
            made = new IllegalStateException("raw");
            madeWith = made.getStackTrace();
            throw made;
        }
    }

    /** Awaits what {@code next} makes at its first poll (a spawn runs in the task). */
    @MachineInfo(version = 1, source = "Shop.java", declaringClass = "demo.Shop", method = "await", line = 1,
            states = {20, 21}, awaits = {1}, fields = {}, locals = {}, lines = {500, 5000, 1, 1})
    static final class Awaiter extends AsyncMachine<Integer> {
        private final java.util.function.Supplier<Future<Integer>> next;

        Awaiter(java.util.function.Supplier<Future<Integer>> next) {
            this.next = next;
        }

        @Override
        protected Poll<Integer> resume(Context cx) throws Throwable {
            if (state == 0) {
                Future<Integer> f = awaitable(next.get());
                Poll<Integer> p = f.poll(cx);
                if (p.isPending()) {
                    awaitOn(f);
                    state = 1;
                }
                return p;
            }
            return pollAwaited(cx);
        }
    }

    @Test
    void rawLeavesTheTraceAsMade() {
        AsyncTraces.raw(true);
        Thrower leaf = new Thrower();
        try (AsyncRuntime rt = AsyncRuntime.currentThread()) {
            Throwable t = assertThrows(IllegalStateException.class, () -> rt.blockOn(new Awaiter(() -> leaf)));
            assertSame(leaf.made, t);
            assertArrayEquals(leaf.madeWith, t.getStackTrace());
        }
    }

    @Test
    void rawAddsNoBoundary() {
        AsyncTraces.raw(true);
        Thrower leaf = new Thrower();
        try (AsyncRuntime rt = AsyncRuntime.multiThread()) {
            Throwable t = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(new Awaiter(() -> Executor.spawn(new Awaiter(() -> leaf)))));
            assertArrayEquals(leaf.madeWith, t.getStackTrace());
        }
    }
}
