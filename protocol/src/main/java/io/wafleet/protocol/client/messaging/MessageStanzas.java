package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import java.util.List;
import java.util.Optional;

/** The message and receipt stanzas of the 1:1 path, in WhatsApp's shapes (protocol.md §8.3, §8.4). */
final class MessageStanzas {
    /** The {@code <enc>} version WhatsApp uses for Signal 1:1 messages. */
    static final String ENC_VERSION = "2";

    private MessageStanzas() {}

    /** One device's ciphertext in a fan-out. */
    record DeviceCiphertext(Jid device, EncryptedMessage message) {}

    /**
     * {@code <message id to type='text'><participants><to jid><enc/></to>…</participants>[<device-identity>]}:
     * the device identity goes along when any device gets a pkmsg, so the recipient can check who we are before
     * it accepts the new session.
     */
    static Node outbound(String id, Jid to, List<DeviceCiphertext> ciphertexts, Optional<byte[]> deviceIdentity) {
        List<Node> participants = ciphertexts.stream()
                .map(c -> Node.builder("to").attr("jid", c.device().toString()).child(enc(c.message(), Optional.empty())).build())
                .toList();
        Node.Builder message = Node.builder("message").attr("id", id).attr("to", to.toString()).attr("type", "text")
                .child(Node.builder("participants").children(participants).build());
        boolean anyPreKeyMessage = ciphertexts.stream().anyMatch(c -> c.message().type() == EncryptedMessage.Type.PKMSG);
        if (anyPreKeyMessage) {
            deviceIdentity.ifPresent(identity -> message.child(Node.builder("device-identity").bytes(identity).build()));
        }
        return message.build();
    }

    /** A resend to one device that asked for it with a retry receipt: one {@code <enc count>}, no participants. */
    static Node resend(String id, Jid device, EncryptedMessage encrypted, int retryCount, Optional<byte[]> deviceIdentity) {
        Node.Builder message = Node.builder("message").attr("id", id).attr("to", device.toString()).attr("type", "text")
                .child(enc(encrypted, Optional.of(retryCount)));
        if (encrypted.type() == EncryptedMessage.Type.PKMSG) {
            deviceIdentity.ifPresent(identity -> message.child(Node.builder("device-identity").bytes(identity).build()));
        }
        return message.build();
    }

    /**
     * The delivery receipt that also acknowledges the message. {@code type='inactive'}: this device never
     * announces presence, and WhatsApp Web then marks its receipts so (protocol.md §8.4). A copy of our own
     * outgoing message (from our other device) is answered with {@code type='sender'} and its recipient.
     */
    static Node deliveryReceipt(InboundStanza stanza, boolean fromOwnAccount) {
        Node.Builder receipt = Node.builder("receipt").attr("id", stanza.id()).attr("to", stanza.from().toString());
        if (fromOwnAccount) {
            receipt.attr("type", "sender");
            stanza.recipient().ifPresent(recipient -> receipt.attr("recipient", recipient));
        } else {
            receipt.attr("type", "inactive");
        }
        return receipt.build();
    }

    /**
     * A bare {@code <ack class='message'>}: the server may stop delivering the message, but nobody is told it
     * was delivered (for stanzas we could not use at all, and after the last retry).
     */
    static Node ack(Node message) {
        Node.Builder ack = Node.builder("ack").attr("id", message.attr("id").orElse("")).attr("class", "message");
        message.attr("from").ifPresent(from -> ack.attr("to", from));
        return ack.build();
    }

    /**
     * Asks the sender to encrypt the message again (whatsmeow's and WhatsApp Web's retry receipt): the retry
     * element names the message, our registration id tells the sender which of our installs asks, and from the
     * second attempt on our keys go along so the sender can start a fresh session at once.
     */
    static Node retryReceipt(InboundStanza stanza, int count, int registrationId, Optional<Node> keys) {
        Node.Builder receipt = Node.builder("receipt").attr("id", stanza.id()).attr("type", "retry")
                .attr("to", stanza.from().toString())
                .child(Node.of("retry", "count", Integer.toString(count), "id", stanza.id(),
                        "t", Long.toString(stanza.timestamp()), "v", "1"))
                .child(Node.builder("registration").bytes(KeyNodes.fourBytes(registrationId)).build());
        keys.ifPresent(receipt::child);
        return receipt.build();
    }

    private static Node enc(EncryptedMessage message, Optional<Integer> retryCount) {
        Node.Builder enc = Node.builder("enc").attr("v", ENC_VERSION).attr("type", message.type().attribute());
        retryCount.ifPresent(count -> enc.attr("count", Integer.toString(count)));
        return enc.bytes(message.body()).build();
    }
}
