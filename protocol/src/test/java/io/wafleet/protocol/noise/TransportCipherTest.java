package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.Aes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransportCipherTest {
    private static final byte[] KEY = new byte[32];
    private static final byte[] MESSAGE = "hello".getBytes(StandardCharsets.UTF_8);

    @Test
    void ivIsEightZeroBytesThenTheBigEndianCounterAndAadIsEmpty() {
        TransportCipher cipher = new TransportCipher(KEY, 0x0102_0304L);

        byte[] sealed = cipher.encrypt(MESSAGE);

        byte[] iv = HexFormat.of().parseHex("000000000000000001020304");
        assertThat(sealed).isEqualTo(Aes.gcmEncrypt(KEY, iv, new byte[0], MESSAGE));
        assertThat(cipher.counter()).isEqualTo(0x0102_0305L);
    }

    @Test
    void theLastCounterIsUsedOnceAndThenTheDirectionRefusesToReuseNonces() {
        TransportCipher sender = new TransportCipher(KEY, GcmNonce.MAX_COUNTER);
        TransportCipher receiver = new TransportCipher(KEY, GcmNonce.MAX_COUNTER);

        assertThat(receiver.decrypt(sender.encrypt(MESSAGE))).isEqualTo(MESSAGE);
        assertThatThrownBy(() -> sender.encrypt(MESSAGE))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("nonce counter exhausted");
        assertThatThrownBy(() -> receiver.decrypt(new byte[32]))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("nonce counter exhausted");
    }

    @Test
    void aForgedFrameIsRejectedWithoutAdvancingTheCounter() {
        TransportCipher sender = new TransportCipher(KEY);
        TransportCipher receiver = new TransportCipher(KEY);
        byte[] sealed = sender.encrypt(MESSAGE);
        byte[] forged = sealed.clone();
        forged[0] ^= 1;

        assertThatThrownBy(() -> receiver.decrypt(forged))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("frame 0 does not authenticate");
        assertThat(receiver.counter()).isZero();
        assertThatThrownBy(() -> receiver.decrypt(new byte[3])).isInstanceOf(TransportException.class);
        assertThat(receiver.decrypt(sealed)).isEqualTo(MESSAGE);
    }

    @Test
    void framesOutOfOrderDoNotAuthenticate() {
        TransportCipher sender = new TransportCipher(KEY);
        TransportCipher receiver = new TransportCipher(KEY);
        sender.encrypt(MESSAGE);
        byte[] second = sender.encrypt(MESSAGE);

        assertThatThrownBy(() -> receiver.decrypt(second)).isInstanceOf(TransportException.class);
    }

    @Test
    void aPayloadIsOpenedWhereItLiesInALargerArray() {
        byte[] sealed = new TransportCipher(KEY).encrypt(MESSAGE);
        byte[] surrounded = new byte[sealed.length + 7];
        System.arraycopy(sealed, 0, surrounded, 5, sealed.length);

        assertThat(new TransportCipher(KEY).decrypt(surrounded, 5, sealed.length)).isEqualTo(MESSAGE);
        assertThatThrownBy(() -> new TransportCipher(KEY).decrypt(surrounded, 5, sealed.length + 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aNodeSealedIntoItsFrameIsTheBytesOfEncodeEncryptFrameAndOpensInPlace() {
        IntroHeader intro = IntroHeader.withRoutingInfo(new byte[] {7, 8});
        FrameEncoder separate = FrameEncoder.client(intro);
        FrameEncoder sealing = FrameEncoder.client(intro);
        TransportCipher encrypting = new TransportCipher(KEY);
        TransportCipher sealingCipher = new TransportCipher(KEY);
        TransportCipher opening = new TransportCipher(KEY);
        FrameReader reader = FrameReader.forServer();
        List<Node> received = new ArrayList<>();

        for (int i = 0; i < 3; i++) {
            Node node = Node.builder("message").attr("id", "3EB0" + i).attr("to", "123@s.whatsapp.net")
                    .bytes(Arrays.copyOf(MESSAGE, MESSAGE.length + i * 300)).build();
            byte[] frame = sealing.encodeSealed(sealingCipher, node);

            assertThat(frame).as("frame %d", i).isEqualTo(separate.encode(encrypting.encrypt(BinaryNodes.encode(node))));
            reader.feed(frame, payload -> received.add(opening.decryptNode(payload)));
            assertThat(received).as("frame %d", i).last().isEqualTo(node);
        }
        assertThat(sealingCipher.counter()).isEqualTo(3);
        assertThat(opening.counter()).isEqualTo(3);
    }

    @Test
    void aFrameOpenedInPlaceIsSpentAndAForgedOneLeavesTheCounter() {
        byte[] frame = FrameEncoder.server().encodeSealed(new TransportCipher(KEY), Node.of("ping"));
        byte[] forged = frame.clone();
        forged[forged.length - 1] ^= 1;
        TransportCipher opening = new TransportCipher(KEY);
        List<FramePayload> spent = new ArrayList<>();

        assertThatThrownBy(() -> FrameReader.forClient().feed(forged, opening::decryptNode))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("frame 0 does not authenticate");
        assertThat(opening.counter()).isZero();
        FrameReader.forClient().feed(frame, payload -> {
            assertThat(opening.decryptNode(payload)).isEqualTo(Node.of("ping"));
            spent.add(payload);
            assertThatThrownBy(payload::toByteArray).isInstanceOf(IllegalStateException.class);
        });
        assertThat(spent).hasSize(1);
        assertThat(opening.counter()).isOne();
    }

    @Test
    void aFrameThatCannotBeSealedLeavesTheEncoderAndTheCounterAsTheyWere() {
        FrameEncoder encoder = FrameEncoder.client(IntroHeader.plain());
        TransportCipher exhausted = new TransportCipher(KEY, GcmNonce.MAX_COUNTER + 1);

        assertThatThrownBy(() -> encoder.encodeSealed(exhausted, Node.of("ping"))).isInstanceOf(TransportException.class);
        assertThat(exhausted.counter()).isEqualTo(GcmNonce.MAX_COUNTER + 1);
        assertThat(encoder.encode(new byte[0])).as("the intro is still pending").startsWith(IntroHeader.plain().encode());
    }

    @Test
    void keysNeverAppearInToString() {
        TransportKeys keys = new TransportKeys(filled(0x11), filled(0x22));

        assertThat(keys.toString()).doesNotContain("1111").doesNotContain("2222");
        assertThat(keys.clientCiphers().toString()).doesNotContain("1111");
    }

    @Test
    void eachSideSendsWithItsOwnDirectionKey() {
        TransportKeys keys = new TransportKeys(filled(0x11), filled(0x22));
        TransportCiphers client = keys.clientCiphers();
        TransportCiphers server = keys.serverCiphers();

        assertThat(server.inbound().decrypt(client.outbound().encrypt(MESSAGE))).isEqualTo(MESSAGE);
        assertThat(client.inbound().decrypt(server.outbound().encrypt(MESSAGE))).isEqualTo(MESSAGE);
        assertThat(keys.clientCiphers().outbound().encrypt(MESSAGE))
                .as("the client sends with the client->server key")
                .isEqualTo(Aes.gcmEncrypt(filled(0x11), new byte[12], new byte[0], MESSAGE));
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) value);
        return key;
    }
}
