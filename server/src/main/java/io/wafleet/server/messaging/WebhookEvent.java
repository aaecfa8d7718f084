package io.wafleet.server.messaging;

import java.util.Objects;

/**
 * One event for the message webhook: a stable id (the same for every attempt, and for a message WhatsApp
 * delivered twice) and its JSON body, already serialised so that every attempt sends the same bytes.
 */
record WebhookEvent(String eventId, byte[] body) {
    WebhookEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(body, "body");
    }
}
