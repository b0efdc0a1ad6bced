package dev.pollen.rt.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pollen.Poll;
import dev.pollen.fray.FrayBudget;
import dev.pollen.fray.QueueScheduler;
import dev.pollen.fray.Threads;
import dev.pollen.rt.task.TaskCell;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pastalab.fray.junit.junit5.FrayTestExtension;
import org.pastalab.fray.junit.junit5.annotations.FrayTest;

/**
 * A worker's {@link LocalQueue} under Fray: its owner pushes and pops while another worker
 * steals half of it into its own queue and pops that. Every task pushed is taken exactly once.
 */
@ExtendWith(FrayTestExtension.class)
class LocalQueueFrayTest {

    private static final int TASKS = 4;

    /**
     * The owner pushes three tasks, pops one, pushes a fourth and pops until empty; the
     * stealer steals at any point (0 to 2 tasks, as the owner left them) and pops what it stole.
     *
     * <p>Mutations caught (iteration of the first failure in one run): pop claiming its task
     * with a volatile read and write of the head instead of a CAS (task 0 taken twice, 7);
     * stealInto claiming the same way (task 2 taken twice, 2). Made of {@code getAcquire} and
     * {@code setRelease} instead, neither is caught: Fray 0.9.2 switches threads only at the
     * VarHandle accesses it intercepts (compareAndSet, getVolatile, setVolatile) and at volatile
     * field accesses, so acquire/release/opaque accesses and getAndAdd run as if fused with
     * the next intercepted operation (fray/README.md).
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aStealRacingTheOwnerTakesEachTaskOnce() throws InterruptedException {
        LocalQueue owner = new LocalQueue();
        LocalQueue thief = new LocalQueue();
        InjectQueue overflow = new InjectQueue();
        Ledger ledger = new Ledger();
        for (int i = 0; i < 3; i++) {
            owner.push(ledger.tasks[i], overflow);
        }
        Thread stealer = ledger.startStealer(owner, thief);
        TaskCell<?> one = owner.pop();
        if (one != null) {
            ledger.take(one);
        }
        owner.push(ledger.tasks[3], overflow);
        ledger.drain(owner);
        stealer.join();
        ledger.assertEachTakenOnce();
        assertEquals(0, overflow.length());
    }

    /**
     * A worker moves a batch from the inject queue into its local queue (unchecked pushes) and
     * pops it while another worker steals from that local queue; what the batch left in the
     * inject queue is popped after. Every task is taken once.
     */
    @FrayTest(iterations = FrayBudget.ITERATIONS)
    void aBatchFromTheInjectQueueRacingAStealTakesEachTaskOnce() throws InterruptedException {
        LocalQueue local = new LocalQueue();
        LocalQueue thief = new LocalQueue();
        InjectQueue inject = new InjectQueue();
        Ledger ledger = new Ledger();
        for (TaskCell<?> task : ledger.tasks) {
            inject.push(task);
        }
        Thread stealer = ledger.startStealer(local, thief);
        inject.popInto(local, 2);
        ledger.drain(local);
        TaskCell<?> task;
        while ((task = inject.pop()) != null) {
            ledger.take(task);
        }
        stealer.join();
        ledger.assertEachTakenOnce();
    }

    /** The tasks of a test (never run) and how many times each was taken from a queue. */
    private static final class Ledger {
        final TaskCell<?>[] tasks = new TaskCell<?>[TASKS];
        final AtomicIntegerArray taken = new AtomicIntegerArray(TASKS);

        Ledger() {
            QueueScheduler never = new QueueScheduler();
            for (int i = 0; i < TASKS; i++) {
                tasks[i] = new TaskCell<Void>(never, cx -> Poll.pending(), false);
            }
        }

        void take(TaskCell<?> task) {
            for (int i = 0; i < TASKS; i++) {
                if (tasks[i] == task) {
                    taken.incrementAndGet(i);
                    return;
                }
            }
            throw new AssertionError("a queue gave " + task + ", which was never pushed");
        }

        void drain(LocalQueue queue) {
            TaskCell<?> task;
            while ((task = queue.pop()) != null) {
                take(task);
            }
        }

        /** A thread that steals from {@code victim} into {@code thief} once, and pops what it stole. */
        Thread startStealer(LocalQueue victim, LocalQueue thief) {
            return Threads.start(() -> {
                TaskCell<?> first = victim.stealInto(thief);
                if (first != null) {
                    take(first);
                    drain(thief);
                }
            });
        }

        void assertEachTakenOnce() {
            for (int i = 0; i < TASKS; i++) {
                assertEquals(1, taken.get(i), "task " + i + " taken " + taken.get(i) + " times");
            }
        }
    }
}
