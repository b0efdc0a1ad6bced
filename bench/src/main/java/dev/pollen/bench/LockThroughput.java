package dev.pollen.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 8: a lock around a tiny critical section. {@value #OPS} acquire-release pairs per
 * invocation (single shot), shared evenly by {@code tasks} tasks that all update one plain
 * {@code long} counter under the lock; divided by {@value #OPS}: scores are ns per
 * acquire-release. One task is the uncontended case; 8 and 64 tasks on 2 workers (carriers)
 * contend. The counter is checked at the end: a lost update would mean the lock let two tasks
 * in. Pollen: {@code Mutex} and {@code Semaphore} with one permit (both FIFO-fair), awaited by
 * spawned tasks on a multi-threaded runtime (one worker per available processor). Virtual
 * threads: {@link ReentrantLock} and {@link Semaphore} with one permit, one virtual thread per
 * task, each in its default (non-fair) mode, as users create them, and in its fair mode, as
 * Pollen's: a non-fair lock lets the releasing thread take it again at once (barging), a fair
 * one hands it to the longest waiter, which must be woken first.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LockThroughput.OPS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class LockThroughput {

    static final int OPS = 1_000_000;

    @Param({"1", "8", "64"})
    public int tasks;

    /** {@code try (Mutex.Guard g = await(mutex.lock())) { counter.value++; }} in each task. */
    @Benchmark
    public long pollenMutex(Runtimes.MultiThread rt) {
        return checked(rt.runtime.blockOn(LockBodies.mutex(tasks, OPS / tasks)));
    }

    /** {@code try (Semaphore.Permit p = await(semaphore.acquire())) { counter.value++; }} in each task. */
    @Benchmark
    public long pollenSemaphore(Runtimes.MultiThread rt) {
        return checked(rt.runtime.blockOn(LockBodies.semaphore(tasks, OPS / tasks)));
    }

    /** {@code lock(); try { counter.value++; } finally { unlock(); }} in each virtual thread. */
    @Benchmark
    public long reentrantLock(PerAwait.VirtualThreadState vt) throws InterruptedException {
        return lockLoop(new ReentrantLock());
    }

    /** The same with a fair ReentrantLock: FIFO hand-off, as Pollen's Mutex. */
    @Benchmark
    public long reentrantLockFair(PerAwait.VirtualThreadState vt) throws InterruptedException {
        return lockLoop(new ReentrantLock(true));
    }

    private long lockLoop(ReentrantLock lock) throws InterruptedException {
        Counter counter = new Counter();
        int share = OPS / tasks;
        return checked(runVirtualThreads(() -> {
            for (int i = 0; i < share; i++) {
                lock.lock();
                try {
                    counter.value++;
                } finally {
                    lock.unlock();
                }
            }
        }, counter));
    }

    /** {@code acquire(); try { counter.value++; } finally { release(); }} in each virtual thread. */
    @Benchmark
    public long semaphore(PerAwait.VirtualThreadState vt) throws InterruptedException {
        return semaphoreLoop(new Semaphore(1));
    }

    /** The same with a fair Semaphore: FIFO hand-off, as Pollen's. */
    @Benchmark
    public long semaphoreFair(PerAwait.VirtualThreadState vt) throws InterruptedException {
        return semaphoreLoop(new Semaphore(1, true));
    }

    private long semaphoreLoop(Semaphore semaphore) throws InterruptedException {
        Counter counter = new Counter();
        int share = OPS / tasks;
        return checked(runVirtualThreads(() -> {
            for (int i = 0; i < share; i++) {
                semaphore.acquireUninterruptibly();
                try {
                    counter.value++;
                } finally {
                    semaphore.release();
                }
            }
        }, counter));
    }

    /** Runs {@code body} in {@link #tasks} virtual threads, joins them, returns the counter's value. */
    private long runVirtualThreads(Runnable body, Counter counter) throws InterruptedException {
        Thread[] threads = new Thread[tasks];
        for (int t = 0; t < tasks; t++) {
            threads[t] = VirtualThreads.start(body);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return counter.value;
    }

    /** The counter after all tasks, checked: every increment made under the lock is there. */
    private long checked(long count) {
        long expected = (long) (OPS / tasks) * tasks;
        if (count != expected) {
            throw new IllegalStateException("the lock let tasks in together: counter " + count + ", expected " + expected);
        }
        return count;
    }

    /** The shared state of the critical section: a plain field, only safe under the lock. */
    static final class Counter {
        long value;
    }
}
