package dev.pollen.rt.blocking;

import dev.pollen.Future;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Not API. The threads that run {@code spawnBlocking} calls, so that no worker of a runtime stalls
 * on a blocking or CPU-heavy call: elastic (threads start on demand, an idle one retires after
 * {@code keepAlive}) and bounded ({@code maxThreads}; further calls wait in a FIFO queue). The
 * protocol and its invariants are in this package's documentation.
 */
public final class BlockingPool {

    private final String threadNamePrefix;
    private final int maxThreads;
    private final long keepAliveNanos;

    /** Submitted calls not yet complete: queued or running. */
    private final AtomicInteger active = new AtomicInteger();
    private final CopyOnWriteArrayList<Runnable> idleListeners = new CopyOnWriteArrayList<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Idle threads wait here for a call or for their keep-alive to run out. */
    private final Condition workAvailable = lock.newCondition();

    // Guarded by lock.
    private final ArrayDeque<BlockingTask<?>> queue = new ArrayDeque<>();
    private final List<Worker> workers = new ArrayList<>();
    /** Threads waiting in workAvailable that no submit has claimed yet. */
    private int idle;
    /** Claims made by submit (idle was decremented) that a waiting thread has not consumed. */
    private int notified;
    private int threadsCreated;
    private boolean shutdown;

    /**
     * A pool that has no thread until the first call.
     *
     * @param threadNamePrefix its threads are named {@code <prefix>-blocking-N}, N from 1
     * @param maxThreads at most this many calls run at once (at least 1)
     * @param keepAlive how long a thread with nothing to run waits before it ends (not negative)
     */
    public BlockingPool(String threadNamePrefix, int maxThreads, Duration keepAlive) {
        this.threadNamePrefix = Objects.requireNonNull(threadNamePrefix, "threadNamePrefix");
        if (maxThreads < 1) {
            throw new IllegalArgumentException("maxThreads must be at least 1, was " + maxThreads);
        }
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("keepAlive must not be negative, was " + keepAlive);
        }
        this.maxThreads = maxThreads;
        this.keepAliveNanos = keepAlive.toNanos();
    }

    /**
     * Runs {@code call} on a pool thread: an idle one if one is waiting, else a new one if fewer
     * than {@code maxThreads} exist, else the first free one (calls wait in FIFO order).
     *
     * @param call the blocking or CPU-heavy call
     * @return a {@link BlockingTask}, pollable from any thread: pending until the call returns
     * @throws RejectedExecutionException after {@link #shutdown}
     */
    public <T> Future<T> submit(Callable<T> call) {
        BlockingTask<T> task = new BlockingTask<>(this, Objects.requireNonNull(call, "call"));
        Throwable startFailure = null;
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("spawnBlocking after the runtime was shut down: "
                        + "this blocking pool takes no new calls; submit them before closing the runtime");
            }
            // Counted before anyone can see the task, so a paused clock never sees it missing.
            active.incrementAndGet();
            queue.addLast(task);
            if (idle > 0) {
                idle--;
                notified++;
                workAvailable.signal();
            } else if (workers.size() < maxThreads) {
                startFailure = startThread();
                if (startFailure != null && workers.isEmpty()) {
                    queue.remove(task); // no thread would ever take it
                } else {
                    startFailure = null; // a running thread takes it when its call returns
                }
            }
            // Else: all maxThreads threads are busy; the first to finish its call takes this one.
        } finally {
            lock.unlock();
        }
        if (startFailure != null) {
            countDone();
            throw new RejectedExecutionException("spawnBlocking: could not start a blocking thread", startFailure);
        }
        return task;
    }

    /** Lock held. Starts a thread; returns why it could not start, or null. */
    private Throwable startThread() {
        Worker worker = new Worker();
        // No inherited thread locals: the thread serves every later caller, not the one whose
        // submit happened to start it.
        Thread thread = new Thread(null, worker, threadNamePrefix + "-blocking-" + (++threadsCreated), 0, false);
        // Daemon: the runtime's shutdown, not the JVM, decides how long calls may run; an
        // unclosed runtime must not keep the JVM alive for keepAlive after main returns (in
        // tokio, returning from main ends the process whatever its blocking threads do).
        thread.setDaemon(true);
        worker.thread = thread;
        workers.add(worker);
        try {
            thread.start();
            return null;
        } catch (Throwable e) {         // OutOfMemoryError "unable to create native thread"
            workers.remove(worker);
            return e;
        }
    }

    /** Calls running or queued. A paused clock must not jump while this is above 0. */
    public int active() {
        return active.get();
    }

    /**
     * {@code listener} runs each time {@link #active()} drops to 0, on the thread that made it
     * drop (a pool thread, or the one that cancelled the last queued call), with no lock held,
     * and after the completed task's waker was woken.
     */
    public void addIdleListener(Runnable listener) {
        idleListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops the pool: later {@link #submit}s throw {@link RejectedExecutionException}; queued
     * calls are cancelled without running; running calls are cancelled (their threads
     * interrupted, see {@link BlockingTask#cancel()}). Then waits until every pool thread has
     * ended, at most {@code timeout}. A call that ignores the interrupt keeps its thread after
     * that; the thread ends when the call returns. Calling it again waits again.
     *
     * @param timeout how long to wait for the pool's threads to end
     * @return true if all pool threads ended within the timeout; false otherwise, or if the
     *     waiting thread was interrupted (its interrupt flag is then set again)
     * @throws IllegalStateException if called on a pool thread (it would wait for itself)
     */
    public boolean shutdown(Duration timeout) {
        List<BlockingTask<?>> toCancel = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            for (Worker w : workers) {
                if (w.thread == Thread.currentThread()) {
                    throw new IllegalStateException("the blocking pool cannot be shut down from inside a "
                            + "spawnBlocking call (it would wait for its own thread): close the runtime "
                            + "from a thread outside it");
                }
            }
            shutdown = true;
            toCancel.addAll(queue);
            queue.clear();
            for (Worker w : workers) {
                threads.add(w.thread);
                if (w.current != null) {
                    toCancel.add(w.current);
                }
            }
            workAvailable.signalAll();  // idle threads see shutdown and end
        } finally {
            lock.unlock();
        }
        for (BlockingTask<?> task : toCancel) {
            task.cancel();              // outside the lock: cancel takes the task's, then ours
        }
        return joinAll(threads, timeout);
    }

    private static boolean joinAll(List<Thread> threads, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (Thread t : threads) {
                TimeUnit.NANOSECONDS.timedJoin(t, Math.max(0, deadline - System.nanoTime()));
                if (t.isAlive()) {
                    return false;
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** BlockingTask.cancel of a queued task, after it completed it: drop it and count it done. */
    void cancelledInQueue(BlockingTask<?> task) {
        lock.lock();
        try {
            queue.remove(task);         // O(queue length); the queue only grows past maxThreads calls
        } finally {
            lock.unlock();
        }
        ended(task);
    }

    /** A task completed: wake its owner first, then count it done (see addIdleListener). */
    private void ended(BlockingTask<?> task) {
        try {
            task.wakeOwner();
        } catch (Throwable e) {         // a broken waker must not stop the pool or the count
            report(e);
        }
        countDone();
    }

    private void countDone() {
        if (active.decrementAndGet() == 0) {
            for (Runnable listener : idleListeners) {
                try {
                    listener.run();
                } catch (Throwable e) {
                    report(e);
                }
            }
        }
    }

    private static void report(Throwable e) {
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, e);
    }

    /** One pool thread: runs queued calls, waits idle for keepAlive, then retires. */
    private final class Worker implements Runnable {

        /** Set before start; read by shutdown. */
        Thread thread;
        /** The task this thread took from the queue and has not finished. Guarded by lock. */
        BlockingTask<?> current;

        @Override
        public void run() {
            lock.lock();
            try {
                while (takeAndRunAll() && waitForWork()) {
                    // waitForWork returned true: a submit claimed this thread; run the queue again
                }
            } finally {
                workers.remove(this);
                lock.unlock();
            }
        }

        /**
         * Lock held (released around each call). Runs queued calls until the queue is empty.
         *
         * @return false if the pool is shut down
         */
        private boolean takeAndRunAll() {
            BlockingTask<?> task;
            while ((task = queue.pollFirst()) != null) {
                current = task;
                lock.unlock();
                try {
                    runOne(task);
                } finally {
                    lock.lock();
                    current = null;
                }
            }
            return !shutdown;
        }

        private void runOne(BlockingTask<?> task) {
            boolean ran = task.run();
            // A cancel interrupts this thread only while the task is running, under the task's
            // lock, which run() took to complete it: no interrupt can come after this clear.
            Thread.interrupted();
            if (ran) {
                ended(task);
            }                           // else cancelled in the queue: its canceller ended it
        }

        /**
         * Lock held. Waits idle until a submit claims this thread (true), or the keep-alive
         * runs out or the pool shuts down (false: the thread ends).
         */
        private boolean waitForWork() {
            idle++;
            long remaining = keepAliveNanos;
            for (;;) {
                try {
                    remaining = workAvailable.awaitNanos(remaining);
                } catch (InterruptedException e) {
                    // Not ours to act on (shutdown signals, it does not interrupt): wait on.
                }
                if (notified > 0) {
                    notified--;         // a submit took idle-- for this claim
                    return true;
                }
                if (shutdown || remaining <= 0) {
                    idle--;
                    return false;
                }
            }
        }
    }
}
