package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an inbound {@code <message>} (protocol.md §8.4) the 1:1 path uses. {@code from} is the sending
 * device; {@code senderAlt} is the other form of the sender the server added ({@code sender_lid} when
 * {@code from} is a phone number, {@code sender_pn} when it is a LID).
 */
record InboundStanza(
        String id,
        Jid from,
        Optional<String> recipient,
        long timestamp,
        Optional<String> pushName,
        Optional<Jid> senderAlt,
        List<EncryptedMessage> encrypted) {

    InboundStanza {
        encrypted = List.copyOf(encrypted);
    }

    /** Reads a 1:1 message; an id-less, sender-less or group stanza is refused with a {@link MessagingException}. */
    static InboundStanza parse(Node message) {
        String id = message.attr("id").filter(s -> !s.isEmpty())
                .orElseThrow(() -> new MessagingException("message without id"));
        Jid from = message.attr("from").flatMap(Jid::parse)
                .orElseThrow(() -> new MessagingException("message " + id + " without a sender"));
        if (!from.isPnUser() && !from.isLidUser()) {
            throw new MessagingException("message " + id + " is not a 1:1 message (from " + from.server() + ")");
        }
        long timestamp = message.attr("t").map(InboundStanza::seconds).orElse(0L);
        Optional<Jid> alt = message.attr(from.isLidUser() ? "sender_pn" : "sender_lid").flatMap(Jid::parse);
        List<EncryptedMessage> encrypted = new ArrayList<>();
        for (Node enc : message.childrenByTag("enc")) {
            String type = enc.attr("type").orElse("");
            if (type.equals("pkmsg") || type.equals("msg")) {
                enc.contentBytes().ifPresent(body -> encrypted.add(new EncryptedMessage(EncryptedMessage.Type.fromAttribute(type), body)));
            }
        }
        return new InboundStanza(id, from, message.attr("recipient"), timestamp,
                message.attr("notify").filter(s -> !s.isEmpty()), alt, encrypted);
    }

    private static long seconds(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // The send time is only shown to the handler; a garbled one must not cost the message itself.
            return 0L;
        }
    }
}
