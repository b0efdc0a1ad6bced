package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ParkerTest {

    @Test
    void unparkBeforeParkIsRemembered() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            Parker parker = new Parker(Thread.currentThread());
            parker.unpark();
            parker.unpark();            // still one notification
            assertFalse(parker.park());
        });
    }

    @Test
    void foreignUnparksDoNotEndThePark() throws Exception {
        CountDownLatch returned = new CountDownLatch(1);
        Parker[] parker = new Parker[1];
        CountDownLatch created = new CountDownLatch(1);
        Thread owner = new Thread(() -> {
            parker[0] = new Parker(Thread.currentThread());
            created.countDown();
            parker[0].park();
            returned.countDown();
        });
        owner.start();
        created.await();
        for (int i = 0; i < 10_000; i++) {
            LockSupport.unpark(owner);
        }
        assertFalse(returned.await(100, TimeUnit.MILLISECONDS), "park returned on a foreign unpark");
        parker[0].unpark();
        assertTrue(returned.await(30, TimeUnit.SECONDS), "park did not return on unpark");
        owner.join();
    }
}
