/**
 * Not API: seeing inside running tasks. Reading the processor's {@link dev.pollen.internal.MachineInfo}
 * debug metadata ({@link dev.pollen.rt.debug.MachineInfos}); formatting live tasks as a tree, the one
 * place that does ({@link dev.pollen.rt.debug.TaskDump}); the JMX hook that serves the dump to other
 * processes ({@link dev.pollen.rt.debug.TasksMBean}). Where tasks come from: the weak registry of live
 * runtimes ({@code rt.scheduler.LiveRuntimes}) and the spawn sites and parents recorded at spawn
 * ({@code rt.task.SpawnSites}).
 */
package dev.pollen.rt.debug;
