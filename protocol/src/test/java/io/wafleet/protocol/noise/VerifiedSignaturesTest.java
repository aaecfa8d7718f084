package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.crypto.XEdDsa;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {

    private final KeyPair issuer = X25519.generateKeyPair();
    private final ByteString details = ByteString.copyFrom("certificate details", StandardCharsets.UTF_8);
    private final ByteString signature = ByteString.copyFrom(XEdDsa.sign(issuer.privateKey(), details.toByteArray()));

    @Test
    void aValidSignatureIsValidEveryTimeItIsAsked() {
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, signature)).isTrue();
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, signature)).isTrue();
    }

    @Test
    void aRememberedSignatureVouchesForNothingButItsOwnBytes() {
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, signature)).isTrue();

        byte[] otherSignature = signature.toByteArray();
        otherSignature[5] ^= 1;
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, ByteString.copyFrom(otherSignature))).isFalse();
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details.concat(ByteString.copyFrom(new byte[] {0})), signature)).isFalse();
        assertThat(VerifiedSignatures.verify(X25519.generateKeyPair().publicKey(), details, signature)).isFalse();
    }

    @Test
    void anInvalidSignatureStaysInvalidWhenAskedAgain() {
        ByteString forged = ByteString.copyFrom(XEdDsa.sign(X25519.generateKeyPair().privateKey(), details.toByteArray()));

        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, forged)).isFalse();
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, forged)).isFalse();
    }

    @Test
    void moreDistinctSignaturesThanTheMemoHoldsAreAllStillJudgedRight() {
        for (int i = 0; i <= VerifiedSignatures.CAPACITY; i++) {
            ByteString signed = ByteString.copyFrom("details " + i, StandardCharsets.UTF_8);
            ByteString valid = ByteString.copyFrom(XEdDsa.sign(issuer.privateKey(), signed.toByteArray()));
            assertThat(VerifiedSignatures.verify(issuer.publicKey(), signed, valid)).as("signature %d", i).isTrue();
        }
        assertThat(VerifiedSignatures.verify(issuer.publicKey(), details, signature)).isTrue();
    }
}
