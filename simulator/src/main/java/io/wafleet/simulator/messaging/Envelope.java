package io.wafleet.simulator.messaging;

import io.wafleet.protocol.jid.Jid;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A 1:1 message as the server routes it: who sent it (a device), to which chat (a user), its id and type, the
 * sender's push name if known, one ciphertext per recipient device (the recipient's and the sender's own
 * other devices), and when the server accepted it: the instant of the sender's ack and the {@code t} of every copy.
 */
record Envelope(Jid sender, Jid chat, String id, String type, Optional<String> pushName, List<DeviceCiphertext> copies,
        Instant acceptedAt) {
    Envelope {
        copies = List.copyOf(copies);
    }
}
