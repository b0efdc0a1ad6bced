/**
 * What the toolkit's primitives ({@code dev.pollen.sync}, {@code dev.pollen.channel}) share: the
 * FIFO of waiting futures, the wake-ups made after a lock is released, and
 * {@link dev.pollen.rt.sync.WaitingFuture} (a waiter that takes nothing when woken, only looks
 * again: a broadcast's receive, a watch's {@code changed()}). Not API: not exported.
 *
 * <h2>Waiting protocol</h2>
 * A primitive guards its state and its {@link dev.pollen.rt.sync.WaitList}s with one lock. A
 * future that cannot proceed records its context's waker in its node, links the node under the
 * lock and returns pending; a later poll updates the waker under the lock. Whoever makes progress
 * possible (a release, a send) unlinks the node it serves, hands it what it waited for (a permit,
 * a message, a slot) in the node, under the same lock, and wakes it after unlocking
 * ({@link dev.pollen.rt.sync.Wakeups}). A cancelled waiter unlinks itself under the lock; if it was
 * already served, it gives back what it was handed (the permit to the next waiter, the message to
 * the queue), so that cancelling loses nothing.
 */
package dev.pollen.rt.sync;
