package dev.pollen.bench;

import static dev.pollen.Await.await;

import dev.pollen.Async;
import dev.pollen.Future;

/** Benchmark 10's bodies: a failure 3 calls deep, caught by the caller, async and plain. */
final class FailureBodies {

    private FailureBodies() {}

    /** The caller: awaits 3 levels whose innermost throws, and catches the failure. */
    @Async
    static int caller(boolean writable) {
        try {
            return await(FailureBodiesAsync.level1(writable));
        } catch (IllegalStateException e) {
            return e.getStackTrace().length;
        }
    }

    @Async
    static int level1(boolean writable) {
        return await(FailureBodiesAsync.level2(writable)) + 1;
    }

    @Async
    static int level2(boolean writable) {
        return await(FailureBodiesAsync.level3(writable)) + 1;
    }

    @Async
    static int level3(boolean writable) {
        throw failure(writable);
    }

    /** The same failure as a plain synchronous call chain. */
    static int syncCaller(boolean writable) {
        try {
            return syncLevel1(writable);
        } catch (IllegalStateException e) {
            return e.getStackTrace().length;
        }
    }

    static int syncLevel1(boolean writable) {
        return syncLevel2(writable) + 1;
    }

    static int syncLevel2(boolean writable) {
        return syncLevel3(writable) + 1;
    }

    static int syncLevel3(boolean writable) {
        throw failure(writable);
    }

    /** A new failure; with {@code writable} false, one without a stack trace (made for control flow). */
    static IllegalStateException failure(boolean writable) {
        return writable ? new IllegalStateException("out of stock") : new Unwritable();
    }

    /** An exception made with {@code writableStackTrace = false}: no trace to capture or rewrite. */
    static final class Unwritable extends IllegalStateException {
        private static final long serialVersionUID = 1;

        Unwritable() {
            super("out of stock");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** For the benchmark: the caller's future (one poll completes it). */
    static Future<Integer> callerFuture(boolean writable) {
        return FailureBodiesAsync.caller(writable);
    }
}
