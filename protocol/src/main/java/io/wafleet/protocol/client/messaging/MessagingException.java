package io.wafleet.protocol.client.messaging;

/** A message could not be sent or a stored messaging record is unreadable; the message says which and why. */
public class MessagingException extends RuntimeException {
    public MessagingException(String message) {
        super(message);
    }

    public MessagingException(String message, Throwable cause) {
        super(message, cause);
    }
}
