package io.wafleet.protocol.client.messaging;

import java.util.Objects;

/**
 * A text this account sent, as its owner recorded it: enough to send it again when one of the recipient's devices
 * asks for it with a retry receipt.
 *
 * @param to   the chat it was sent to: the user JID given to {@code sendText} (phone number or LID)
 * @param text the text, exactly as sent
 */
public record SentText(String to, String text) {
    public SentText {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
    }

    /** Message text is private: only its length is shown. */
    @Override
    public String toString() {
        return "SentText[" + text.length() + " chars]";
    }
}
