package io.wafleet.protocol.client.messaging;

import java.util.Objects;

/**
 * A message the server accepted ({@code <ack class='message'>}).
 *
 * @param id      the message id
 * @param to      the recipient user
 * @param devices how many devices (the recipient's and our own others) got a ciphertext
 */
public record SentMessage(String id, String to, int devices) {
    public SentMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(to, "to");
    }
}
