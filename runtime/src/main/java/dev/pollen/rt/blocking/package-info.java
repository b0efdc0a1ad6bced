/**
 * Not API (the module does not export this package). The blocking pool behind
 * {@code spawnBlocking}: threads for calls that block or compute for long, so that a runtime's
 * workers never stall on them. Modelled on tokio's {@code runtime/blocking/pool.rs}.
 *
 * <h2>The pool ({@link dev.pollen.rt.blocking.BlockingPool})</h2>
 * One lock guards the queue, the list of workers, {@code idle}, {@code notified} and
 * {@code shutdown}; idle threads wait on its condition.
 * <ol>
 *   <li><b>Placement.</b> {@code submit} appends the task to the FIFO queue, then: if a thread
 *       is idle it claims one ({@code idle--, notified++}, signal); else, below
 *       {@code maxThreads} threads, it starts one ({@code <prefix>-blocking-N}); else the task
 *       waits. Claims are counted, not left to {@code signal}: two submits never hand the same
 *       waiting thread two calls while another thread sleeps on. A pool that is never given a
 *       call has no thread.</li>
 *   <li><b>Run.</b> A thread runs queued tasks until the queue is empty (taking each under the
 *       lock, running it without), then goes idle ({@code idle++}).</li>
 *   <li><b>Retire rule.</b> An idle thread that wakes consumes a claim if there is one
 *       ({@code notified--}: its {@code idle--} was done by the submit) and runs the queue
 *       again. Otherwise, if the pool is shut down or {@code keepAlive} has passed since it went
 *       idle, it does {@code idle--} and ends, still under the lock, so no submit can claim a
 *       thread that is leaving. Spurious returns and interrupts just wait on.</li>
 *   <li><b>Count.</b> {@code active} = tasks submitted and not complete (queued or running),
 *       an atomic read without the lock. It goes up in {@code submit} before the task is
 *       queued, and down after the completed task's waker was woken, by whoever completed it
 *       (the pool thread, or the canceller of a queued task). So a paused clock that jumps only
 *       when its workers are idle and {@code active() == 0} never jumps between a call's end and
 *       the wake of the task awaiting it. The idle listeners run on that thread, with no lock
 *       held, each time the count reaches 0.</li>
 *   <li><b>Shutdown.</b> Under the lock: {@code shutdown = true}, the queue is emptied, idle
 *       threads are signalled. Then, without it, every emptied task and every running one is
 *       cancelled (below), and the threads are joined up to the timeout. A call that ignores
 *       its interrupt keeps its thread past the timeout ({@code shutdown} returns false); the
 *       thread ends when the call returns. {@code submit} afterwards throws
 *       {@link java.util.concurrent.RejectedExecutionException}.</li>
 *   <li><b>Threads</b> are daemons: how long calls may run is decided by the runtime's
 *       shutdown (which waits, up to its timeout), not by the JVM; an unclosed runtime does not
 *       keep the JVM alive for {@code keepAlive} after {@code main} returns. They inherit no
 *       thread locals. Calls run in real time even under a paused clock; the clock only waits
 *       for them.</li>
 * </ol>
 *
 * <h2>A task ({@link dev.pollen.rt.blocking.BlockingTask})</h2>
 * <pre>
 *   QUEUED --run (pool thread)--&gt; RUNNING --call returns--&gt; COMPLETE (value or failure)
 *   QUEUED --cancel--&gt; COMPLETE (CancellationException; the call never runs)
 *   RUNNING --cancel: interrupt the runner--&gt; CANCELLING --call returns--&gt; COMPLETE (CancellationException)
 *   COMPLETE --cancel--&gt; COMPLETE (ignored)
 * </pre>
 * <ul>
 *   <li>{@code state} is written only under the task's own lock (its monitor), by the pool thread
 *       ({@code run}) and the canceller; the poller reads it without a lock (volatile).
 *       {@code runner} and {@code startedNanos} are written and read under that lock.
 *       {@code result} is written before the volatile write of {@code COMPLETE} and read after
 *       it is seen. So {@code cancel} is safe from any thread, which shutdown needs: it
 *       cancels tasks that their owners may be polling at that moment.</li>
 *   <li><b>No interrupt leaks to the next call.</b> {@code cancel} interrupts the runner only
 *       under the task's lock, in state {@code RUNNING}. The pool thread completes the task under
 *       that lock, and only then clears its interrupt flag: after the clear, the task is
 *       {@code COMPLETE} and no interrupt for it can come. (The clear also drops a flag the call
 *       set on its own thread.)</li>
 *   <li><b>No lost wake.</b> {@code waker} (volatile) is written by the owner's pending poll,
 *       which then re-reads {@code state}; the pool thread writes {@code COMPLETE}, then reads
 *       {@code waker}. Either the poll sees {@code COMPLETE} and returns ready, or the pool
 *       thread sees the waker and wakes it. Taking the result stores a {@code TAKEN} sentinel
 *       in {@code waker}: a later poll throws "polled after completion".</li>
 *   <li><b>No lock order to get wrong:</b> the pool's lock and a task's lock are never held
 *       together. A pool thread releases the pool's lock before {@code run}; shutdown calls
 *       {@code cancel} with it released; {@code cancel} calls back into the pool (to drop a
 *       queued task) after releasing the task's lock.</li>
 *   <li>A call that throws anything, {@link java.lang.Error}s included, fails its task with
 *       that very object; the thread goes on with the next call.</li>
 * </ul>
 */
package dev.pollen.rt.blocking;
