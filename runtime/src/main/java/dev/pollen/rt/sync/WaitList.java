package dev.pollen.rt.sync;

import dev.pollen.Waker;

/**
 * A FIFO of waiting futures: the queue of a semaphore, a mutex, a channel's senders or receivers.
 * Not API.
 *
 * <p>Intrusive: a waiting future is (or owns) a {@link Node}, so waiting allocates nothing beyond
 * the future itself, and a cancelled waiter unlinks itself in O(1). Every method, and every read
 * or write of a node's fields, must be made under the lock of the list's owner (the primitive);
 * the list has no synchronization of its own. Wake the wakers of removed nodes after releasing
 * that lock (collect them in a {@link Wakeups}), so that a waker that runs a task inline cannot
 * re-enter the primitive under its lock.
 *
 * @param <N> the node type of the primitive
 */
public final class WaitList<N extends WaitList.Node> {

    /** A waiter. Fields are guarded by the owner's lock. */
    public static class Node {
        Node prev;
        Node next;
        boolean linked;
        /** The waker of the waiter's latest poll. */
        public Waker waker;

        /** Whether this node is in a list. */
        public final boolean isLinked() {
            return linked;
        }
    }

    private Node head;
    private Node tail;
    private int size;

    /** Appends {@code node}, which must not be in a list. */
    public void addLast(N node) {
        if (node.linked) {
            throw new IllegalStateException("node already in a wait list");
        }
        node.linked = true;
        node.prev = tail;
        node.next = null;
        if (tail == null) {
            head = node;
        } else {
            tail.next = node;
        }
        tail = node;
        size++;
    }

    /** Removes {@code node} if it is in this list; returns whether it was. */
    public boolean remove(N node) {
        if (!node.linked) {
            return false;
        }
        if (node.prev == null) {
            head = node.next;
        } else {
            node.prev.next = node.next;
        }
        if (node.next == null) {
            tail = node.prev;
        } else {
            node.next.prev = node.prev;
        }
        node.prev = null;
        node.next = null;
        node.linked = false;
        size--;
        return true;
    }

    /** The first node, or null. */
    @SuppressWarnings("unchecked")
    public N peekFirst() {
        return (N) head;
    }

    /** Removes and returns the first node, or null. */
    public N pollFirst() {
        N first = peekFirst();
        if (first != null) {
            remove(first);
        }
        return first;
    }

    /** Removes every node, adding its waker to {@code wakeups} (a broadcast: all waiters may proceed). */
    public void removeAllInto(Wakeups wakeups) {
        for (N node = pollFirst(); node != null; node = pollFirst()) {
            wakeups.add(node.waker);
        }
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }
}
