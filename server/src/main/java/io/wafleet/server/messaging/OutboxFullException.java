package io.wafleet.server.messaging;

/** The account's outbox holds as many unsent messages as it may: the caller should retry later. */
public final class OutboxFullException extends RuntimeException {
    public OutboxFullException(String message) {
        super(message);
    }
}
