/**
 * Not API: seeing inside running tasks. Reading the processor's {@link dev.pollen.internal.MachineInfo}
 * debug metadata ({@link dev.pollen.rt.debug.MachineInfos}); formatting live tasks as a tree, the one
 * place that does ({@link dev.pollen.rt.debug.TaskDump}); the JMX hook that serves the dump to other
 * processes ({@link dev.pollen.rt.debug.TasksMBean}). Where tasks come from: the weak registry of live
 * runtimes ({@code rt.scheduler.LiveRuntimes}) and the spawn sites and parents recorded at spawn
 * ({@code rt.task.SpawnSites}).
 *
 * <h2>Async stack traces ({@link dev.pollen.rt.debug.AsyncTraces})</h2>
 *
 * A failure's stack trace is rewritten in place ({@code setStackTrace} on the same object: its
 * class, message, identity, cause and suppressed failures are unchanged) into the logical stack
 * of the {@code @Async} methods it went through. Failure paths only: nothing is added to a poll,
 * an await or a wake that does not fail.
 *
 * <p><b>Where.</b> (1) The innermost machine a failure leaves ({@code AsyncMachine.poll}'s
 * {@code catch}): the frames above that machine's {@code resume} frame (where the failure was
 * made: the JDK, user helpers, a toolkit future that threw) are kept, minus the runtime's frames
 * right above the machine ({@code pollAwaited}, a combinator polling the child); the machine's
 * frame becomes the user's ({@code p.Demo.fetch(Demo.java:17)}: the metadata's line map, or the
 * state's line where the map has none); below it comes the current thread's stack, taken with a
 * {@code StackWalker}: machine frames mapped, the runtime's frames dropped except the public
 * {@code blockOn}, down to the task's root ({@code TaskCell.run}: the runner below is not the
 * task's). A failure whose trace does not hold this machine's {@code resume} was made elsewhere
 * (another thread, a {@code CompletableFuture}, a stored failure): its frames are kept whole and
 * the machine's frame (at its state's line) and the stack below are appended. (2) Where a task's
 * stored failure is taken ({@code TaskCell.takeResult}: a {@code JoinHandle}, a blockOn's root)
 * and where a {@code TaskScope}'s run throws a child's failure that no handle delivered: a
 * boundary frame naming the task (none for a blockOn root), then the taker's logical stack.
 *
 * <p><b>Each level once.</b> A rewritten failure is recorded: in a thread-local (the one this
 * thread rewrote last, one read per outer level of the same propagation) and in a weak identity
 * set (read once, where the thread-local misses). A machine leaves a recorded failure alone: the
 * trace already holds the stack it went up. So a user {@code catch} that throws the same failure
 * again, later or after a {@code finally} that awaits, keeps the trace of where it was made and
 * first went (as Java does for a rethrow). Only a task boundary appends to a recorded failure:
 * one failure that crosses two tasks gets two boundaries. Edge: a failure recorded in one task,
 * then handed to another by a channel or a {@code Oneshot} and thrown there, is not extended.
 *
 * <p><b>Boundary frame.</b> {@code at pollen.task 2 (awaited below) spawned at(Demo.java:40)}:
 * IDE consoles link the spawn site; without a recorded site {@code at pollen.task 2 (awaited
 * below) spawned by task 1(Unknown Source)} or {@code at pollen.task 2 (awaited below)(Unknown Source)}. The
 * spawned task's frames are above it, its awaiter's below.
 *
 * <p><b>Left alone.</b> A failure with an empty trace (made with {@code writableStackTrace =
 * false}, or whose {@code fillInStackTrace} does nothing: control flow) is not touched; a machine
 * without metadata keeps its raw {@code resume} frame; anything that goes wrong while rewriting
 * (a user's {@code getStackTrace} that throws, a stack overflow) leaves the trace as it was.
 *
 * <p><b>Switch.</b> {@code -Dpollen.asyncTraces=raw}, read once at class initialization: every
 * trace stays as the JVM made it.
 */
package dev.pollen.rt.debug;
