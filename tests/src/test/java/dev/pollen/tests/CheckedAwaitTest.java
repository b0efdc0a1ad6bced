package dev.pollen.tests;

import dev.pollen.Async;
import dev.pollen.AsyncRuntime;
import dev.pollen.CheckedFuture;
import dev.pollen.Future;
import dev.pollen.time.Time;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.pollen.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A checked failure of an awaited future is caught by its name through {@link CheckedFuture}. */
class CheckedAwaitTest {

    static final IOException BROKEN = new IOException("disk gone");

    @Async
    static String read(boolean fail) throws IOException {
        await(Time.sleep(Duration.ofMillis(5)));
        if (fail) {
            throw BROKEN;
        }
        return "contents";
    }

    @Async
    static String readOrDefault(boolean fail, List<String> log) {
        try {
            String text = await(CheckedFuture.of(CheckedAwaitTestAsync.read(fail), IOException.class));
            log.add("read");
            return text;
        } catch (IOException e) {
            log.add("caught " + e.getMessage());
            return e == BROKEN ? "default" : "another object";
        } finally {
            log.add("finally");
        }
    }

    @Test
    void aCheckedFailureIsCaughtByItsNameAndIsTheSameObject() {
        List<String> log = new ArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            assertEquals("default", rt.blockOn(CheckedAwaitTestAsync.readOrDefault(true, log)));
            assertEquals("contents", rt.blockOn(CheckedAwaitTestAsync.readOrDefault(false, log)));
        }
        assertEquals(List.of("caught disk gone", "finally", "read", "finally"), log);
    }

    @Test
    void cancellingTheCheckedViewCancelsTheFutureItDeclares() {
        List<String> log = new ArrayList<>();
        int cancelled = CancelAtEveryPending.run(() -> CheckedAwaitTestAsync.readOrDefault(false, log), run -> {
            if (run.cancelled()) {
                assertEquals("finally", log.get(log.size() - 1));
            }
        });
        assertEquals(1, cancelled);
    }

    @Test
    void theViewDescribesTheFutureAndTheDeclaredException() {
        Future<String> inner = CheckedAwaitTestAsync.read(false);
        assertEquals(inner + " (throws IOException)", CheckedFuture.of(inner, IOException.class).toString());
    }
}
