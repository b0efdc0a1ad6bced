/**
 * Pollen: Rust's poll-based futures and async/await for Java.
 *
 * <p>A {@link dev.pollen.Future} is polled with a {@link dev.pollen.Context}; when pending it
 * wakes the context's {@link dev.pollen.Waker} once it can make progress.
 * {@link dev.pollen.Executor#blockOn} drives a future (and the tasks it
 * {@linkplain dev.pollen.Executor#spawn spawns}) on the calling thread; a
 * {@link dev.pollen.Reactor} completes timer futures on one thread. Methods marked
 * {@link dev.pollen.Async} are compiled into futures by the Pollen annotation processor.
 */
package dev.pollen;
