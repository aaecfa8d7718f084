package io.wafleet.server.messaging;

/** No message with this id is known for the account (never accepted, or forgotten after the retention). */
public final class UnknownMessageException extends RuntimeException {
    public UnknownMessageException(String message) {
        super(message);
    }
}
