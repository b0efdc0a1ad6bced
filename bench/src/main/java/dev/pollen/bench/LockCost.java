package dev.pollen.bench;

import dev.pollen.Context;
import dev.pollen.sync.Mutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 8's uncontended case taken apart (average time, ns per acquire-release, on the
 * benchmark thread, no runtime, no task): where {@code LockThroughput}'s one task spends its
 * time beyond {@link ReentrantLock}. {@link #mutexTryLock} is the primitive alone (its fast path
 * and the object it allocates); {@link #mutexLockPolled} adds the future, polled once by hand;
 * the difference to {@code LockThroughput.pollenMutex} with one task is the await in a
 * generated machine, on a task of the runtime.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LockCost {

    private final Mutex mutex = new Mutex();
    private final ReentrantLock lock = new ReentrantLock();
    private final LockThroughput.Counter counter = new LockThroughput.Counter();
    /** Never woken: the lock is free at every poll. */
    private final Context cx = Context.from(() -> {
        throw new IllegalStateException("an uncontended lock was pending");
    });

    /** {@code tryLock()}, the update, {@code close()}: one CAS each way, one 48-byte object. */
    @Benchmark
    public long mutexTryLock() {
        Mutex.Guard guard = mutex.tryLock();
        try {
            return ++counter.value;
        } finally {
            guard.close();
        }
    }

    /** {@code lock()} polled once (ready at once), the update, {@code close()}. */
    @Benchmark
    public long mutexLockPolled() {
        Mutex.Guard guard = mutex.lock().poll(cx).get();
        try {
            return ++counter.value;
        } finally {
            guard.close();
        }
    }

    /** {@code lock()}, the update, {@code unlock()} on this (platform) thread. */
    @Benchmark
    public long reentrantLock() {
        lock.lock();
        try {
            return ++counter.value;
        } finally {
            lock.unlock();
        }
    }
}
