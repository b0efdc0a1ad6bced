package dev.pollen.rt.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Not API: the live (spawned, not complete) tasks of one runtime, so that shutdown can cancel
 * them and reports can list them. Intrusive doubly-linked lists through
 * {@link TaskCell#prev}/{@link TaskCell#next}, split into shards by task id so that workers
 * spawning and completing at once rarely share a lock; each shard's links are guarded by its
 * lock.
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
    private volatile boolean closing;
    private volatile boolean sealed;

    public OwnedTasks(int workers) {
        int n = Integer.highestOneBit(Math.max(1, workers * 4) * 2 - 1);    // next power of 2
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    /** Links a new task: {@link #ADDED}, {@link #ADDED_CANCEL} or {@link #REFUSED}. */
    public int add(TaskCell<?> task) {
        Shard shard = shards[task.id() & mask];
        synchronized (shard) {
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
        }
    }

    /** Unlinks a task that was added; a completed task retains no other. */
    public void remove(TaskCell<?> task) {
        Shard shard = shards[task.id() & mask];
        synchronized (shard) {
            if (task.prev == null) {
                return;
            }
            task.prev.next = task.next;
            task.next.prev = task.prev;
            task.prev = null;
            task.next = null;
            shard.size--;
        }
    }

    /** Shutdown begins: returns the tasks live now; later adds are to be cancelled. */
    public List<TaskCell<?>> close() {
        closing = true;
        return snapshot();
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
            synchronized (shard) {
                for (TaskCell<?> t = shard.head.next; t != shard.head; t = t.next) {
                    tasks.add(t);
                }
            }
        }
        return tasks;
    }

    public int size() {
        int size = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                size += shard.size;
            }
        }
        return size;
    }

    private static final class Shard {
        /** The sentinel of a circular list; never a real task. */
        final TaskCell<?> head = new TaskCell<>(null, 0, null);
        int size;

        Shard() {
            head.prev = head;
            head.next = head;
        }
    }
}
