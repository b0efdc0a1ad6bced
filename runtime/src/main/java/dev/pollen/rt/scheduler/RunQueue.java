package dev.pollen.rt.scheduler;

import dev.pollen.rt.task.TaskCell;
import java.util.Arrays;

/**
 * The current-thread runtime's local run queue: a FIFO ring of tasks, driving thread only, so
 * an enqueue is an array store (no node, no CAS). It grows by doubling, and shrinks back when
 * it empties while large, so that a burst of a million spawns does not keep 4 MB alive
 * afterwards. Wakes from other threads go to the runtime's inject queue instead.
 */
final class RunQueue {

    private static final int INITIAL = 16;
    /** An empty queue whose array is larger than this drops it for a small one. */
    private static final int KEEP = 1024;

    private TaskCell<?>[] cells = new TaskCell<?>[INITIAL];
    private int head;   // index of the first cell
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void add(TaskCell<?> cell) {
        if (size == cells.length) {
            grow();
        }
        cells[(head + size) & (cells.length - 1)] = cell;
        size++;
    }

    /** The first cell, removed; null if empty. */
    TaskCell<?> poll() {
        if (size == 0) {
            return null;
        }
        TaskCell<?> cell = cells[head];
        cells[head] = null;
        size--;
        if (size == 0) {
            head = 0;
            if (cells.length > KEEP) {
                cells = new TaskCell<?>[INITIAL];
            }
        } else {
            head = (head + 1) & (cells.length - 1);
        }
        return cell;
    }

    private void grow() {
        TaskCell<?>[] bigger = Arrays.copyOf(cells, cells.length * 2);
        // The wrapped part [0, head) moves behind the old end.
        System.arraycopy(cells, 0, bigger, cells.length, head);
        Arrays.fill(bigger, 0, head, null);
        TaskCell<?>[] old = cells;
        cells = bigger;
        // Live cells are now at [head, head + size) in the bigger array.
        assert old.length == size;
    }
}
