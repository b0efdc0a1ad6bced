/**
 * Pollen's runtime: futures, the executor, the reactor, {@code @Async} and {@code await}.
 *
 * <p>{@code dev.pollen.internal} is exported only because generated machines (compiled into the
 * user's module) extend its classes; it is not API and may change in any release.
 */
module dev.pollen {
    exports dev.pollen;
    exports dev.pollen.channel;
    exports dev.pollen.debug;
    exports dev.pollen.internal;
    exports dev.pollen.sync;
    exports dev.pollen.time;

    // Task dumps from outside: the MBean is registered only when java.management is readable
    // (on a full JDK, java.base binds it); the DumpTasks command, run in the client, needs jdk.attach.
    requires static java.management;
    requires static jdk.attach;
}
