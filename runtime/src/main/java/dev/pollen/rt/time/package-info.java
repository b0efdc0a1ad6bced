/**
 * Time: the timer wheel, the per-runtime time driver and the {@code Sleep} future. Not exported:
 * the API is {@code dev.pollen.time} ({@code Time}, {@code Interval}) and {@code dev.pollen.Reactor}.
 *
 * <h2>The wheel ({@link dev.pollen.rt.time.TimerWheel})</h2>
 * Tokio's hierarchical timing wheel. Time is counted in <b>ticks of 1 ms</b> since the driver
 * was created; a deadline is rounded <b>up</b> to the next tick, and the driver fires a tick
 * only once the clock has reached its start, so a timer never fires early (and at most 1 ms
 * late, plus the time a worker takes to service the driver).
 * <ul>
 *   <li>6 levels of 64 slots; a slot of level {@code l} spans {@code 64^l} ticks (1 ms, 64 ms,
 *       ~4 s, ~4.5 min, ~4.8 h, ~12 days), so the levels span {@code 2^36} ticks (~2.2 years)
 *       from {@code elapsed}, the tick up to which everything due has fired.
 *   <li>An entry due at tick {@code when} goes to level
 *       {@code ilog2((elapsed ^ when) | 63) / 6} (the highest 6-bit group in which it differs
 *       from {@code elapsed}), slot {@code (when >> 6*level) & 63}. Level 0 holds exact ticks;
 *       a higher slot is taken when {@code elapsed} reaches its start and its entries are
 *       filed again, lower ("cascade", at most 5 times per entry).
 *   <li>Each level has a 64-bit mask of occupied slots: the next expiration is a rotate and a
 *       trailing-zero count on the lowest occupied level.
 *   <li>Slots are FIFO lists linked through the entries themselves
 *       ({@link dev.pollen.rt.time.TimerEntry#prev}/{@code next}): insert, remove and fire are
 *       O(1), with no node object. Entries due at the same tick fire in insertion order.
 *   <li>Deadlines {@code 2^36} ticks or more ahead wait in an unordered overflow list and are
 *       filed into the levels when they come into range (checked at the earliest such moment).
 * </ul>
 *
 * <h2>The driver ({@link dev.pollen.rt.time.TimeDriver})</h2>
 * One per runtime (and one per {@code Reactor}); no global state: a task finds it through
 * {@code TimeDriver.current()}, which the scheduler binds on each of its threads.
 * <ol>
 *   <li>One lock ({@code TimeDriver.lock}) guards the wheel, and every field of a {@code Sleep}
 *       while it is in the wheel. Critical sections are O(1) (start, re-poll, cancel) or
 *       proportional to the timers fired.
 *   <li>Wakers are never called under the lock: firing and {@code close()} mark the sleeps
 *       under the lock, chain them through {@code next}, and wake the chain after unlocking.
 *       A waker that throws is reported to the thread's uncaught-exception handler; the others
 *       are still woken.
 *   <li>{@code nextDeadline()} records the tick it reports (what the runtime's parked worker
 *       will wait for); starting a timer due earlier than that runs {@code onEarlierDeadline}
 *       after unlocking, so that the runtime unparks a worker to wait for the new deadline.
 *       The runtime asks {@code nextDeadline()} before each park, so no deadline is missed.
 *   <li>Any thread may fire ({@code fireDue}); a paused clock is moved only by
 *       {@code advanceToNextAndFire}, which the runtime calls when all its workers are idle.
 * </ol>
 *
 * <h2>A sleep ({@link dev.pollen.rt.time.Sleep})</h2>
 * A leaf future that is its own wheel entry: 40 bytes with compressed oops ({@code prev},
 * {@code next}, {@code deadline}, {@code waker}, {@code driver}). To get there:
 * <ul>
 *   <li>The state is a mark object in {@code prev} while the sleep is out of the wheel; in the
 *       wheel, {@code prev} is null or another entry, which reads as WAITING.
 *   <li>The first poll starts the timer on the driver bound to the polling thread (or the one a
 *       {@code Reactor} or {@code Interval} passes) and keeps it: later polls and
 *       {@code cancel} go to that driver on whatever thread they run, so a started sleep handed
 *       to a task of another runtime never touches the wrong wheel.
 * </ul>
 * States:
 * <pre>
 *   NEW_DURATION / NEW_UNTIL --first poll (owner)--> WAITING (in the wheel; or DONE if already due)
 *   WAITING --fired (driver, lock)--> FIRED --poll (owner)--> DONE   (ready)
 *   WAITING --close (driver, lock)--> CANCELLED --poll (owner)--> DONE   (CancellationException)
 *   WAITING --cancel (owner, lock)--> CANCELLED
 *   NEW_*, FIRED --cancel (owner, no lock)--> CANCELLED
 *   DONE: a poll throws IllegalStateException("polled after completion"); cancel is ignored
 * </pre>
 * Who touches what: the owner (the one task that polls and cancels it; never concurrently)
 * makes every transition except out of WAITING to FIRED and (at close) to CANCELLED, which the
 * driver makes under its lock. While WAITING, every field belongs to the wheel and is changed
 * under the lock only (the waker too, so the latest poll's waker is the one woken). Once the
 * sleep left the wheel the driver only unchains it ({@code next}) and takes its waker, outside
 * the lock, fields the owner never reads; it writes the FIRED and CANCELLED marks with release.
 * The owner reads {@code prev} without the lock (acquire) and acts unlocked only on a mark,
 * which no other thread changes any more; anything else sends it to the lock. Until the first
 * poll {@code deadline} holds the duration or the absolute deadline in clock nanos, then the
 * tick.
 *
 * <h2>Virtual time</h2>
 * {@code Clock.virtual()} implements {@link dev.pollen.rt.time.PausedClock}. A runtime started
 * paused calls {@code advanceToNextAndFire()} when all its workers are idle. A {@code Reactor}
 * on a virtual clock has its own driver and thread; it attaches to the
 * {@link dev.pollen.rt.time.IdleSource} of each runtime on whose thread one of its sleeps is
 * first polled, and jumps only while all of them are idle (a closed runtime is forgotten).
 */
package dev.pollen.rt.time;
