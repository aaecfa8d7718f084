package io.wafleet.protocol.client.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A decrypted text message, as the owner receives it. Already durable when handed over: if the process dies
 * before the handler returns, the same message (same id) is handed over again after the next login.
 *
 * @param id          the sender's message id (unique per sender)
 * @param from        the sending device's JID as the server named it
 * @param timestamp   the server's timestamp of the message
 * @param text        the text
 * @param pushName    the sender's display name, when the server sent one
 * @param destination present when our own other device (the phone) sent this text to {@code destination}
 */
public record InboundText(String id, String from, Instant timestamp, String text, Optional<String> pushName,
                          Optional<String> destination) {
    public InboundText {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(pushName, "pushName");
        Objects.requireNonNull(destination, "destination");
    }

    /** Message text is private: only its length is shown. */
    @Override
    public String toString() {
        return "InboundText[id=" + id + ", timestamp=" + timestamp + ", " + text.length() + " chars]";
    }
}
