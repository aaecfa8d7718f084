package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import org.junit.jupiter.api.Test;

class MessagePaddingTest {

    @Test
    void padsAndUnpadsEveryTranscriptMessage() {
        int messages = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            for (JsonNode message : conversation.get("messages")) {
                if (!message.has("paddedPlaintextHex")) {
                    continue; // tampered copies carry no plaintext
                }
                byte[] proto = Vectors.hex(message.get("messageProtoHex"));
                byte[] padded = MessagePadding.pad(proto, message.get("paddingLength").asInt());
                assertThat(Vectors.toHex(padded)).isEqualTo(message.get("paddedPlaintextHex").asText());
                assertThat(MessagePadding.unpad(padded)).isEqualTo(proto);
                messages++;
            }
        }
        Vectors.report(SignalVectors.FILE, "messages padded", messages);
    }

    @Test
    void randomPaddingStaysWithinOneToSixteen() {
        for (int i = 0; i < 200; i++) {
            byte[] padded = MessagePadding.padRandomly(new byte[] {1, 2, 3});
            assertThat(padded.length - 3).isBetween(1, MessagePadding.MAX_PADDING);
            assertThat(MessagePadding.unpad(padded)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void refusesPaddingThatIsNotNBytesOfN() {
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[0])).isInstanceOf(SignalException.class);
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[] {1, 2, 0})).isInstanceOf(SignalException.class);
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[] {1, 17})).isInstanceOf(SignalException.class);
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[] {3, 3})).isInstanceOf(SignalException.class);
        assertThatThrownBy(() -> MessagePadding.unpad(new byte[] {9, 2, 3, 3})).isInstanceOf(SignalException.class);
        assertThat(MessagePadding.unpad(new byte[] {9, 2, 2})).containsExactly(9);
        assertThatThrownBy(() -> MessagePadding.pad(new byte[1], 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessagePadding.pad(new byte[1], 17)).isInstanceOf(IllegalArgumentException.class);
    }
}
