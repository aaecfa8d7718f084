package io.wafleet.simulator.messaging;

import io.wafleet.protocol.jid.Jid;
import java.util.List;
import java.util.Optional;

/**
 * A 1:1 message as the server routes it: who sent it (a device), to which chat (a user), its id and type, the
 * sender's push name if known, and one ciphertext per recipient device (the recipient's and the sender's own
 * other devices).
 */
record Envelope(Jid sender, Jid chat, String id, String type, Optional<String> pushName, List<DeviceCiphertext> copies) {
    Envelope {
        copies = List.copyOf(copies);
    }
}
