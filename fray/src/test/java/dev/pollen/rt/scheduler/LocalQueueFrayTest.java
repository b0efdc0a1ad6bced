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
        TaskCell<?>[] tasks = tasks(TASKS);
        AtomicIntegerArray taken = new AtomicIntegerArray(TASKS);
        for (int i = 0; i < 3; i++) {
            owner.push(tasks[i], overflow);
        }
        Thread stealer = startStealer(owner, thief, taken);
        TaskCell<?> one = owner.pop();
        if (one != null) {
            take(one, taken);
        }
        owner.push(tasks[3], overflow);
        drain(owner, taken);
        stealer.join();
        assertEachTakenOnce(taken);
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
        TaskCell<?>[] tasks = tasks(TASKS);
        AtomicIntegerArray taken = new AtomicIntegerArray(TASKS);
        for (TaskCell<?> task : tasks) {
            inject.push(task);
        }
        Thread stealer = startStealer(local, thief, taken);
        TaskCell<?> first = inject.popBatch(2, local);
        take(first, taken);
        drain(local, taken);
        TaskCell<?> task;
        while ((task = inject.pop()) != null) {
            take(task, taken);
        }
        stealer.join();
        assertEachTakenOnce(taken);
    }

    /** A thread that steals from {@code victim} into {@code thief} once, and pops what it stole. */
    private static Thread startStealer(LocalQueue victim, LocalQueue thief, AtomicIntegerArray taken) {
        return Threads.start(() -> {
            TaskCell<?> first = victim.stealInto(thief);
            if (first != null) {
                take(first, taken);
                drain(thief, taken);
            }
        });
    }

    private static void assertEachTakenOnce(AtomicIntegerArray taken) {
        for (int i = 0; i < TASKS; i++) {
            assertEquals(1, taken.get(i), "task " + i + " taken " + taken.get(i) + " times");
        }
    }

    private static TaskCell<?>[] tasks(int n) {
        QueueScheduler never = new QueueScheduler();
        TaskCell<?>[] tasks = new TaskCell<?>[n];
        for (int i = 0; i < n; i++) {
            tasks[i] = new TaskCell<Void>(never, i, cx -> Poll.pending());
        }
        return tasks;
    }

    private static void drain(LocalQueue queue, AtomicIntegerArray taken) {
        TaskCell<?> task;
        while ((task = queue.pop()) != null) {
            take(task, taken);
        }
    }

    private static void take(TaskCell<?> task, AtomicIntegerArray taken) {
        taken.incrementAndGet(task.id());
    }
}
