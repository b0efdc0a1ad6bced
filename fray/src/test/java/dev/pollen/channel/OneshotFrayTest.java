package dev.pollen.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.fray.ForeignPoller;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.Threads;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/** {@link Oneshot} under Fray: a receive on one thread, a send and a close racing on two others. */
@ExtendWith(FrayTestExtension.class)
class OneshotFrayTest {

    /**
     * The receive completes (no lost wake-up) with the value exactly when the send won (returned
     * true), and with the end otherwise.
     *
     * <p>Mutation caught (iteration of the first failure in one run): send storing the value
     * without waking the waiting receive (deadlock, 1).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aSendRacingACloseIsReceivedExactlyWhenItWon() throws InterruptedException {
        Oneshot<String> o = Oneshot.create();
        AtomicReference<String> got = new AtomicReference<>();
        AtomicBoolean sent = new AtomicBoolean();
        Thread receiver = Threads.start(() -> got.set(ForeignPoller.await(o.receive())));
        Thread sender = Threads.start(() -> sent.set(o.send("v")));
        Thread closer = Threads.start(o::close);
        receiver.join();
        sender.join();
        closer.join();
        assertEquals(sent.get() ? "v" : null, got.get());
    }
}
