package dev.pollen.rt.debug;

import dev.pollen.Context;
import dev.pollen.Executor;
import dev.pollen.Future;
import dev.pollen.JoinHandle;
import dev.pollen.Poll;
import dev.pollen.Waker;
import dev.pollen.internal.AsyncMachine;
import dev.pollen.internal.MachineInfo;
import dev.pollen.rt.task.TaskCell;

/** Hand-written futures and machines (with the processor's metadata) for the dump tests. */
final class DumpFixtures {

    private DumpFixtures() {}

    /** A leaf pending until {@link #complete()}, that describes itself as told. */
    static final class Leaf implements Future<String> {
        private final String description;
        private volatile Waker waker;
        private volatile boolean done;

        Leaf(String description) {
            this.description = description;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (done) {
                return Poll.ready(description);
            }
            waker = cx.waker();
            return done ? Poll.ready(description) : Poll.pending();
        }

        /** Whether it was polled (and is waiting). */
        boolean polled() {
            return waker != null;
        }

        void complete() {
            done = true;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public String toString() {
            return description;
        }
    }

    /** What the processor makes of a method that awaits one future: state 1 is the await. */
    abstract static class AwaitOne extends AsyncMachine<Object> {
        private Future<?> inner;

        AwaitOne(Future<?> inner) {
            this.inner = inner;
        }

        /** The method's code before its await, in state 0. */
        void before(Context cx) {}

        @Override
        protected Poll<Object> resume(Context cx) throws Throwable {
            if (state == 0) {
                before(cx);
                Future<?> f = awaitable(inner);
                inner = null;
                Poll<?> p = f.poll(cx);
                if (p.isPending()) {
                    awaitOn(f);
                    state = 1;
                    return Poll.pending();
                }
                return Poll.ready(p.get());
            }
            return pollAwaited(cx);
        }

        void setInner(Future<?> f) {
            inner = f;
        }
    }

    /** {@code Demo.get}, line 23, awaiting at line 25. */
    @MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Demo", method = "get", line = 23,
            states = {23, 25}, awaits = {1}, fields = {}, locals = {}, lines = {})
    static final class Get extends AwaitOne {
        Get(Future<?> inner) {
            super(inner);
        }
    }

    /** {@code Demo.fetch}, line 15, awaiting at line 17. */
    @MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Demo", method = "fetch", line = 15,
            states = {15, 17}, awaits = {1}, fields = {}, locals = {}, lines = {})
    static final class Fetch extends AwaitOne {
        Fetch(Future<?> inner) {
            super(inner);
        }
    }

    /**
     * {@code Demo.main}, line 30: spawns {@code fetch} at line 40 (marked, as the processor
     * does) and a receive (unmarked), then awaits the fetch's handle at line 33.
     */
    @MachineInfo(version = 1, source = "Demo.java", declaringClass = "p.Demo", method = "main", line = 30,
            states = {30, 33}, awaits = {1}, fields = {}, locals = {}, lines = {})
    static final class Main extends AwaitOne {
        private final Future<?> fetch;
        private final Future<?> receive;
        volatile int self;
        volatile JoinHandle<?> fetchHandle;
        volatile JoinHandle<?> receiveHandle;

        Main(Future<?> fetch, Future<?> receive) {
            super(null);
            this.fetch = fetch;
            this.receive = receive;
        }

        @Override
        void before(Context cx) {
            self = ((TaskCell<?>) cx.waker()).id();
            fetchHandle = Executor.spawn(spawnedAt(fetch, Main.class, 40));
            receiveHandle = Executor.spawn(receive);
            setInner(fetchHandle);
        }
    }

    /** A machine without metadata (a processor of another format): named by its class. */
    static final class NoInfoAsync$poll extends AwaitOne {
        NoInfoAsync$poll(Future<?> inner) {
            super(inner);
        }
    }

    static int id(JoinHandle<?> handle) {
        return ((TaskCell<?>) handle).id();
    }
}
