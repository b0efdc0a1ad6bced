/**
 * Async synchronization primitives: {@link dev.pollen.sync.Semaphore}, {@link dev.pollen.sync.Mutex},
 * {@link dev.pollen.sync.Notify}, {@link dev.pollen.sync.Latch} and {@link dev.pollen.sync.Barrier}.
 * Each waiting operation is a {@link dev.pollen.Future} that blocks no thread; all are usable from
 * any runtime and any thread, and woken from any thread.
 *
 * <pre>{@code
 * try (Semaphore.Permit p = await(semaphore.acquire())) {
 *     await(work());
 * }
 * }</pre>
 *
 * <h2>Protocol</h2>
 * Every primitive follows {@code dev.pollen.rt.sync}'s waiting protocol: one lock per primitive
 * (its {@code WaitList} object, which is private), waiter nodes that are the futures themselves
 * (a waiting operation allocates nothing but its future), wakers woken after unlocking. The
 * futures share one phase machine ({@code dev.pollen.rt.sync.Waiter}, here through
 * {@code ServedWaiter}: arrive, served?, value, leave).
 *
 * <ol>
 *   <li><b>Lazy.</b> A future takes nothing until its first poll (an unpolled
 *       {@code acquire()} holds no place and no permit; a {@code Barrier.arrive()} arrives at its
 *       first poll).</li>
 *   <li><b>Who writes what.</b> A future's {@code phase} belongs to its owner (poll, cancel: one
 *       at a time, by the {@code Future} contract). Its wait-list links and waker are guarded by the
 *       primitive's lock. What the waker hands it ({@code Acquire.remaining}, the permits still owed;
 *       {@code Notified.notifiedBy}; {@code Arrival.index}) is written under the lock and volatile,
 *       so a poll after the wake-up reads it without the lock.</li>
 *   <li><b>Served means unlinked.</b> The side that makes progress (a release, a notify, the
 *       last count-down or arrival) unlinks the node it serves, writes what it hands it, and wakes
 *       it after unlocking. A node is in the list exactly while it waits.</li>
 *   <li><b>Cancel is a return at the await.</b> A cancelled waiter unlinks itself under the lock;
 *       if it was served already and has not taken what it was handed with a poll, it gives it
 *       back: permits to the next waiters or the count ({@code BatchSemaphore.cancel}), a
 *       {@code notifyOne} to the next waiter or the stored permit. Nothing else is owned: a latch
 *       waiter takes nothing; a barrier arrival withdraws (its generation needs another party).
 *       Its next poll throws {@code CancellationException}.</li>
 *   <li><b>Lock-free fast paths.</b> {@code BatchSemaphore} (under {@code Semaphore} and
 *       {@code Mutex}) and {@code Notify} keep a state word whose flag ({@code QUEUED},
 *       {@code WAITING}) is set exactly while the wait list is non-empty, and changed only under the
 *       lock. Without the flag, acquire, release and {@code notifyOne} are one CAS on the word; with
 *       it, they take the lock, so nothing overtakes a waiter and nothing is given to the count
 *       while someone waits. A waiter sets the flag by CAS in the same lock section that links it:
 *       a release that saw the flag clear and added to the count made the waiter's CAS fail and
 *       retry, taking the permit.</li>
 *   <li><b>Fairness.</b> {@code Semaphore} and {@code Mutex} serve in the order of first polls;
 *       the head takes what is free (partial grants) and a later, smaller request waits behind it
 *       (tokio's batch semaphore). {@code tryAcquire}/{@code tryLock} never overtake a waiter.</li>
 * </ol>
 */
package dev.pollen.sync;
