package dev.pollen.rt.scheduler;

import dev.pollen.Waker;

/**
 * The waker of a thread that waits in {@code blockOn}: a wake unparks it. The thread records
 * the interrupts it clears while parked and restores the flag at the end.
 */
final class ThreadWaker implements Waker {

    final Thread thread = Thread.currentThread();
    final Parker parker = new Parker(thread);
    private boolean interrupted;

    @Override
    public void wake() {
        parker.unpark();
    }

    /** The waiting thread: sleeps until woken. */
    void park() {
        interrupted |= parker.park();
    }

    /** The waiting thread: sleeps until woken or {@code nanos} passed. */
    void parkNanos(long nanos) {
        interrupted |= parker.parkNanos(nanos);
    }

    /** The waiting thread, at the end: puts back an interrupt it cleared while waiting. */
    void restoreInterrupt() {
        if (interrupted) {
            thread.interrupt();
        }
    }
}
