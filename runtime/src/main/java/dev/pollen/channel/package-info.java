/**
 * Channels between tasks: {@link dev.pollen.channel.Channel} (bounded or unbounded, any number of
 * senders and receivers, each message received once), {@link dev.pollen.channel.Oneshot} (one
 * value, once), {@link dev.pollen.channel.Broadcast} (every message to every subscriber) and
 * {@link dev.pollen.channel.Watch} (the latest value, and a wake-up when it changes). Every
 * future here is cancel-safe: cancelled, it took nothing and delivered nothing.
 *
 * <h2>Channel: state and who touches it</h2>
 * One lock per channel guards everything: the buffer (an {@code ArrayDeque}), the FIFO of waiting
 * receivers and the FIFO of waiting senders ({@code dev.pollen.rt.sync.WaitList}; each send or
 * receive future is its own node), the count of messages handed to receivers and not yet taken,
 * the count of slots reserved for woken senders, the closed flag, and every field of every node
 * (its state, its message, its waker). Wakers are woken after the lock is released. A node's
 * state moves only forward:
 * <pre>
 *  send:    NEW -> WAITING -> SERVED (a slot was reserved for it; woken) -> DONE (put its message in)
 *                          -> CLOSED (the channel closed first)          -> DONE
 *           NEW -> DONE (the first poll found a free slot, a waiting receiver, or a closed channel)
 *           NEW, WAITING, SERVED, CLOSED -> CANCELLED -> DONE (a SERVED one passes its slot on)
 *  receive: NEW -> WAITING -> SERVED (a send handed it a message) -> DONE
 *                          -> CLOSED (closed and drained)        -> DONE
 *           NEW -> DONE (the first poll found a message, or the channel closed and drained)
 *           NEW, WAITING, SERVED, CLOSED -> CANCELLED -> DONE (a SERVED one gives its message back)
 * </pre>
 *
 * <h2>Invariants</h2>
 * <ol>
 *   <li><b>Receivers wait only while the buffer is empty.</b> A send first serves the first waiting
 *       receiver (hands it the message, state SERVED) and buffers only when none waits; a message
 *       given back by a cancelled receive goes to the next waiting receiver first. So a message
 *       is never buffered while a receiver waits for one.</li>
 *   <li><b>Senders wait only while no slot is free</b> (buffered messages plus reserved slots
 *       reach {@code capacity}). A send waits only then, and when no receiver waits; every receive
 *       that takes a message from the buffer reserves the slot it freed for the first waiting
 *       sender and wakes it (SERVED); that sender's next poll puts its message in (or hands it
 *       to a receiver that came meanwhile), a cancel passes the slot to the next sender. So a
 *       sender never waits beside a free slot, and a send completes only in its own poll: a
 *       cancelled send never delivered. (Moving the sender's message in at the receive would
 *       complete the send outside its poll: a sender cancelled before its next poll would have
 *       delivered a message that its program, cancelled at that await, sees as not sent.)</li>
 *   <li><b>Every message is in exactly one place</b>: a send's node (until its poll completes
 *       it), the buffer, or a SERVED receive's node, until a receive's poll returns it.
 *       Cancelling a send takes its message out with it (never delivered); cancelling a SERVED
 *       receive moves its message to the next waiting receiver or to the buffer's front, where
 *       it is the next one received. A full buffer may then hold more than {@code capacity}
 *       messages (one more per message given back); it admits no sender until a slot is free
 *       again.</li>
 *   <li><b>End of stream.</b> Closing fails every waiting send (CLOSED) and every send woken with
 *       a reserved slot that has not put its message in (at its next poll), and refuses later
 *       ones: none of them delivered. A receive gets {@code null} only once the channel is
 *       closed, the buffer is empty and no handed message is in flight: while one is, a cancel
 *       could still give it back, so receivers keep waiting; the receive that takes the last
 *       one ends them.</li>
 * </ol>
 *
 * <h2>Abandoned futures</h2>
 * Java has no destructor to run when a pending future is dropped, so cancel-safety rests on
 * {@code cancel()}: a send or receive left pending and never cancelled stays queued, and is
 * served like any other (a receive handed a message that nobody takes; a send holding a slot
 * reserved for it). Stop a future with {@code cancel()}, then poll it to its end, as the
 * Future protocol asks; generated machines, task cancellation and the toolkit's combinators
 * do so.
 *
 * <h2>Oneshot, Broadcast, Watch</h2>
 * Each has one lock over all its state. Their receives take nothing until their own poll: a
 * oneshot's value stays in the oneshot until a receive's poll takes it; a broadcast receiver's
 * cursor (the number of its next message) and a watch receiver's seen version move only in
 * their receive's poll. So a cancelled receive only unlinks itself ({@code
 * dev.pollen.rt.sync.WaitingFuture} for Broadcast and Watch), and a send or set wakes every
 * waiter and lets each poll look again. A broadcast keeps message {@code n} in slot
 * {@code n % capacity}; a cursor older than {@code sent - capacity} has lagged: its poll moves it
 * to the oldest message kept and throws {@code LaggedException} with the count it skipped.
 *
 * <h2>Costs</h2>
 * A channel's send or receive allocates its future (which is its node) and nothing else: the lock
 * is a monitor, a single wake-up is kept in a local variable, and only {@code close()} (which may
 * wake many) collects wakers in a {@code Wakeups}. A broadcast's send or a watch's set that finds
 * waiters allocates one {@code Wakeups} to wake them all.
 */
package dev.pollen.channel;
