package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.Future;
import dev.pollen.Poll;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread's blocking {@code await}: poll the leaf, and park until its waker unparks this
 * thread while it is pending. On a ready leaf it is one poll, so the synchronous loop and the
 * virtual thread pay exactly the leaf's cost per await.
 */
final class Blocking {

    private Blocking() {}

    /** A context whose waker unparks the calling thread. */
    static Context contextOfCurrentThread() {
        Thread thread = Thread.currentThread();
        return Context.from(() -> LockSupport.unpark(thread));
    }

    static <T> T await(Future<T> f, Context cx) {
        for (;;) {
            Poll<T> p = f.poll(cx);
            if (p.isReady()) {
                return p.get();
            }
            LockSupport.park(f);
        }
    }
}
