package dev.pollen.processor;

import com.sun.jdi.AbsentInformationException;
import com.sun.jdi.Bootstrap;
import com.sun.jdi.IncompatibleThreadStateException;
import com.sun.jdi.Location;
import com.sun.jdi.ReferenceType;
import com.sun.jdi.StackFrame;
import com.sun.jdi.ThreadReference;
import com.sun.jdi.VMDisconnectedException;
import com.sun.jdi.VirtualMachine;
import com.sun.jdi.connect.Connector;
import com.sun.jdi.connect.LaunchingConnector;
import com.sun.jdi.event.BreakpointEvent;
import com.sun.jdi.event.ClassPrepareEvent;
import com.sun.jdi.event.Event;
import com.sun.jdi.event.EventSet;
import com.sun.jdi.event.LocatableEvent;
import com.sun.jdi.event.StepEvent;
import com.sun.jdi.event.VMDeathEvent;
import com.sun.jdi.event.VMDisconnectEvent;
import com.sun.jdi.request.ClassPrepareRequest;
import com.sun.jdi.request.EventRequest;
import com.sun.jdi.request.StepRequest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Test support: a JDI debugger on a JVM it launches (the JDK's default {@code LaunchingConnector},
 * as an IDE does), driven one event at a time with a timeout on every wait, so that a breakpoint
 * that is never hit fails the test instead of hanging it. Lines are read in the class's default
 * stratum (for a machine with Pollen's SMAP: {@code Pollen}, the user's lines).
 */
final class Debugger implements AutoCloseable {
    private static final long TIMEOUT_MILLIS = 10_000;

    private final VirtualMachine vm;
    private final StringBuffer output = new StringBuffer();
    private final List<Thread> pipes = new ArrayList<>();
    private EventSet suspended;

    /** Where the debuggee stopped: a thread and its location. */
    record Stop(ThreadReference thread, Location location) {
        /** {@code Demo.java:32} in the default stratum. */
        String where() {
            return Debugger.where(location);
        }

        /** The thread's frames, innermost first, as {@code Type.method (File.java:line)}. */
        List<String> frames() {
            try {
                List<String> frames = new ArrayList<>();
                for (StackFrame frame : thread.frames()) {
                    Location at = frame.location();
                    frames.add(at.declaringType().name() + "." + at.method().name() + " (" + Debugger.where(at) + ")");
                }
                return frames;
            } catch (IncompatibleThreadStateException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Debugger(VirtualMachine vm) {
        this.vm = vm;
        pipe(vm.process().getInputStream());
        pipe(vm.process().getErrorStream());
    }

    /** Launches {@code mainClass} on {@code classPath}, suspended before it starts. */
    static Debugger launch(List<Path> classPath, String mainClass) throws Exception {
        LaunchingConnector launcher = Bootstrap.virtualMachineManager().defaultConnector();
        Map<String, Connector.Argument> arguments = launcher.defaultArguments();
        arguments.get("main").setValue(mainClass);
        arguments.get("options").setValue("-Xshare:auto -XX:TieredStopAtLevel=1 -cp "
                + classPath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        return new Debugger(launcher.launch(arguments));
    }

    /** Runs the debuggee until {@code className} is loaded; returns it (the debuggee stays suspended). */
    ReferenceType runUntilLoaded(String className) throws InterruptedException {
        ClassPrepareRequest request = vm.eventRequestManager().createClassPrepareRequest();
        request.addClassFilter(className);
        request.setSuspendPolicy(EventRequest.SUSPEND_ALL);
        request.enable();
        ClassPrepareEvent prepared = (ClassPrepareEvent) next(ClassPrepareEvent.class);
        request.disable();
        return prepared.referenceType();
    }

    /**
     * Sets a breakpoint on every location of {@code file:line} in {@code stratum} of {@code type};
     * returns how many locations the line has.
     */
    int breakAt(ReferenceType type, String stratum, String file, int line) throws AbsentInformationException {
        List<Location> locations = type.locationsOfLine(stratum, file, line);
        for (Location location : locations) {
            vm.eventRequestManager().createBreakpointRequest(location).enable();
        }
        return locations.size();
    }

    /** Resumes the debuggee until the next breakpoint; null if it ends first. */
    Stop runUntilBreakpoint() throws InterruptedException {
        LocatableEvent event = (LocatableEvent) next(BreakpointEvent.class);
        return event == null ? null : new Stop(event.thread(), event.location());
    }

    /** One {@code StepRequest} (line, over) of {@code stop}'s thread: where it stops next. */
    Stop stepLine(Stop stop) throws InterruptedException {
        StepRequest step = vm.eventRequestManager().createStepRequest(stop.thread(), StepRequest.STEP_LINE,
                StepRequest.STEP_OVER);
        step.addCountFilter(1);
        step.enable();
        try {
            LocatableEvent event = (LocatableEvent) next(StepEvent.class);
            return event == null ? null : new Stop(event.thread(), event.location());
        } finally {
            vm.eventRequestManager().deleteEventRequest(step);
        }
    }

    /**
     * Line steps from {@code stop} until the method is left, or {@code limit} steps: the
     * locations passed, each as {@link Stop#where()}.
     */
    List<String> stepThroughMethod(Stop stop, int limit) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        com.sun.jdi.Method method = stop.location().method();
        for (Stop at = stepLine(stop); at != null && at.location().method().equals(method) && lines.size() < limit;
                at = stepLine(at)) {
            lines.add(at.where());
        }
        return lines;
    }

    /** Resumes the debuggee (if suspended) and waits for an event of {@code kind}; null if the VM ends first. */
    private Event next(Class<? extends Event> kind) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        if (suspended != null) {
            EventSet set = suspended;
            suspended = null;
            set.resume();
        } else {
            vm.resume();
        }
        while (true) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new AssertionError("no " + kind.getSimpleName() + " within " + TIMEOUT_MILLIS + " ms; debuggee output:\n"
                        + output);
            }
            EventSet set = vm.eventQueue().remove(left);
            if (set == null) {
                continue;
            }
            for (Event event : set) {
                if (kind.isInstance(event)) {
                    suspended = set;
                    return event;
                }
                if (event instanceof VMDeathEvent || event instanceof VMDisconnectEvent) {
                    return null;
                }
            }
            set.resume();
        }
    }

    /** What the debuggee printed so far. */
    String output() {
        return output.toString();
    }

    /** Lets the debuggee run to its end; returns its exit status. */
    int runToEnd() throws InterruptedException {
        vm.eventRequestManager().deleteEventRequests(vm.eventRequestManager().breakpointRequests());
        try {
            while (next(VMDeathEvent.class) != null) {
                // not reached: next returns null at the VM's death
            }
        } catch (VMDisconnectedException ended) {
            // ended
        }
        Process process = vm.process();
        int status = process.waitFor(TIMEOUT_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        for (Thread pipe : pipes) {
            pipe.join(TIMEOUT_MILLIS);
        }
        return status;
    }

    @Override
    public void close() {
        try {
            vm.exit(1);
        } catch (VMDisconnectedException alreadyEnded) {
            // ended
        }
        vm.process().destroyForcibly();
    }

    /**
     * {@code Demo.java:32}: the location in the default stratum; in the {@code Java} stratum where
     * the default one does not map it (a method with no user line), as a debugger shows it.
     */
    static String where(Location location) {
        try {
            return location.sourceName() + ":" + location.lineNumber();
        } catch (AbsentInformationException notInTheDefaultStratum) {
            try {
                return location.sourceName("Java") + ":" + location.lineNumber("Java");
            } catch (AbsentInformationException e) {
                return "(no source):" + location.lineNumber("Java");
            }
        }
    }

    private void pipe(InputStream in) {
        Thread thread = new Thread(() -> {
            try {
                byte[] buffer = new byte[4096];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    output.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException closed) {
                // the debuggee ended
            }
        });
        thread.setDaemon(true);
        thread.start();
        pipes.add(thread);
    }
}
