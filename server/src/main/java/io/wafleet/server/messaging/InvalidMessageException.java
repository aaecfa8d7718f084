package io.wafleet.server.messaging;

/** A send request the API refuses as written (bad recipient, empty or too long text, bad idempotency key). */
public final class InvalidMessageException extends RuntimeException {
    public InvalidMessageException(String message) {
        super(message);
    }
}
