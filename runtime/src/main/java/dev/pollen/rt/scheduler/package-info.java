/**
 * Not API: the schedulers. {@link dev.pollen.rt.scheduler.RuntimeCore} holds what both share
 * (live tasks, timer driver, blocking pool, spawn, shutdown, reports: {@link
 * dev.pollen.rt.scheduler.HangReport}, {@link dev.pollen.rt.scheduler.FailureReport});
 * {@link dev.pollen.rt.scheduler.MultiThread} and {@link dev.pollen.rt.scheduler.CurrentThread}
 * supply the run queues and the threads. The task protocol they obey is in
 * {@code dev.pollen.rt.task}.
 *
 * <h2>Multi-threaded (tokio's {@code multi_thread}, with the numbers it chose)</h2>
 * <ul>
 *   <li><b>Queues.</b> Each {@link dev.pollen.rt.scheduler.Worker} has a
 *       {@link dev.pollen.rt.scheduler.LocalQueue} (256 slots; its owner pushes and pops, others
 *       steal half) and a LIFO slot; the runtime has one
 *       {@link dev.pollen.rt.scheduler.InjectQueue}. A wake or spawn made on a worker thread of
 *       this runtime takes that worker's LIFO slot (its previous occupant goes to the back of
 *       the local queue); from any other thread it goes to the inject queue. A full local queue
 *       moves half of itself to the inject queue.</li>
 *   <li><b>Order of work.</b> A worker runs, in order: every 61st poll the inject queue's head
 *       (so it is never starved); its LIFO slot; its local queue; a share of the inject queue
 *       (length / workers + 1, at most 128); tasks stolen from another worker, starting at a random one.
 *       The LIFO task runs right after the poll that woke it, at most 3 times in a row; then it
 *       goes to the back. A task woken during its own poll (a yield) goes to the back, after
 *       the due timers fire and a share of the inject queue joins the local queue: a task that
 *       keeps yielding cannot hold injected tasks to one every 61 polls.</li>
 *   <li><b>Budget.</b> Each poll gets a {@link dev.pollen.Context} with 1,024 units; every
 *       iteration of a loop that awaits spends one, and with none left the task yields at the
 *       loop's back-edge (see {@code Context}).</li>
 *   <li><b>Idle workers.</b> See {@link dev.pollen.rt.scheduler.Idle}: at most half the workers
 *       search at once; new work wakes a parked worker only when nobody searches; a searcher
 *       that finds work wakes the next. A worker about to park is counted parked first and then
 *       checks every queue once more, so a push that saw it unparked (and woke nobody) is found:
 *       push-then-read-count against count-then-read-queues, both sequentially consistent.</li>
 *   <li><b>Timers.</b> One parked worker at a time sleeps until the next timer deadline (it holds
 *       the driver); others sleep without a timeout. A timer earlier than what it sleeps for
 *       unparks it. Busy workers fire due timers every 61 polls, and after every yield (a yield
 *       may end a long poll: a spent budget).</li>
 *   <li><b>Paused clock.</b> The worker whose parking leaves no worker unparked (claimed under
 *       the idle lock, so only one does) moves the clock to the next timer and fires it, unless
 *       a blocking call is running.</li>
 * </ul>
 *
 * <h2>Current-thread</h2>
 * The thread in {@code blockOn} holds "the core" (a CAS on {@code coreOwner}) and polls every
 * task from an unbounded local ring; wakes from other threads go to the inject queue and
 * unpark it; it looks at the inject queue every 31 polls and whenever the ring is empty. A
 * second thread in {@code blockOn} waits for its own root or for the core, whichever comes
 * first; a thread that releases the core wakes one waiter.
 *
 * <h2>Ending: cancel, grace report, timeout</h2>
 * The end of {@code Executor.blockOn} ({@code CurrentThread.blockOnThenCancel}) and a shutdown
 * ({@code RuntimeCore.shutdown}) end the same way, on the thread that calls them:
 * <ol>
 *   <li>Every live task gets a cancel request (the list is closed: later spawns are cancelled
 *       too); the deadline is the timeout after this moment (10 s for {@code Executor.blockOn},
 *       the shutdown's timeout for a runtime).</li>
 *   <li>The tasks are polled when woken (by this thread on a current-thread runtime, by the
 *       workers otherwise) until none is live or the grace period ({@code Config.cancelGrace},
 *       1 s by default, {@code -Dpollen.cancelGraceMillis}, {@code Builder.cancelGrace}) passed.
 *       If some are still live then and the deadline is later, {@link
 *       dev.pollen.rt.scheduler.HangReport#stillCancelling} logs them once at WARNING with a
 *       {@code TaskDump} of what they wait on. Nothing is forced: cancellation is a semantics
 *       path, and a cleanup that takes long is not a bug.</li>
 *   <li>The polling goes on until none is live or the deadline. No thread spins: the waits are
 *       parks and monitor waits that a completion or a wake ends.</li>
 *   <li>At the deadline, what is left is abandoned (completed with
 *       {@code CancellationException}, never polled again) and logged with a dump made just
 *       before ({@link dev.pollen.rt.scheduler.HangReport#abandoned}).</li>
 *   <li>Failures nobody took through a handle are reported ({@link
 *       dev.pollen.rt.scheduler.FailureReport}): to a handler the program installed, else to
 *       {@code System.err} naming the task and its spawn site.</li>
 * </ol>
 * A grace period not shorter than the timeout leaves only the abandonment report. The common
 * end of {@code Executor.blockOn}, with no task left, does none of this (one size check).
 *
 * <h2>Who touches what</h2>
 * A worker's LIFO slot, tick and searching flag: its own thread. {@code Worker.sleeping} and
 * the parked stack: under the {@code Idle} lock. Local queue: see its class comment. The
 * current-thread ring: the core's holder only. The task being polled ({@code Worker.running},
 * {@code CurrentThread.running}, read by a spawn to name its parent): the runner's thread only,
 * a plain store before each poll.
 *
 * <h2>Live runtimes</h2>
 * {@link dev.pollen.rt.scheduler.LiveRuntimes} holds every runtime that is not shut down, weakly,
 * for task dumps: added at the end of a build, removed when shutdown terminates.
 */
package dev.pollen.rt.scheduler;
