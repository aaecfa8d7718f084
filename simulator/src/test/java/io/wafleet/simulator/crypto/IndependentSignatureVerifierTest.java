package io.wafleet.simulator.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import org.junit.jupiter.api.Test;

/** The JDK-Ed25519-based verifier against libsignal's signatures in crypto.json (Baileys' own check is a no-op). */
class IndependentSignatureVerifierTest {
    private static final JsonNode CRYPTO = Vectors.load("crypto.json");

    @Test
    void givesTheCorrectAnswerForEveryVerifyCase() {
        JsonNode cases = CRYPTO.get("curveVerify");
        for (JsonNode c : cases) {
            boolean result = IndependentSignatureVerifier.verify(Vectors.hex(c.get("publicHex")),
                    Vectors.hex(c.get("messageHex")), Vectors.hex(c.get("signatureHex")));
            assertThat(result).as(c.get("name").asText()).isEqualTo(c.get("valid").asBoolean());
        }
        Vectors.report("crypto.json", "curveVerify", cases.size());
    }

    @Test
    void acceptsEverySignatureLibsignalMadeAndRejectsItForAnotherMessage() {
        JsonNode cases = CRYPTO.get("curveSign");
        for (JsonNode c : cases) {
            byte[] publicKey = Vectors.hex(c.get("publicHex"));
            byte[] message = Vectors.hex(c.get("messageHex"));
            byte[] signature = Vectors.hex(c.get("signatureHex"));
            assertThat(IndependentSignatureVerifier.verify(publicKey, message, signature)).as(c.get("name").asText()).isTrue();
            byte[] other = java.util.Arrays.copyOf(message, message.length + 1);
            assertThat(IndependentSignatureVerifier.verify(publicKey, other, signature)).isFalse();
        }
        Vectors.report("crypto.json", "curveSign", cases.size());
    }

    @Test
    void malformedInputIsFalseNotAnException() {
        assertThat(IndependentSignatureVerifier.verify(new byte[31], new byte[0], new byte[64])).isFalse();
        assertThat(IndependentSignatureVerifier.verify(new byte[32], new byte[0], new byte[63])).isFalse();
    }
}
