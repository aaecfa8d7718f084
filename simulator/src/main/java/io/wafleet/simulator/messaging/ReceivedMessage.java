package io.wafleet.simulator.messaging;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import java.time.Instant;

/**
 * A text a simulated primary device decrypted.
 *
 * @param from          the sending device
 * @param chat          the conversation: the sender's user, or for a copy from one of our own devices
 *                      (DeviceSentMessage) the user it was sent to
 * @param fromOwnDevice true for the copy one of the account's own companions sent of its message to {@code chat}
 * @param encryption    pkmsg or msg, as the copy arrived
 * @param acceptedAt    when the server accepted the message from its sender and acked it: the end of a send as
 *                      the sender sees it, which benchmarks time to (receivedAt is later, after the decrypt)
 * @param receivedAt    when this device had decrypted it
 */
public record ReceivedMessage(String id, Jid from, Jid chat, String text, boolean fromOwnDevice,
        EncryptedMessage.Type encryption, Instant acceptedAt, Instant receivedAt) {

    /** Message texts are private: only their length is shown. */
    @Override
    public String toString() {
        return "ReceivedMessage[id=" + id + ", device=" + from.deviceId() + ", fromOwnDevice=" + fromOwnDevice
                + ", " + encryption.attribute() + ", " + text.length() + " chars]";
    }
}
