package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's run queue: a fixed ring of {@value #CAPACITY} tasks, one producer (the owning
 * worker) and many consumers (the owner, and other workers stealing), as tokio's
 * {@code queue.rs}. Fixed, so a push is a slot write and a release store: a task that does
 * not fit goes, with half the queue, to the runtime's inject queue.
 *
 * <p>Indices grow without bound (int arithmetic wraps); slot {@code i & MASK}.
 * <ul>
 *   <li>{@code tail}: written by the owner only (release), after the slot: a consumer that reads
 *       the tail (acquire) sees the tasks below it.</li>
 *   <li>{@code head}: taken by CAS, by the owner's pop (one task) and by a stealer (half of
 *       them). A consumer reads the slots from {@code head} on before its CAS; the CAS fails if
 *       anyone took from the queue meanwhile, and only slots below {@code head + CAPACITY} can
 *       be rewritten by the owner, so the slots a successful consumer read were not rewritten.</li>
 * </ul>
 * A task is in at most one queue: each entry comes from one NOTIFIED transition, and a CAS
 * moves it to exactly one consumer.
 */
final class LocalQueue {

    static final int CAPACITY = 256;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TaskCell[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(LocalQueue.class, "head", int.class);
            TAIL = lookup.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskCell<?>[] slots = new TaskCell<?>[CAPACITY];
    /** Owner only: reused to hand an overflow to the inject queue under one lock. */
    private final TaskCell<?>[] overflowBatch = new TaskCell<?>[CAPACITY / 2 + 1];
    private volatile int head;
    private volatile int tail;

    /** Any thread; approximate while others change the queue. */
    int size() {
        return tail - head;
    }

    boolean isEmpty() {
        return size() <= 0;
    }

    /**
     * Owner: appends {@code task}; when the queue is full, moves half of it and the task to
     * {@code overflow} (the inject queue), oldest first.
     */
    void push(TaskCell<?> task, InjectQueue overflow) {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getOpaque(this);     // only this thread writes it
            if (t - h < CAPACITY) {
                SLOT.setRelease(slots, t & MASK, task);
                TAIL.setRelease(this, t + 1);
                return;
            }
            if (pushOverflow(task, h, overflow)) {
                return;
            }
            // a stealer took some meanwhile: there is room now
        }
    }

    private boolean pushOverflow(TaskCell<?> task, int h, InjectQueue overflow) {
        int half = CAPACITY / 2;
        if (!HEAD.compareAndSet(this, h, h + half)) {
            return false;
        }
        TaskCell<?>[] batch = overflowBatch;
        for (int i = 0; i < half; i++) {
            batch[i] = (TaskCell<?>) SLOT.getAcquire(slots, (h + i) & MASK);
        }
        batch[half] = task;
        overflow.pushBatch(batch, half + 1);
        java.util.Arrays.fill(batch, null);
        return true;
    }

    /**
     * Owner, with room known to be there (it takes at most the free slots from the inject
     * queue; stealers only free more): appends without the overflow check.
     */
    void pushUnchecked(TaskCell<?> task) {
        int t = (int) TAIL.getOpaque(this);
        SLOT.setRelease(slots, t & MASK, task);
        TAIL.setRelease(this, t + 1);
    }

    /** Owner: the oldest task, removed; null if empty. */
    TaskCell<?> pop() {
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getOpaque(this);
            if (h == t) {
                return null;
            }
            TaskCell<?> task = (TaskCell<?>) SLOT.getAcquire(slots, h & MASK);
            if (HEAD.compareAndSet(this, h, h + 1)) {
                // Nobody else can claim slot h now, and only this thread writes slots: clear it
                // so a finished task's result is not kept alive by a stale slot.
                SLOT.setRelease(slots, h & MASK, null);
                return task;
            }
        }
    }

    /**
     * A stealer (another worker, the owner of {@code into}): moves half of this queue (rounded
     * up) into {@code into}, which must be empty, and returns one of them to run now; null if
     * there was nothing to take.
     */
    TaskCell<?> stealInto(LocalQueue into) {
        int dstTail = (int) TAIL.getOpaque(into);
        for (;;) {
            int h = (int) HEAD.getAcquire(this);
            int t = (int) TAIL.getAcquire(this);
            int n = t - h;
            if (n <= 0) {
                return null;
            }
            n -= n / 2;
            // Copy first (into slots of `into` that only its owner, this thread, writes), then
            // claim by CAS: a failed CAS means the copy may be stale; try again.
            for (int i = 0; i < n; i++) {
                TaskCell<?> task = (TaskCell<?>) SLOT.getAcquire(slots, (h + i) & MASK);
                SLOT.setRelease(into.slots, (dstTail + i) & MASK, task);
            }
            if (HEAD.compareAndSet(this, h, h + n)) {
                TaskCell<?> first = (TaskCell<?>) SLOT.getAcquire(into.slots, dstTail & MASK);
                SLOT.setRelease(into.slots, dstTail & MASK, null);
                // The first copied task is returned; the others become visible to `into`.
                HEAD.setRelease(into, (int) HEAD.getAcquire(into) + 1);
                TAIL.setRelease(into, dstTail + n);
                return first;
            }
        }
    }
}
