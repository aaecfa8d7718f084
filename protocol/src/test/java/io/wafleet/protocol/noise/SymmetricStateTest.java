package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.crypto.Hashes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SymmetricStateTest {
    private static final byte[] SECRET = new byte[32];
    private static final byte[] DATA = "data".getBytes(StandardCharsets.UTF_8);

    @Test
    void protocolNameAndPrologueAreTheRecordedOnes() {
        JsonNode file = NoiseVectors.file();

        assertThat(SymmetricState.PROTOCOL_NAME).isEqualTo(NoiseVectors.hex(file, "noiseModeHex"));
        assertThat(IntroHeader.waHeader()).isEqualTo(NoiseVectors.hex(file, "waHeaderHex"));
        assertThat(new SymmetricState().handshakeHash())
                .isEqualTo(Hashes.sha256(NoiseVectors.hex(file, "noiseModeHex"), NoiseVectors.hex(file, "waHeaderHex")));
    }

    @Test
    void encryptionAndDecryptionShareOneNonceCounterUntilTheNextMixKey() {
        SymmetricState server = new SymmetricState();
        SymmetricState client = new SymmetricState();
        server.mixKey(SECRET);
        client.mixKey(SECRET);

        client.decryptAndHash(server.encryptAndHash(DATA));
        byte[] fromClient = client.encryptAndHash(DATA);

        assertThat(client.nonce()).isEqualTo(2);
        assertThat(server.decryptAndHash(fromClient)).isEqualTo(DATA);
        assertThat(server.handshakeHash()).isEqualTo(client.handshakeHash());
        client.mixKey(SECRET);
        assertThat(client.nonce()).isZero();
    }

    @Test
    void nothingIsEncryptedBeforeAKeyExists() {
        assertThatThrownBy(() -> new SymmetricState().encryptAndHash(DATA))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("mixKey");
    }
}
