/**
 * Test kit: small futures and wakers shared by the runtime's tests and, through the
 * {@code pollen-runtime} test-jar, by the processor's tests. Each type is one behaviour.
 */
package dev.pollen.testkit;
