package io.wafleet.simulator.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import java.util.Objects;

/** One device's copy of a message: the {@code <to jid>} of a fan-out and its {@code <enc>}. */
record DeviceCiphertext(Jid device, EncryptedMessage message) {
    DeviceCiphertext {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(message, "message");
    }
}
