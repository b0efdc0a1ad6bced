/**
 * Channels between tasks: {@link dev.pollen.channel.Channel} (bounded or unbounded, any number of
 * senders and receivers) and {@link dev.pollen.channel.Oneshot} (one value, once).
 *
 * <h2>Channel: state and who touches it</h2>
 * One lock per channel guards everything: the buffer (an {@code ArrayDeque}), the FIFO of waiting
 * receivers and the FIFO of waiting senders ({@code dev.pollen.rt.sync.WaitList}; each send or
 * receive future is its own node), the count of messages handed to receivers and not yet taken,
 * the closed flag, and every field of every node (its state, its message, its waker). Wakers are
 * woken after the lock is released. A node's state moves only forward:
 * <pre>
 *  send:    NEW -> WAITING -> SERVED (its message was moved into the buffer by a receive) -> DONE
 *                          -> CLOSED (the channel closed first)                           -> DONE
 *           NEW -> DONE (the first poll found room, a waiting receiver, or a closed channel)
 *           NEW, WAITING, CLOSED -> CANCELLED -> DONE
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
 *   <li><b>Senders wait only while the buffer is full.</b> A send waits only when no receiver
 *       waits and the buffer holds {@code capacity} messages; every receive that takes a message
 *       from the buffer moves the first waiting sender's message into the room it made (that
 *       send is then complete: SERVED). So a sender never waits beside a free slot, and senders
 *       and receivers never wait at the same time.</li>
 *   <li><b>Every message is in exactly one place</b>: a waiting send's node, the buffer, or a
 *       SERVED receive's node, until a receive's poll returns it. Cancelling a waiting send takes
 *       its message out with it (never delivered); cancelling a SERVED receive moves its
 *       message to the next waiting receiver or to the buffer's front (so it is the next one
 *       received; a full buffer may then hold {@code capacity + 1} messages, and admits no
 *       sender until it is below capacity again). A send whose message was taken has happened:
 *       a cancel after that is ignored and its next poll is ready.</li>
 *   <li><b>End of stream.</b> Closing fails every waiting send (CLOSED: its message was not
 *       delivered) and refuses later ones. A receive gets {@code null} only once the channel is
 *       closed, the buffer is empty and no handed message is in flight: while one is, a cancel
 *       could still give it back, so receivers keep waiting; the receive that takes the last
 *       one ends them.</li>
 * </ol>
 *
 * <h2>Costs</h2>
 * A send or a receive allocates its future (which is its node) and nothing else: the lock is a
 * monitor, a single wake-up is kept in a local variable, and only {@code close()} (which may wake
 * many) collects wakers in a {@code Wakeups}.
 */
package dev.pollen.channel;
