package dev.pollen.tests;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.CheckedFuture;
import dev.pollen.Future;
import dev.pollen.Futures;
import dev.pollen.rt.time.TimeDriver;
import dev.pollen.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code Futures.joinAll} and {@code select} of {@code @Async} methods whose {@code finally} awaits. */
class JoinSelectAsyncTest {

    static final IOException BROKEN = new IOException("worker 1 failed");

    @Async
    static int worker(int id, long ms, boolean fail, List<String> log) throws IOException {
        try {
            await(Time.sleep(Duration.ofMillis(ms)));
            if (fail) {
                throw BROKEN;
            }
            return id;
        } finally {
            log.add("enter finally " + id);
            await(Time.sleep(Duration.ofMillis(1)));
            log.add("finally " + id);
        }
    }

    @Async
    static String joinThree(long[] ms, int failing, List<String> log) {
        List<Future<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < ms.length; i++) {
            workers.add(JoinSelectAsyncTestAsync.worker(i, ms[i], i == failing, log));
        }
        try {
            List<Integer> ids = await(CheckedFuture.of(Futures.joinAll(workers), IOException.class));
            return "joined " + ids;
        } catch (IOException e) {
            log.add("caught");
            return e == BROKEN ? "failed" : "another object";
        } finally {
            log.add("timers " + TimeDriver.current().pending());
        }
    }

    @Async
    static String selectFirst(List<String> log) throws IOException {
        try {
            Futures.Selected<Integer> first = await(Futures.select(
                    JoinSelectAsyncTestAsync.worker(0, 50, false, log),
                    JoinSelectAsyncTestAsync.worker(1, 10, false, log),
                    JoinSelectAsyncTestAsync.worker(2, 30, false, log)));
            log.add("selected " + first.index());
            return "worker " + first.value();
        } finally {
            log.add("timers " + TimeDriver.current().pending());
        }
    }

    @Test
    void joinAllOfMachinesGivesTheirValuesInOrder() {
        List<String> log = new ArrayList<>();
        assertEquals("joined [0, 1, 2]", run(() -> JoinSelectAsyncTestAsync.joinThree(new long[] {30, 10, 20}, -1, log)));
        assertEquals(List.of("enter finally 1", "finally 1", "enter finally 2", "finally 2", "enter finally 0",
                "finally 0", "timers 0"), log);
    }

    @Test
    void aFailingMachineCancelsTheOthersWhoseFinallyRunsBeforeTheFailureIsCaught() {
        List<String> log = new ArrayList<>();
        assertEquals("failed", run(() -> JoinSelectAsyncTestAsync.joinThree(new long[] {100, 10, 100}, 1, log)));
        assertEquals("caught", log.get(6));
        assertTrue(log.subList(0, 6).containsAll(List.of("finally 0", "finally 1", "finally 2")), log.toString());
        assertEquals("timers 0", log.get(7));
    }

    @Test
    void theLosersFinallyBlocksRunBeforeTheSelectReturns() {
        List<String> log = new ArrayList<>();
        assertEquals("worker 1", run(() -> JoinSelectAsyncTestAsync.selectFirst(log)));
        assertEquals("selected 1", log.get(6));
        assertTrue(log.subList(0, 6).containsAll(List.of("finally 0", "finally 1", "finally 2")), log.toString());
        assertEquals("timers 0", log.get(7));
    }

    @Test
    void cancelledAtEveryAwaitEveryStartedWorkerFinishesItsFinally() {
        List<String> log = new ArrayList<>();
        int runs = CancelAtEveryPending.run(() -> {
            log.clear();
            return JoinSelectAsyncTestAsync.joinThree(new long[] {30, 10, 20}, -1, log);
        }, run -> check(log));
        assertTrue(runs >= 4, "runs: " + runs);
        runs = CancelAtEveryPending.run(() -> {
            log.clear();
            return JoinSelectAsyncTestAsync.selectFirst(log);
        }, run -> check(log));
        assertTrue(runs >= 2, "runs: " + runs);
    }

    /** Every worker entered its finally (none was left suspended), and no timer is left. */
    private static void check(List<String> log) {
        assertEquals(3, log.stream().filter(e -> e.startsWith("enter finally")).count(), log.toString());
        assertEquals("timers 0", log.get(log.size() - 1));
    }

    private static <T> T run(Supplier<Future<T>> program) {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            return rt.blockOn(program.get());
        }
    }
}
