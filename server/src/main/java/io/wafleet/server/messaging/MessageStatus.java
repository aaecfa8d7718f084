package io.wafleet.server.messaging;

import java.util.Locale;

/** Where an accepted outbound message is. Only ever moves forward: a late "delivered" never undoes a "read". */
public enum MessageStatus {
    /** Accepted and durable, waiting for its turn, a connection or the send rate. */
    QUEUED,
    /** WhatsApp's server acknowledged it. */
    SENT,
    /** A device of the recipient received it. */
    DELIVERED,
    /** The recipient opened it. */
    READ,
    /** Given up, with a reason: it will not be sent. */
    FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinalForSending() {
        return this != QUEUED;
    }

    /** WhatsApp's server took it (and perhaps a recipient device already has it): sent, delivered or read. */
    public boolean reachedWhatsApp() {
        return this == SENT || this == DELIVERED || this == READ;
    }

    /** Whether moving from this status to {@code next} is progress (receipts can arrive late or twice). */
    boolean advancesTo(MessageStatus next) {
        if (this == FAILED || next == QUEUED) {
            return false;
        }
        if (next == FAILED) {
            return this == QUEUED;
        }
        return next.ordinal() > ordinal();
    }
}
