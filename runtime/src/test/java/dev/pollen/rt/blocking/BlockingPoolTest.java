package dev.pollen.rt.blocking;

import static dev.pollen.rt.blocking.Calls.awaitIgnoringInterrupts;
import static dev.pollen.rt.blocking.Polling.await;
import static dev.pollen.rt.blocking.Polling.awaitLatch;
import static dev.pollen.rt.blocking.Polling.eventually;
import static dev.pollen.rt.blocking.Polling.liveThreads;
import static dev.pollen.rt.blocking.Polling.pollOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Context;
import dev.pollen.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The pool: placement, bound, retirement, the active count and its listener, shutdown. */
class BlockingPoolTest {

    private final List<BlockingPool> pools = new ArrayList<>();
    private String prefix;

    /** A pool whose threads are named after the test, so thread counts see only its threads. */
    private BlockingPool pool(int maxThreads, Duration keepAlive) {
        BlockingPool pool = new BlockingPool(prefix, maxThreads, keepAlive);
        pools.add(pool);
        return pool;
    }

    @BeforeEach
    void name(TestInfo info) {
        prefix = "pool-test-" + info.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void shutDown() {
        for (BlockingPool pool : pools) {
            assertTrue(pool.shutdown(Duration.ofSeconds(5)), "pool threads still alive after the test");
        }
    }

    @Test
    void aPoolWithoutCallsHasNoThread() {
        BlockingPool pool = pool(512, Duration.ofSeconds(10));
        assertEquals(0, liveThreads(prefix));
        assertEquals(0, pool.active());
        assertTrue(pool.shutdown(Duration.ZERO));
    }

    @Test
    void atMostMaxThreadsCallsRunAtOnceAndAllComplete() throws Exception {
        BlockingPool pool = pool(2, Duration.ofSeconds(30));
        Semaphore started = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        List<Future<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            tasks.add(pool.submit(() -> {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                started.release();
                gate.await();
                running.decrementAndGet();
                return id;
            }));
        }
        assertTrue(started.tryAcquire(2, 5, TimeUnit.SECONDS), "two calls started");
        assertFalse(started.tryAcquire(1, 200, TimeUnit.MILLISECONDS), "a third call started");
        assertEquals(5, pool.active(), "queued calls are active too");
        assertEquals(2, liveThreads(prefix));

        gate.countDown();

        for (int i = 0; i < 5; i++) {
            assertEquals(i, await(tasks.get(i)));
        }
        assertEquals(2, mostRunning.get());
        assertEquals(2, liveThreads(prefix), "no thread beyond the maximum");
    }

    @Test
    void queuedCallsRunInSubmissionOrder() throws Exception {
        BlockingPool pool = pool(1, Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        Future<Void> blocker = pool.submit(Calls.waitFor(gate));
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Future<Boolean>> queued = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int id = i;
            queued.add(pool.submit(() -> order.add(id)));
        }
        gate.countDown();
        await(blocker);
        for (Future<Boolean> f : queued) {
            await(f);
        }
        assertEquals(List.of(0, 1, 2, 3), order);
    }

    @Test
    void aNewCallTakesAnIdleThreadRatherThanStartingOne() throws Exception {
        BlockingPool pool = pool(4, Duration.ofSeconds(30));
        String first = await(pool.submit(Calls.threadName()));
        Thread thread = thread(first);
        eventually("the thread waits idle", () -> thread.getState() == Thread.State.TIMED_WAITING);

        String second = await(pool.submit(Calls.threadName()));

        assertEquals(first, second);
        assertEquals(1, liveThreads(prefix));
    }

    @Test
    void threadsStartOnDemandAndRetireAfterKeepAlive() throws Exception {
        BlockingPool pool = pool(4, Duration.ofMillis(100));
        Semaphore started = new Semaphore(0);
        CountDownLatch gate = new CountDownLatch(1);
        Set<String> names = ConcurrentHashMap.newKeySet();
        List<Future<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(pool.submit(() -> {
                names.add(Thread.currentThread().getName());
                started.release();
                gate.await();
                return null;
            }));
        }
        assertTrue(started.tryAcquire(3, 5, TimeUnit.SECONDS), "three calls started");
        assertEquals(3, liveThreads(prefix));
        assertEquals(Set.of(prefix + "-blocking-1", prefix + "-blocking-2", prefix + "-blocking-3"), names);

        gate.countDown();
        for (Future<Void> t : tasks) {
            await(t);
        }

        eventually("idle threads retire after keepAlive", () -> liveThreads(prefix) == 0);
        assertEquals(prefix + "-blocking-4", await(pool.submit(Calls.threadName())),
                "a call after retirement starts a new thread");
    }

    @Test
    void idleListenerRunsWhenTheLastCallEndsAfterItsWakerWasWoken() throws Exception {
        BlockingPool pool = pool(4, Duration.ofSeconds(30));
        CountDownLatch gate1 = new CountDownLatch(1);
        CountDownLatch gate2 = new CountDownLatch(1);
        Future<Void> task1 = pool.submit(Calls.waitFor(gate1));
        Future<Void> task2 = pool.submit(Calls.waitFor(gate2));
        CountDownLatch woken1 = new CountDownLatch(1);
        CountDownLatch woken2 = new CountDownLatch(1);
        assertTrue(pollOnce(task1, woken1).isPending());
        assertTrue(pollOnce(task2, woken2).isPending());
        AtomicInteger fired = new AtomicInteger();
        AtomicBoolean ownerWokenFirst = new AtomicBoolean();
        CountDownLatch idle = new CountDownLatch(1);
        pool.addIdleListener(() -> {
            fired.incrementAndGet();
            ownerWokenFirst.set(woken2.getCount() == 0);
            idle.countDown();
        });

        gate1.countDown();
        await(task1);
        eventually("one call left", () -> pool.active() == 1);
        assertEquals(0, fired.get(), "fired while a call was still running");

        gate2.countDown();

        awaitLatch(idle, "the idle listener ran");
        assertEquals(0, pool.active());
        assertTrue(ownerWokenFirst.get(), "count reached 0 before the last task's owner was woken: "
                + "a paused clock could jump before that owner runs");
        await(task2);
        assertEquals(1, fired.get());
    }

    @Test
    void aThrowingWakerIsReportedAndThePoolGoesOn() throws Exception {
        BlockingPool pool = pool(1, Duration.ofSeconds(30));
        CountDownLatch gate = new CountDownLatch(1);
        Future<String> task = pool.submit(() -> {
            gate.await();
            return "done";
        });
        RuntimeException broken = new RuntimeException("broken waker");
        assertTrue(task.poll(Context.from(() -> {
            throw broken;
        })).isPending());
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> reported.add(e));
        try {
            gate.countDown();
            eventually("the call ended and was counted", () -> pool.active() == 0);
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
        assertEquals(List.of(broken), reported);
        assertEquals("done", await(task));
        assertEquals(prefix + "-blocking-1", await(pool.submit(Calls.threadName())),
                "the pool thread survived its owner's broken waker");
    }

    @Test
    void shutdownCancelsQueuedCallsAndInterruptsRunningOnes() throws Exception {
        BlockingPool pool = pool(1, Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        Future<Void> running = pool.submit(() -> {
            Calls.startThenBlockUntilInterrupted(started);
            return null;
        });
        AtomicBoolean ran = new AtomicBoolean();
        Future<Void> queued = pool.submit(() -> {
            ran.set(true);
            return null;
        });
        AtomicInteger idleFired = new AtomicInteger();
        pool.addIdleListener(idleFired::incrementAndGet);
        awaitLatch(started, "the call started");

        assertTrue(pool.shutdown(Duration.ofSeconds(5)));

        assertThrows(CancellationException.class, () -> await(running));
        assertThrows(CancellationException.class, () -> await(queued));
        assertFalse(ran.get(), "a queued call ran after shutdown");
        assertEquals(0, pool.active());
        assertEquals(1, idleFired.get());
        assertEquals(0, liveThreads(prefix));
    }

    @Test
    void shutdownGivesUpAfterItsTimeoutOnACallThatIgnoresInterrupts() throws Exception {
        BlockingPool pool = pool(2, Duration.ofSeconds(30));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Future<String> stubborn = pool.submit(() -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
                awaitIgnoringInterrupts(release);
            }
            return "finished anyway";
        });
        awaitLatch(started, "the call started");

        long t0 = System.nanoTime();
        assertFalse(pool.shutdown(Duration.ofMillis(200)));
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        assertTrue(waitedMillis >= 200 && waitedMillis < 3_000, "waited " + waitedMillis + " ms");
        assertTrue(interrupted.get(), "the call was not interrupted");
        assertEquals(1, liveThreads(prefix));
        release.countDown();
        assertTrue(pool.shutdown(Duration.ofSeconds(5)), "the thread ends once its call returns");
        assertThrows(CancellationException.class, () -> await(stubborn));
    }

    @Test
    void submitAfterShutdownIsRejectedWithAReason() {
        BlockingPool pool = pool(2, Duration.ofSeconds(30));
        assertTrue(pool.shutdown(Duration.ofSeconds(1)));
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class,
                () -> pool.submit(() -> "late"));
        assertTrue(e.getMessage().contains("shut down"), e.getMessage());
        assertEquals(0, pool.active());
        assertEquals(0, liveThreads(prefix));
    }

    @Test
    void shutdownFromInsideACallIsRefused() throws Exception {
        BlockingPool pool = pool(2, Duration.ofSeconds(30));
        Future<Boolean> selfShutdown = pool.submit(() -> pool.shutdown(Duration.ofSeconds(1)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> await(selfShutdown));
        assertTrue(e.getMessage().contains("from inside a spawnBlocking call"), e.getMessage());
        assertEquals("still open", await(pool.submit(() -> "still open")));
    }

    @Test
    void concurrentSubmitsAndCancelsAllEndAndTheCountReturnsToZero() throws Exception {
        // Bounded stress (well under a second): three submitters, a third of the calls cancelled.
        int maxThreads = 3;
        BlockingPool pool = pool(maxThreads, Duration.ofMillis(20));
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        List<Future<Integer>> all = new CopyOnWriteArrayList<>();
        List<Thread> submitters = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Thread submitter = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    int id = i;
                    Future<Integer> f = pool.submit(() -> {
                        mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                        Thread.onSpinWait();
                        running.decrementAndGet();
                        return id;
                    });
                    all.add(f);
                    if (i % 3 == 0) {
                        f.cancel();     // the owner of f is this thread until it is published
                    }
                }
            });
            submitters.add(submitter);
            submitter.start();
        }
        for (Thread t : submitters) {
            t.join(TimeUnit.SECONDS.toMillis(Polling.TIMEOUT_SECONDS));
            assertFalse(t.isAlive(), "a submitter is stuck");
        }
        int cancelled = 0;
        for (Future<Integer> f : all) {
            try {
                await(f);
            } catch (CancellationException e) {
                cancelled++;
            }
        }
        assertEquals(900, all.size());
        assertTrue(cancelled <= 300, cancelled + " cancelled");
        assertTrue(mostRunning.get() <= maxThreads, mostRunning.get() + " calls ran at once");
        eventually("the count returns to 0", () -> pool.active() == 0);
    }

    private static Thread thread(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }
}
