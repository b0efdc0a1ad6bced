package dev.pollen.debug;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The command line: prints the task dump of another JVM on this machine (same user), with the
 * JDK only.
 * <pre>
 * java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks          # lists the JVMs
 * java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks &lt;pid&gt;    # prints their dump
 * java -p pollen-runtime.jar --add-modules jdk.attach -m dev.pollen/dev.pollen.debug.DumpTasks &lt;pid&gt;
 * </pre>
 * It attaches ({@code jdk.attach}), starts the target's local JMX agent (as {@code jcmd <pid>
 * ManagementAgent.start_local} does; the agent stays until the target exits), connects and
 * calls {@code dump()} on every {@code dev.pollen:type=Tasks} MBean there (one per copy of
 * Pollen). Exit status: 0 printed, 1 the target cannot be dumped (the reason on standard error:
 * no such JVM, attach refused or disabled, Pollen not loaded there or its hook disabled), 2 usage.
 */
public final class DumpTasks {

    /** How long to wait for the MBean: the target registers it on a thread of its own. */
    private static final long REGISTER_WAIT_MILLIS = 2_000;

    private DumpTasks() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.out.print(list());
            return;
        }
        if (args.length != 1 || !args[0].matches("[0-9]+")) {
            System.err.println("usage: java -cp pollen-runtime.jar dev.pollen.debug.DumpTasks [<pid>]"
                    + " (no argument: list the JVMs this user can attach to)");
            System.exit(2);
        }
        try {
            System.out.print(dump(args[0]));
            System.out.flush();
        } catch (DumpException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** {@code <pid> <main class or jar>} per attachable JVM, one a line. */
    public static String list() {
        StringBuilder out = new StringBuilder();
        for (VirtualMachineDescriptor vm : VirtualMachine.list()) {
            out.append(vm.id()).append(' ').append(vm.displayName()).append('\n');
        }
        return out.toString();
    }

    /**
     * The task dump of JVM {@code pid} (several Pollen copies: their dumps one after another).
     *
     * @throws DumpException with the reason, if the JVM cannot be dumped
     */
    public static String dump(String pid) throws DumpException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(pid);
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new DumpException("cannot attach to JVM " + pid + ": " + e.getMessage()
                    + " (no such JVM of this user, or it runs with -XX:+DisableAttachMechanism)", e);
        } catch (IOException e) {
            throw new DumpException("cannot attach to JVM " + pid + ": " + e
                    + " (the JVM may have exited, or attach is disabled there)", e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            List<ObjectName> names = await(server);
            if (names.isEmpty()) {
                throw new DumpException("JVM " + pid + " has no dev.pollen:type=Tasks MBean: Pollen is not loaded there"
                        + " or has built no runtime yet, or it runs with -Dpollen.jmx=false");
            }
            StringBuilder out = new StringBuilder();
            for (ObjectName name : names) {
                out.append((String) server.invoke(name, "dump", new Object[0], new String[0]));
            }
            return out.toString();
        } catch (IOException | JMException e) {
            throw new DumpException("cannot read the task dump of JVM " + pid + " through JMX: " + e, e);
        }
    }

    /** The MBeans, after waiting a moment for them if there is none yet; sorted by name. */
    private static List<ObjectName> await(MBeanServerConnection server) throws IOException, JMException {
        ObjectName pattern = new ObjectName("dev.pollen:type=Tasks,*");
        long deadline = System.nanoTime() + REGISTER_WAIT_MILLIS * 1_000_000;
        Set<ObjectName> names = server.queryNames(pattern, null);
        while (names.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            names = server.queryNames(pattern, null);
        }
        List<ObjectName> sorted = new ArrayList<>(names);
        sorted.sort((a, b) -> a.getCanonicalName().compareTo(b.getCanonicalName()));
        return sorted;
    }

    /** Why a JVM cannot be dumped; the message says it for a person. */
    public static final class DumpException extends Exception {
        private static final long serialVersionUID = 1L;

        DumpException(String message, Throwable cause) {
            super(message, cause);
        }

        DumpException(String message) {
            super(message);
        }
    }
}
