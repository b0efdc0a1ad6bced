/**
 * Not API: tasks. A task is one {@link dev.pollen.rt.task.TaskCell}: the future it runs, its
 * state word ({@link dev.pollen.rt.task.TaskState}), its result, and the waker of whoever joins
 * it. The cell is the task's waker and its {@link dev.pollen.JoinHandle}.
 *
 * <h2>Protocol</h2>
 * The state word's bits are RUNNING, NOTIFIED, COMPLETE, CANCELLED and CANCEL_DELIVERED; every
 * change is one atomic read-modify-write made by a named transition that returns what the
 * caller must do:
 * <pre>
 *   transitionToNotified   any thread (wake)    idle -> NOTIFIED: the caller queues the task (true)
 *                                               RUNNING -> RUNNING|NOTIFIED: the runner will (false)
 *                                               NOTIFIED or COMPLETE: nothing (false)
 *   transitionToCancelled  any thread (cancel)  sets CANCELLED, then as a wake
 *   transitionToRunning    the dequeuer         NOTIFIED -> RUNNING; false if COMPLETE (drop it)
 *   takeCancel             runner, RUNNING      CANCELLED without CANCEL_DELIVERED: call cancel()
 *   transitionToIdle       runner, pending      clears RUNNING; true if NOTIFIED: queue it again
 *   transitionToComplete   runner, ready/threw  RUNNING -> COMPLETE (final)
 *   transitionToAbandoned  shutdown             not RUNNING, not COMPLETE -> COMPLETE
 * </pre>
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li><b>One queue entry per notification.</b> The thread whose transition set NOTIFIED on a
 *       task that was not RUNNING queues it (once); a NOTIFIED set while RUNNING is queued by the
 *       runner when {@code transitionToIdle} reports it. A new task starts NOTIFIED and is queued
 *       by its spawner. So a task is in at most one run queue, once, however many wakes arrive
 *       from however many threads.</li>
 *   <li><b>RUNNING is the lock on the future.</b> Only the thread that took the queue entry sets
 *       it, so the future's {@code poll} and {@code cancel} never run concurrently; the cell's
 *       {@code slot} (the future) is touched only under RUNNING until COMPLETE. The CAS that sets
 *       RUNNING and the RMW that clears it order one poll before the next, on whatever worker.</li>
 *   <li><b>No lost wake.</b> A wake during a poll sets NOTIFIED, which the runner's
 *       {@code transitionToIdle} (an RMW in the same total order) sees; a wake after it sees the
 *       task idle and queues it. A wake is made after the event it announces is published, and
 *       every transition is a full fence, so the next poll sees the event.</li>
 *   <li><b>COMPLETE is final</b> and never set with RUNNING or NOTIFIED; the result is written
 *       before it and read after it is seen. Wakes of a complete task do nothing.</li>
 *   <li><b>Join.</b> The handle's poller writes {@code joinWaker} and then re-reads the state;
 *       the completer sets COMPLETE and then reads {@code joinWaker} (both volatile): one of them
 *       sees the other, so the joiner is woken or sees the result. The completer takes the waker
 *       by CAS, so it is woken once; {@code TAKEN}, written when the result is taken, is final.</li>
 *   <li><b>Cancel is seen at transitions.</b> A cancel request sets CANCELLED and notifies; the
 *       next runner delivers {@code cancel()} before polling. A task never polled since is thus
 *       cancelled before its first poll (a generated machine then completes at once).</li>
 *   <li><b>Live tasks.</b> {@link dev.pollen.rt.task.OwnedTasks} links every task from its spawn
 *       to its completion (links guarded by the shard's lock); shutdown closes it, cancels what is
 *       in it, and abandons what is still there after the timeout: tasks that are not RUNNING
 *       become COMPLETE with a {@code CancellationException} and are never polled again.</li>
 *   <li><b>Scoped children.</b> A child of a {@link dev.pollen.TaskScope} is a {@code TaskCell}
 *       subclass (with the blockOn {@link dev.pollen.rt.task.RootCell}, which only remembers its
 *       thread): its {@code onComplete()} runs on the completer's thread after
 *       COMPLETE is set and the runtime released it, before the joiner is woken, so its scope
 *       counts it done only when its handle is done too. Its failures are thrown by the scope,
 *       so it reports none as unobserved once the scope has.</li>
 *   <li><b>Spawn site and parent.</b> Written once by the spawner ({@link dev.pollen.rt.task.SpawnSites},
 *       from {@code RuntimeCore.start}) before the task is linked or queued, never after: any
 *       thread may read them. The parent is an id, so a child never keeps its parent alive.</li>
 * </ol>
 */
package dev.pollen.rt.task;
