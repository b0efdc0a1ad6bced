/**
 * Not API: seeing inside running tasks. Reading the processor's {@link dev.pollen.internal.MachineInfo}
 * debug metadata ({@link dev.pollen.rt.debug.MachineInfos}).
 */
package dev.pollen.rt.debug;
