/**
 * What the Fray tests share: thread helpers whose waits end when Fray interrupts them, a future
 * woken by events from other threads, a poller for threads that run no executor, and the
 * iteration budget.
 */
package dev.pollen.fray;
