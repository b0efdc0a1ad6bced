package dev.pollen.rt.task;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Not API: the live (spawned, not complete) tasks of one runtime, so that shutdown can cancel
 * them and reports can list them. Intrusive doubly-linked lists through
 * {@link TaskCell#prev}/{@link TaskCell#next}, split into shards; each shard's links, count
 * and id counter are guarded by its lock.
 *
 * <p>Cost matters: every spawn adds and every completion removes. A spawn goes to the shard its
 * spawner names (a worker: its own), so a worker's adds touch a lock and a cache line that no
 * other worker touches. A task completed on the thread that owns its shard is unlinked at once
 * ({@link #remove}); one completed elsewhere (stolen by another worker) is left linked, marked
 * COMPLETE by its state word, and unlinked by the next sweep of its shard: adds sweep when the
 * shard has grown by its live size since the last sweep (amortized O(1) per add), and
 * {@link #size()} and {@link #snapshot()} sweep first, so they count and list live tasks only.
 * A completed task (and its result) may so stay linked until its shard's owner spawns again
 * or the runtime shuts down. The lock is a spin lock (the critical sections are a few pointer writes; a thread
 * that waits long yields) and each shard is padded against false sharing. A task's id is
 * {@code shard counter * shards + shard}, so its shard is {@code id & mask}, with no global
 * counter.
 *
 * <p>Shutdown goes through two steps: {@link #close()} (tasks added from then on are to be
 * cancelled at once, and drained with the others), then {@link #seal()} (nothing is added any
 * more). A task added concurrently with {@code close()} is either in its snapshot or told to
 * cancel: {@code add} reads {@code closing} under the shard lock, which the snapshot takes after
 * setting it.
 */
public final class OwnedTasks {

    /** {@link #add}: linked. */
    public static final int ADDED = 0;
    /** {@link #add}: linked during shutdown: the caller cancels it. */
    public static final int ADDED_CANCEL = 1;
    /** {@link #add}: not linked (sealed): the task must not run. */
    public static final int REFUSED = 2;

    private final Shard[] shards;
    private final int mask;
    private final int shift;
    private volatile boolean closing;
    private volatile boolean sealed;

    /** Shards for {@code workers} workers (one each) and for spawns from other threads. */
    public OwnedTasks(int workers) {
        int n = Integer.highestOneBit(2 * workers + 1);     // a power of 2 above workers: some for others
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard(i);
        }
        mask = n - 1;
        shift = Integer.numberOfTrailingZeros(n);
    }

    /**
     * Numbers and links a new task in shard {@code hint} (modulo the shard count):
     * {@link #ADDED}, {@link #ADDED_CANCEL} or {@link #REFUSED} (numbered, not linked).
     */
    public int add(TaskCell<?> task, int hint) {
        Shard shard = shards[hint & mask];
        shard.lock();
        try {
            if (--shard.sweepIn <= 0) {
                shard.sweep();
            }
            task.id = (++shard.counter << shift) | shard.index;
            if (sealed) {
                return REFUSED;
            }
            TaskCell<?> last = shard.head.prev;
            task.prev = last;
            task.next = shard.head;
            last.next = task;
            shard.head.prev = task;
            shard.size++;
            return closing ? ADDED_CANCEL : ADDED;
        } finally {
            shard.unlock();
        }
    }

    /** Whether {@code task} is in shard {@code hint}, whose owner may {@link #remove} it cheaply. */
    public boolean inShard(TaskCell<?> task, int hint) {
        return ((task.id ^ hint) & mask) == 0;
    }

    /** Unlinks a task that was added; a completed task retains no other. */
    public void remove(TaskCell<?> task) {
        Shard shard = shards[task.id & mask];
        shard.lock();
        try {
            if (task.prev == null) {
                return;
            }
            task.prev.next = task.next;
            task.next.prev = task.prev;
            task.prev = null;
            task.next = null;
            shard.size--;
        } finally {
            shard.unlock();
        }
    }

    /** Shutdown begins: returns the tasks live now; later adds are to be cancelled. */
    public List<TaskCell<?>> close() {
        closing = true;
        return snapshot();
    }

    /** The end of a scope that cancelled and drained its tasks: later adds are ordinary again. */
    public void reopen() {
        closing = false;
    }

    public boolean isClosing() {
        return closing;
    }

    /** Shutdown's drain is over: refuses later adds. */
    public void seal() {
        sealed = true;
    }

    /** The live tasks now. */
    public List<TaskCell<?>> snapshot() {
        List<TaskCell<?>> tasks = new ArrayList<>();
        for (Shard shard : shards) {
            shard.lock();
            try {
                shard.sweep();
                for (TaskCell<?> t = shard.head.next; t != shard.head; t = t.next) {
                    tasks.add(t);
                }
            } finally {
                shard.unlock();
            }
        }
        return tasks;
    }

    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            shard.lock();
            try {
                shard.sweep();
                size += shard.size;
            } finally {
                shard.unlock();
            }
        }
        return size;
    }

    /** Cache-line padding before a shard's hot fields (with the header, 64 bytes). */
    @SuppressWarnings("unused")
    private abstract static class PadBefore {
        long p1, p2, p3, p4, p5, p6, p7;
    }

    /** A shard's hot fields: its lock, and what the lock guards. */
    private abstract static class Fields extends PadBefore {
        volatile int locked;
        /** Linked tasks, complete ones not yet swept included. */
        int size;
        int counter;
        /** Adds left before the next sweep. */
        int sweepIn;
    }

    private static final class Shard extends Fields {
        private static final VarHandle LOCKED;

        static {
            try {
                LOCKED = MethodHandles.lookup().findVarHandle(Fields.class, "locked", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The sentinel of a circular list; never a real task. */
        final TaskCell<?> head = new TaskCell<>(null, null, false);
        final int index;
        @SuppressWarnings("unused")
        long q1, q2, q3, q4, q5, q6;

        Shard(int index) {
            this.index = index;
            head.prev = head;
            head.next = head;
        }

        void lock() {
            if (LOCKED.compareAndSet(this, 0, 1)) {
                return;
            }
            for (int spins = 0; !LOCKED.compareAndSet(this, 0, 1); spins++) {
                if (spins < 64) {
                    Thread.onSpinWait();
                } else {
                    Thread.yield();         // the holder may be descheduled: let it run
                }
            }
        }

        void unlock() {
            LOCKED.setRelease(this, 0);
        }

        /** Under the lock: unlinks the tasks that completed on another thread. */
        void sweep() {
            for (TaskCell<?> t = head.next; t != head; ) {
                TaskCell<?> next = t.next;
                if (t.isComplete()) {
                    t.prev.next = next;
                    next.prev = t.prev;
                    t.prev = null;
                    t.next = null;
                    size--;
                }
                t = next;
            }
            sweepIn = Math.max(64, size);
        }
    }
}
