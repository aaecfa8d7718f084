package io.wafleet.simulator.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.SignalException;
import java.util.Optional;

/** The WAProto {@code Message} side of a 1:1 text: what goes into a Signal plaintext and what comes out of one. */
final class TextMessages {
    /** A decrypted plaintext: its text if it carries one, and the chat a DeviceSentMessage names. */
    record Content(Optional<String> text, Optional<Jid> destination) {}

    private TextMessages() {}

    static byte[] paddedText(String text) {
        return MessagePadding.padRandomly(Message.newBuilder().setConversation(text).build().toByteArray());
    }

    /** The copy for the sender's own devices: the same message, wrapped with the chat it went to. */
    static byte[] paddedDeviceSentText(String text, Jid destination) {
        Message inner = Message.newBuilder().setConversation(text).build();
        return MessagePadding.padRandomly(Message.newBuilder()
                .setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(destination.toString())
                        .setMessage(inner))
                .build().toByteArray());
    }

    /** Unpads and parses; a sender-key distribution or context info next to the text is ignored. */
    static Content read(byte[] paddedPlaintext) {
        Message message;
        try {
            message = Message.parseFrom(MessagePadding.unpad(paddedPlaintext));
        } catch (InvalidProtocolBufferException e) {
            throw new SignalException(SignalException.Reason.MALFORMED, "plaintext is not a WAProto Message", e);
        }
        Optional<Jid> destination = Optional.empty();
        if (message.hasDeviceSentMessage()) {
            destination = Jid.parse(message.getDeviceSentMessage().getDestinationJid());
            message = message.getDeviceSentMessage().getMessage();
        }
        Optional<String> text = message.hasConversation() ? Optional.of(message.getConversation())
                : message.hasExtendedTextMessage() ? Optional.of(message.getExtendedTextMessage().getText())
                : Optional.empty();
        return new Content(text, destination);
    }
}
