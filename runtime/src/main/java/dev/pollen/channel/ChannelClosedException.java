package dev.pollen.channel;

/**
 * A send on a closed {@link Channel}: the message was not delivered. Unchecked, like
 * {@link IllegalStateException}: a program that closes a channel usually knows that its senders
 * are done; one that does not catches this by name.
 */
public class ChannelClosedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With {@code message}. */
    public ChannelClosedException(String message) {
        super(message);
    }
}
