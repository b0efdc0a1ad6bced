/**
 * What the toolkit's primitives ({@code dev.pollen.sync}, {@code dev.pollen.channel}) share: the
 * FIFO of waiting futures ({@link dev.pollen.rt.sync.WaitList}), the wake-ups made after a lock is
 * released ({@link dev.pollen.rt.sync.Wakeups}), and the phase machine of a waiting future
 * ({@link dev.pollen.rt.sync.Waiter}). Not API: not exported.
 *
 * <h2>One phase machine</h2>
 * Every waiting future of the toolkit is a {@link dev.pollen.rt.sync.Waiter}: its own wait-list
 * node, driven NEW -> (first poll) WAITING -> (a poll finds it served) done, or -> CANCELLED ->
 * (next poll) failed with {@code CancellationException}; a poll after completion throws
 * {@code IllegalStateException}, a cancel after it is ignored, and {@code toString()} reads
 * {@code name [status] (what it waits on)}. The phase belongs to the future's owner and is a
 * plain field; what the primitive does to the waiter is the subclass's. Three ways to be served:
 * <ul>
 *   <li><b>Handed over</b> ({@code dev.pollen.sync.ServedWaiter}: Semaphore and Mutex acquires,
 *       Notify, Latch, Barrier): the primitive writes what it hands (permits, a notification, an
 *       index) under its lock into a volatile field of the node, so a poll checks it without the
 *       lock, and the uncontended first poll is a CAS with no lock at all.</li>
 *   <li><b>Looked again</b> ({@link dev.pollen.rt.sync.ConditionWaiter}: Broadcast and Watch
 *       receivers): a wake-up only says "look again"; every poll re-checks a condition under the
 *       lock, and a cancelled waiter has nothing to give back.</li>
 *   <li><b>Handed over under the lock, with an outcome</b> ({@code Channel}'s send and receive):
 *       the channel writes a status (served, closed) and a message into the node under its lock,
 *       and the next poll acts on it under the same lock (puts the message in, takes it); a
 *       cancelled one gives back its slot or message. {@code Oneshot}'s receive uses the machine
 *       with a single waiting slot instead of a list.</li>
 * </ul>
 * Not on it: {@code Futures}, {@code TaskScope} and {@code Time.timeout} drive other futures, not
 * a wait list; their phases (driving children, draining after a cancel) differ.
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
