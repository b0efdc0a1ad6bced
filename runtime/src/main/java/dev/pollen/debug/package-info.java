/**
 * Seeing what a program's tasks are doing: a task dump, from code or from outside the JVM.
 *
 * <p><b>From code.</b> {@link dev.pollen.AsyncRuntime#dumpTasks()} (one runtime) or
 * {@link dev.pollen.debug.Tasks#dump()} (every runtime of the JVM):
 * <pre>{@code
 * System.err.print(Tasks.dump());
 * }</pre>
 * <pre>
 * Pollen task dump: 1 runtime
 * runtime "crawler" (multi-thread, 4 workers): 3 live tasks
 *   task 1 (blockOn root, thread "main"), idle
 *       at Crawl.main (Crawl.java:30)
 *       awaiting task 2
 *     task 2 (spawned at Crawl.java:40), idle
 *         at Crawl.fetch (Crawl.java:17)
 *         at Crawl.get (Crawl.java:25)
 *         awaiting Sleep(2 s, 1.2 s left)
 *     task 4 (spawned by task 1), queued
 * </pre>
 * A task: its id, where it was spawned ({@code spawned at} the source line of the spawn call in
 * an {@code @Async} method, or of the first caller outside Pollen for a spawn from a plain thread;
 * {@code spawned by task N} otherwise), what it is doing ({@code running}: a poll is under way,
 * {@code queued}: woken, {@code idle}: waiting to be woken; {@code , cancelling}), then the
 * {@code @Async} methods it is suspended in, outermost first, each at its await's line, and the
 * future it waits on as that future describes itself. Tasks spawned by a live task are listed
 * under it. A dump is taken while the tasks run: a line may be a moment old.
 *
 * <p><b>From outside.</b> The first runtime built registers the platform MBean
 * {@code dev.pollen:type=Tasks} (on a thread of its own; {@code -Dpollen.jmx=false} turns it off),
 * whose operation {@code dump()} returns the same text. Any JMX client reads it ({@code jconsole
 * <pid>}: MBeans, dev.pollen, Tasks, Operations, dump), and so does {@link dev.pollen.debug.DumpTasks}:
 * <pre>
 * java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks &lt;pid&gt;
 * java -p pollen-runtime.jar --add-modules jdk.attach -m dev.pollen/dev.pollen.debug.DumpTasks &lt;pid&gt;
 * </pre>
 * The dump shows the {@code toString()} of the futures tasks wait on (which may hold data, a URL
 * say) to whoever can attach to the JVM: its own user.
 */
package dev.pollen.debug;
