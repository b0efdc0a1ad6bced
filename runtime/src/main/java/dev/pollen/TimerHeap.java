package dev.pollen;

import java.util.Arrays;

/**
 * A binary min-heap of pending sleeps ordered by (deadline, sequence number): earliest deadline
 * first, first registered first among equal deadlines. Intrusive: each {@link Sleep} stores its
 * own index, so {@link #remove} is O(log n). Guarded by the reactor's lock.
 */
final class TimerHeap {

    private Sleep[] heap = new Sleep[16];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest entry, or null. */
    Sleep peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Sleep s) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = s;
        s.heapIndex = size;
        size++;
        siftUp(s.heapIndex);
    }

    /** Removes and returns the earliest entry; the heap must not be empty. */
    Sleep poll() {
        Sleep first = heap[0];
        remove(first);
        return first;
    }

    /** Removes {@code s}, which must be in this heap. */
    void remove(Sleep s) {
        int i = s.heapIndex;
        size--;
        Sleep last = heap[size];
        heap[size] = null;
        s.heapIndex = -1;              // Sleep.NEW; the caller then sets the real state
        if (i != size) {
            heap[i] = last;
            last.heapIndex = i;
            siftDown(i);
            siftUp(last.heapIndex);
        }
    }

    /** Removes every entry and returns them, in no particular order. */
    Sleep[] drain() {
        Sleep[] all = Arrays.copyOf(heap, size);
        for (Sleep s : all) {
            s.heapIndex = -1;              // Sleep.NEW; the caller then sets the real state
        }
        Arrays.fill(heap, 0, size, null);
        size = 0;
        return all;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(heap[i], heap[parent])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        for (;;) {
            int smallest = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && before(heap[left], heap[smallest])) {
                smallest = left;
            }
            if (right < size && before(heap[right], heap[smallest])) {
                smallest = right;
            }
            if (smallest == i) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int i, int j) {
        Sleep a = heap[i];
        heap[i] = heap[j];
        heap[j] = a;
        heap[i].heapIndex = i;
        heap[j].heapIndex = j;
    }

    /** Deadlines are compared by difference, as nanoTime values must be. */
    private static boolean before(Sleep a, Sleep b) {
        long diff = a.deadline - b.deadline;
        return diff < 0 || (diff == 0 && a.sequence < b.sequence);
    }
}
