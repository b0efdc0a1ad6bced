package dev.pollen;

import dev.pollen.internal.Sneaky;
import dev.pollen.rt.debug.AsyncTraces;
import dev.pollen.rt.scheduler.RuntimeCore;
import dev.pollen.rt.task.TaskCell;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Function;

/**
 * Structured concurrency: a scope owns the tasks spawned in it, and no task outlives it
 * (kotlinx's {@code coroutineScope}, the JDK's {@code StructuredTaskScope}, tokio's
 * {@code JoinSet} that aborts on drop).
 *
 * <pre>{@code
 * @Async
 * static int both(String a, String b) {
 *     return await(TaskScope.run(scope -> {
 *         JoinHandle<Integer> first = scope.spawn(FetchAsync.size(a));   // parallel tasks
 *         JoinHandle<Integer> second = scope.spawn(FetchAsync.size(b));
 *         return SumAsync.sum(first, second);                             // the body: awaits them
 *     }));
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>{@link #run} returns a future; nothing runs until its first poll, which calls
 *       {@code body} with the scope and then polls the body's future in the run's own task. The
 *       run completes when the body's future and every child have completed: with the body's
 *       value, or with the scope's first failure.</li>
 *   <li>{@link #spawn} starts a child: a real task of the runtime polling the spawning task
 *       (parallel on a multi-threaded runtime), with the usual {@link JoinHandle}. The body and
 *       the children may spawn (a child holds the scope too), as long as the scope runs.</li>
 *   <li><b>Fail-fast.</b> The first failure of the body or of a child cancels everything else
 *       (the body and every running child), waits until all of it has completed (its
 *       {@code finally} blocks ran), and is rethrown by the run, the same object, with the
 *       failures that came later added to it as {@linkplain Throwable#addSuppressed suppressed}.
 *       A {@link CancellationException} is not a failure when the scope caused it (once the
 *       scope is cancelling) or when it ends a child whose handle was cancelled.</li>
 *   <li><b>Cancel.</b> Cancelling the run cancels the body and every child and completes, once
 *       all of them completed, with {@code CancellationException}; a real failure of their
 *       cleanup is not lost: it is suppressed on it (as a cancelled machine keeps the failure of
 *       the future it awaited).</li>
 *   <li>A spawn while the scope is cancelling starts a child that is cancelled before its first
 *       poll (a generated machine then completes at once; its handle throws
 *       {@code CancellationException}), as a runtime does during shutdown: code in a
 *       {@code finally} may spawn without an exception. A spawn after the scope ended throws
 *       {@link IllegalStateException}.</li>
 *   <li>Every child failure reaches the run's awaiter (thrown or suppressed), so the runtime does
 *       not report it as unobserved, even if nobody awaited the child's handle.</li>
 * </ul>
 *
 * <h2>Protocol</h2>
 * The run future is polled and cancelled by its owner only; it alone polls and cancels the body
 * (fields of {@code Run}). Children complete on any thread. The shared state below is guarded by
 * the scope's monitor: the live children (an intrusive list through {@code Child}'s links), the
 * counts, {@code bodyDone}, the first failure, the phase and the run's latest waker. A child's
 * completion ({@link TaskCell#onComplete()}, after its task is complete) unlinks it and wakes the
 * run only when the run has something to do: a failure started the cancel (the owner must cancel
 * the body), or the scope ended. The owner registers its waker and reads the phase under the
 * same monitor, so neither is missed. Children are cancelled through their tasks
 * ({@code requestCancel}, any thread); the body by the owner, at its next poll.
 */
public final class TaskScope {

    private static final int OPEN = 0;
    private static final int CANCELLING = 1;
    private static final int ENDED = 2;

    /** OPEN, then CANCELLING (optional), then ENDED; written under the monitor, read by the owner without it. */
    private volatile int phase = OPEN;
    /** Whether the run completed, throwing every failure it counted (so children's count as observed). */
    private volatile boolean reported;

    // Guarded by this scope's monitor.
    private Child<?> children;
    private int running;
    private int done;
    private boolean bodyDone;
    private Throwable failure;
    /** The child whose failure is {@code failure}, or null: the run's trace names it (async stack traces). */
    private Child<?> failedChild;
    private Waker waker;

    private TaskScope() {}

    /**
     * A future that runs {@code body}'s future in a new scope, and completes when it and every
     * child spawned in the scope completed; see the class documentation.
     *
     * <pre>{@code
     * int total = await(TaskScope.run(scope -> {
     *     scope.spawn(WorkerAsync.work(queue));     // cancelled if the body fails, and vice versa
     *     return ProducerAsync.produce(queue);
     * }));
     * }</pre>
     *
     * @param body called once, at the run's first poll, with the scope; returns the body's future
     * @throws NullPointerException if {@code body} is null
     */
    public static <T> Future<T> run(Function<TaskScope, ? extends Future<T>> body) {
        Objects.requireNonNull(body, "body");
        return new Run<>(body);
    }

    /**
     * Starts {@code future} as a child of this scope: a task of the runtime polling the calling
     * task ({@link Executor#spawn}), which the scope cancels when it fails or is cancelled, and
     * waits for before it completes.
     *
     * <pre>{@code
     * JoinHandle<Page> page = scope.spawn(CrawlAsync.fetch(url));
     * }</pre>
     *
     * @return the child's handle: its value or failure (the same object)
     * @throws IllegalStateException if no runtime is polling a task on this thread, or the scope
     *     has ended
     */
    public <U> JoinHandle<U> spawn(Future<U> future) {
        Objects.requireNonNull(future, "future");
        RuntimeCore core = RuntimeCore.current();
        Child<U> child;
        boolean cancelling;
        synchronized (this) {
            if (phase == ENDED) {           // first: an ended scope says so from any thread
                throw new IllegalStateException("TaskScope.spawn after the scope ended (its body and all its"
                        + " children completed): spawn from the body or a child while the scope runs");
            }
            if (core == null) {
                throw new IllegalStateException("TaskScope.spawn called outside a Pollen runtime: call it from a"
                        + " task that a runtime polls (the scope's body, one of its children, or another task)"
                        + " while the scope runs");
            }
            child = new Child<>(core, future, this);
            link(child);
            cancelling = phase == CANCELLING;
        }
        if (cancelling) {
            child.requestCancel();      // not started yet: cancelled before its first poll
        }
        core.start(child);
        return child;
    }

    /** {@code TaskScope (3 children running, 1 done)}, with {@code , cancelling} or {@code , ended}. */
    @Override
    public String toString() {
        return "TaskScope (" + describe() + ")";
    }

    /** {@code 3 children running, 1 done}, with {@code , cancelling} or {@code , ended}. */
    private String describe() {
        synchronized (this) {
            int p = phase;
            return running + (running == 1 ? " child" : " children") + " running, " + done + " done"
                    + (p == CANCELLING ? ", cancelling" : p == ENDED ? ", ended" : "");
        }
    }

    // ---- shared state, under the monitor

    private void link(Child<?> child) {
        child.nextChild = children;
        if (children != null) {
            children.prevChild = child;
        }
        children = child;
        running++;
    }

    private void unlink(Child<?> child) {
        if (child.prevChild == null) {
            children = child.nextChild;
        } else {
            child.prevChild.nextChild = child.nextChild;
        }
        if (child.nextChild != null) {
            child.nextChild.prevChild = child.prevChild;
        }
        child.prevChild = null;
        child.nextChild = null;
        running--;
        done++;
    }

    /**
     * Whether {@code outcome} (a completion's failure, or null) fails the scope: any failure but
     * a cancellation that the scope (cancelling) or a handle ({@code cancelRequested}) caused.
     */
    private boolean fails(Throwable outcome, boolean cancelRequested) {
        return outcome != null && !(outcome instanceof CancellationException && (cancelRequested || phase != OPEN));
    }

    /** Records a failure: the first one is kept, later ones are suppressed on it; starts the cancel. */
    private void fail(Throwable t) {
        if (failure == null) {
            failure = t;
        } else if (failure != t) {
            failure.addSuppressed(t);
        }
        cancel();
    }

    /**
     * OPEN: becomes CANCELLING and cancels every running child (a request: each task delivers it
     * at its next run; none runs inline, so this is safe under the monitor). The body is the
     * owner's to cancel: it sees CANCELLING at its next poll.
     */
    private void cancel() {
        if (phase != OPEN) {
            return;
        }
        phase = CANCELLING;
        for (Child<?> c = children; c != null; c = c.nextChild) {
            c.requestCancel();
        }
    }

    /** The end: the body and every child completed. */
    private void endIfDone() {
        if (bodyDone && running == 0) {
            phase = ENDED;
        }
    }

    /** A child's task completed (any thread): counts it, and wakes the run if it has work. */
    private void childCompleted(Child<?> child) {
        Waker wake = null;
        synchronized (this) {
            unlink(child);
            boolean failed = fails(child.failure(), child.cancelRequested());
            if (failed) {
                if (failure == null) {
                    failedChild = child;
                }
                fail(child.failure());
            }
            endIfDone();
            if (phase == ENDED || (failed && !bodyDone)) {
                wake = waker;
            }
        }
        if (wake != null) {
            wake.wake();
        }
    }

    /** A child: a task that tells its scope when it completed. Links guarded by the scope's monitor. */
    private static final class Child<U> extends TaskCell<U> {
        private final TaskScope scope;
        Child<?> prevChild;
        Child<?> nextChild;

        Child(RuntimeCore core, Future<U> future, TaskScope scope) {
            super(core, future, false);
            this.scope = scope;
        }

        @Override
        protected void onComplete() {
            scope.childCompleted(this);
        }

        /** The scope's run throws every failure it counted (first, or suppressed on it). */
        @Override
        public Throwable unobservedFailure() {
            return scope.reported ? null : super.unobservedFailure();
        }

        /** The failure that nobody took through the child's handle, or null. */
        Throwable untakenFailure() {
            return super.unobservedFailure();
        }
    }

    /** The future of {@link #run}: owns the body (polls and cancels it). */
    private static final class Run<T> implements Future<T> {
        private final TaskScope scope = new TaskScope();
        /** The body's factory until the first poll, then null. */
        private Function<TaskScope, ? extends Future<T>> start;
        private Future<T> body;
        private T value;
        /** The body's cancel() was called. */
        private boolean bodyCancelled;
        /** The owner cancelled the run. */
        private boolean cancelled;
        private boolean finished;

        Run(Function<TaskScope, ? extends Future<T>> start) {
            this.start = start;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (finished) {
                throw new IllegalStateException("polled after completion");
            }
            if (start != null && !begin()) {
                finished = true;        // cancelled before its first poll: nothing ran
                throw new CancellationException("TaskScope cancelled before it started");
            }
            Throwable outcome;
            Child<?> failedChild;
            for (;;) {
                if (!scope.bodyDone) {
                    pollBody(cx);
                }
                synchronized (scope) {
                    if (scope.phase == ENDED) {
                        outcome = scope.failure;
                        failedChild = scope.failedChild;
                        break;
                    }
                    // A failure that started the cancel after the body's poll: cancel the body now.
                    if (scope.bodyDone || bodyCancelled || scope.phase == OPEN) {
                        scope.waker = cx.waker();
                        return Poll.pending();
                    }
                }
            }
            finished = true;
            scope.reported = true;
            if (cancelled) {            // as a cancelled machine: a failure of the cleanup is kept, suppressed
                CancellationException e = new CancellationException("TaskScope cancelled");
                if (outcome != null) {
                    e.addSuppressed(outcome);
                }
                throw e;
            }
            if (outcome != null) {
                // A child's failure that its handle did not deliver: the trace goes on to the run's awaiter.
                boolean fromChild = failedChild != null && failedChild.untakenFailure() == outcome;
                throw Sneaky.rethrow(fromChild ? AsyncTraces.joined(failedChild, outcome) : outcome);
            }
            T v = value;
            value = null;
            return Poll.ready(v);
        }

        /** The first poll: makes the body's future; false if the run was cancelled before. */
        private boolean begin() {
            Function<TaskScope, ? extends Future<T>> make = start;
            start = null;
            if (cancelled) {
                return false;
            }
            try {
                body = Objects.requireNonNull(make.apply(scope), "TaskScope.run's body returned null, not a future");
            } catch (Throwable t) {
                bodyCompleted(null, t);
            }
            return true;
        }

        /** Cancels the body first if the scope is cancelling, then polls it. */
        private void pollBody(Context cx) {
            if (!bodyCancelled && scope.phase != OPEN) {
                bodyCancelled = true;
                body.cancel();
            }
            try {
                Poll<T> poll = body.poll(cx);
                if (poll.isReady()) {
                    bodyCompleted(poll.get(), null);
                }
            } catch (Throwable t) {
                bodyCompleted(null, t);
            }
        }

        private void bodyCompleted(T v, Throwable t) {
            value = v;
            body = null;
            synchronized (scope) {
                scope.bodyDone = true;
                if (scope.fails(t, bodyCancelled)) {
                    scope.fail(t);
                }
                scope.endIfDone();
            }
        }

        @Override
        public void cancel() {
            if (finished || cancelled) {
                return;
            }
            cancelled = true;
            if (start != null) {
                return;                 // not started: its next poll completes it
            }
            synchronized (scope) {
                scope.cancel();
            }
            if (!scope.bodyDone && !bodyCancelled) {
                bodyCancelled = true;
                body.cancel();
            }
        }

        /**
         * {@code TaskScope.run (body: <the body's future>; 2 children running, 0 done)}, or
         * {@code (not started)}, or {@code (body done; ...)}.
         */
        @Override
        public String toString() {
            if (start != null) {
                return "TaskScope.run (not started)";
            }
            Future<T> b = body;
            return "TaskScope.run (" + (b != null ? "body: " + b : "body done") + "; " + scope.describe() + ")";
        }
    }
}
