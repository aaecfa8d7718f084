package io.wafleet.server.messaging;

import io.wafleet.server.ops.PhoneMasking;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One accepted outbound text and where it is. The id is fixed at acceptance and used for every attempt, so a
 * resend after a crash is the same WhatsApp message, not a second one.
 *
 * @param to     the recipient's user JID ({@code <digits>@s.whatsapp.net} or {@code <lid>@lid})
 * @param reason why it failed; empty unless {@code status} is {@link MessageStatus#FAILED}
 */
public record OutboundMessage(String id, String to, String text, Optional<String> idempotencyKey, Instant acceptedAt,
                              MessageStatus status, Optional<String> reason, Instant updatedAt) {

    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    OutboundMessage withStatus(MessageStatus next, Optional<String> why, Instant at) {
        return new OutboundMessage(id, to, text, idempotencyKey, acceptedAt, next, why, at);
    }

    /** The text is private and the number is masked: only the id, status and length are shown. */
    @Override
    public String toString() {
        return "OutboundMessage[id=" + id + ", to=" + PhoneMasking.maskAll(to) + ", status=" + status.wireName()
                + ", " + text.length() + " chars]";
    }
}
