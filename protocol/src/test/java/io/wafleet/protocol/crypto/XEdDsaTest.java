package io.wafleet.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties of XEdDSA beyond the golden vectors: round trips, tamper detection, malformed input. */
class XEdDsaTest {
    private static final int ITERATIONS = 200;

    /** Seeded so that a failure can be replayed; the seed is arbitrary. */
    private final Random random = new Random(0x5EED_C0DEL);

    @Test
    void signaturesFromRandomKeysAndMessagesVerify() {
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] privateKey = randomBytes(32);
            byte[] publicKey = X25519.publicKey(privateKey);
            byte[] message = randomBytes(random.nextInt(300));

            byte[] signature = XEdDsa.sign(privateKey, message);

            assertThat(signature).hasSize(XEdDsa.SIGNATURE_BYTES);
            assertThat(XEdDsa.verify(publicKey, message, signature)).as("iteration %d", i).isTrue();
            assertThat(XEdDsa.verify(X25519.withTypePrefix(publicKey), message, signature)).as("iteration %d", i).isTrue();
        }
    }

    @Test
    void aFlippedMessageOrSignatureBitNeverVerifies() {
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] privateKey = randomBytes(32);
            byte[] publicKey = X25519.publicKey(privateKey);
            byte[] message = randomBytes(1 + random.nextInt(300));
            byte[] signature = XEdDsa.sign(privateKey, message);

            byte[] otherMessage = flipRandomBit(message);
            byte[] otherSignature = flipRandomBit(signature);

            assertThat(XEdDsa.verify(publicKey, otherMessage, signature)).as("iteration %d, message", i).isFalse();
            assertThat(XEdDsa.verify(publicKey, message, otherSignature)).as("iteration %d, signature", i).isFalse();
        }
    }

    @Test
    void theEdwardsSignBitInByte63IsChecked() {
        byte[] privateKey = randomBytes(32);
        byte[] message = randomBytes(40);
        byte[] signature = XEdDsa.sign(privateKey, message);
        signature[63] ^= (byte) 0x80;

        assertThat(XEdDsa.verify(X25519.publicKey(privateKey), message, signature)).isFalse();
    }

    @Test
    void signingIsDeterministicAndClampsThePrivateKey() {
        byte[] privateKey = randomBytes(32);
        byte[] clamped = privateKey.clone();
        X25519.clamp(clamped);
        byte[] message = randomBytes(77);

        assertThat(XEdDsa.sign(privateKey, message))
                .isEqualTo(XEdDsa.sign(privateKey, message))
                .isEqualTo(XEdDsa.sign(clamped, message));
    }

    @Test
    void signingLeavesTheCallersKeyUntouched() {
        byte[] privateKey = randomBytes(32);
        privateKey[0] |= 0x07; // bits that clamping clears
        byte[] copy = privateKey.clone();

        XEdDsa.sign(privateKey, new byte[] {1, 2, 3});

        assertThat(privateKey).isEqualTo(copy);
    }

    @Test
    void signingRejectsAPrivateKeyOfTheWrongLength() {
        assertThatThrownBy(() -> XEdDsa.sign(new byte[31], new byte[0])).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> XEdDsa.sign(new byte[33], new byte[0])).isInstanceOf(CryptoException.class);
    }

    @Test
    void malformedKeysAndSignaturesAreRejectedWithoutThrowing() {
        byte[] privateKey = randomBytes(32);
        byte[] publicKey = X25519.publicKey(privateKey);
        byte[] message = randomBytes(20);
        byte[] signature = XEdDsa.sign(privateKey, message);

        for (int length : new int[] {0, 31, 34, 64}) {
            assertThat(XEdDsa.verify(Arrays.copyOf(publicKey, length), message, signature)).as("key length %d", length).isFalse();
        }
        for (int length : new int[] {0, 32, 63, 65, 128}) {
            assertThat(XEdDsa.verify(publicKey, message, Arrays.copyOf(signature, length))).as("signature length %d", length).isFalse();
        }

        byte[] wrongPrefix = X25519.withTypePrefix(publicKey);
        wrongPrefix[0] = 0x06;
        assertThat(XEdDsa.verify(wrongPrefix, message, signature)).isFalse();
    }

    @Test
    void aNonCanonicalScalarIsRejected() {
        // s + L passes an equation-only check (curve25519-js accepts it); the JDK verifier, and so we, do not.
        byte[] privateKey = randomBytes(32);
        byte[] message = randomBytes(20);
        byte[] signature = XEdDsa.sign(privateKey, message);
        byte[] s = Arrays.copyOfRange(signature, 32, 64);
        s[31] &= 0x7f;
        byte[] malleated = signature.clone();
        byte[] sPlusL = Field25519.toLittleEndian32(Field25519.fromLittleEndian(s).add(EdwardsPoint.ORDER));
        System.arraycopy(sPlusL, 0, malleated, 32, 32);
        malleated[63] |= (byte) (signature[63] & 0x80);

        assertThat(XEdDsa.verify(X25519.publicKey(privateKey), message, malleated)).isFalse();
    }

    @Test
    void keysWithoutAnEdwardsCounterpartOrOffTheCurveAreRejected() {
        byte[] minusOne = Field25519.toLittleEndian32(Field25519.P.subtract(BigInteger.ONE));
        byte[] message = randomBytes(20);
        for (int i = 0; i < 50; i++) {
            byte[] signature = randomBytes(64);
            signature[63] &= 0x8f; // keep s below L so only the key can be at fault
            assertThat(XEdDsa.verify(minusOne, message, signature)).isFalse();
            // About half of all 32-byte strings are u-coordinates on the twist, not on Curve25519.
            assertThat(XEdDsa.verify(randomBytes(32), message, signature)).isFalse();
        }
    }

    private byte[] randomBytes(int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    private byte[] flipRandomBit(byte[] bytes) {
        byte[] out = bytes.clone();
        int bit = random.nextInt(bytes.length * 8);
        out[bit / 8] ^= (byte) (1 << (bit % 8));
        return out;
    }
}
