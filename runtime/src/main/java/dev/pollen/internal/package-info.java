/**
 * Not API: generated code only. The base class of the state machines that the Pollen
 * annotation processor generates, and helpers of the runtime. May change in any release.
 */
package dev.pollen.internal;
