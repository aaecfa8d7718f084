package io.wafleet.protocol.client.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.Message;
import java.util.Optional;

/** The WAProto {@code Message} of a text, its copy for our own devices, and reading a received one. */
final class MessagePayloads {
    private MessagePayloads() {}

    /** What a received message says, as far as text goes. */
    record Content(Optional<String> text, Optional<String> destination) {}

    /** Plain text travels as {@code conversation}, as WhatsApp Web sends it. */
    static Message text(String text) {
        return Message.newBuilder().setConversation(text).build();
    }

    /** Our other devices get the message wrapped with its destination, so they file it in the right chat. */
    static Message forOwnDevices(Message message, String destinationJid) {
        return Message.newBuilder()
                .setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                        .setDestinationJid(destinationJid)
                        .setMessage(message))
                .build();
    }

    /** Reads the text of an unpadded plaintext; a message without text (a protocol message, say) has none. */
    static Content read(byte[] plaintext) {
        Message message;
        try {
            message = Message.parseFrom(plaintext);
        } catch (InvalidProtocolBufferException e) {
            throw new MessagingException("decrypted content is not a WhatsApp message", e);
        }
        Optional<String> destination = Optional.empty();
        if (message.hasDeviceSentMessage()) {
            destination = Optional.of(message.getDeviceSentMessage().getDestinationJid()).filter(s -> !s.isEmpty());
            message = message.getDeviceSentMessage().getMessage();
        }
        Optional<String> text = message.hasConversation() ? Optional.of(message.getConversation())
                : message.hasExtendedTextMessage() ? Optional.of(message.getExtendedTextMessage().getText())
                : Optional.empty();
        return new Content(text, destination);
    }
}
