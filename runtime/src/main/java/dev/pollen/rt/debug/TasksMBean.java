package dev.pollen.rt.debug;

import java.lang.management.ManagementFactory;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/**
 * Not API: the platform MBean {@code dev.pollen:type=Tasks}, whose operation {@code dump()}
 * returns {@link TaskDump#all()}: what {@code dev.pollen.debug.DumpTasks} and JMX clients
 * ({@code jconsole}) call from outside the JVM. A {@link DynamicMBean}, so that JMX never
 * reflects on Pollen's classes (this package need not be exported or opened). Loaded only
 * reflectively ({@code dev.pollen} requires {@code java.management} {@code static}).
 *
 * <p>Each copy of Pollen (class loader) registers its own: the first as
 * {@code dev.pollen:type=Tasks}, a later one as {@code dev.pollen:type=Tasks,loader=N} (N its
 * loader's identity hash); clients query {@code dev.pollen:type=Tasks,*}.
 */
public final class TasksMBean implements DynamicMBean {

    /** The name of the first copy's MBean. */
    public static final String NAME = "dev.pollen:type=Tasks";
    /** The pattern that finds every copy's MBean. */
    public static final String PATTERN = "dev.pollen:type=Tasks,*";

    private TasksMBean() {}

    /** Called once, off-thread, by the first runtime built. */
    public static void register() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            server.registerMBean(new TasksMBean(), new ObjectName(NAME));
        } catch (InstanceAlreadyExistsException e) {
            ClassLoader loader = TasksMBean.class.getClassLoader();
            server.registerMBean(new TasksMBean(),
                    new ObjectName(NAME + ",loader=" + Integer.toHexString(System.identityHashCode(loader))));
        }
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        if ("dump".equals(actionName) && (params == null || params.length == 0)) {
            return TaskDump.all();
        }
        throw new ReflectionException(new NoSuchMethodException(actionName
                + ": dev.pollen:type=Tasks has one operation, dump(), without parameters"));
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        MBeanOperationInfo dump = new MBeanOperationInfo("dump",
                "Every live task of every Pollen runtime of this JVM, where it was spawned and what it awaits",
                new MBeanParameterInfo[0], String.class.getName(), MBeanOperationInfo.INFO);
        return new MBeanInfo(TasksMBean.class.getName(), "Pollen tasks", null, null,
                new MBeanOperationInfo[] {dump}, null);
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute);
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName());
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        return new AttributeList();
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }
}
