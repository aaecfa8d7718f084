package io.wafleet.protocol.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Ed25519 group arithmetic under signing, checked against the curve's defining facts. */
class EdwardsPointTest {
    private final Random random = new Random(25519);

    @Test
    void theBasePointEncodesAsInRfc8032() {
        // RFC 8032 §5.1: B is the point with y = 4/5 and even x, encoded 0x58 followed by 31 × 0x66.
        assertThat(HexFormat.of().formatHex(EdwardsPoint.BASE.encode())).isEqualTo("58" + "66".repeat(31));
    }

    @Test
    void theBasePointHasOrderL() {
        assertThat(FixedBaseMultiplier.multiply(EdwardsPoint.ORDER).encode()).isEqualTo(EdwardsPoint.IDENTITY.encode());
        assertThat(FixedBaseMultiplier.multiply(BigInteger.ONE).encode()).isEqualTo(EdwardsPoint.BASE.encode());
        assertThat(FixedBaseMultiplier.multiply(BigInteger.ZERO).encode()).isEqualTo(EdwardsPoint.IDENTITY.encode());
    }

    @Test
    void tableMultiplicationIsLinear() {
        for (int i = 0; i < 20; i++) {
            BigInteger j = new BigInteger(255, random);
            BigInteger k = new BigInteger(255, random);

            EdwardsPoint sum = FixedBaseMultiplier.multiply(j).plus(FixedBaseMultiplier.multiply(k));

            assertThat(FixedBaseMultiplier.multiply(j.add(k)).encode()).isEqualTo(sum.encode());
        }
    }

    @Test
    void tableMultiplicationAgreesWithRepeatedDoubling() {
        BigInteger k = new BigInteger(256, random);
        EdwardsPoint expected = EdwardsPoint.IDENTITY;
        for (int bit = k.bitLength() - 1; bit >= 0; bit--) {
            expected = expected.plus(expected);
            if (k.testBit(bit)) {
                expected = expected.plus(EdwardsPoint.BASE);
            }
        }

        assertThat(FixedBaseMultiplier.multiply(k).encode()).isEqualTo(expected.encode());
    }

    @Test
    void theEdwardsYOfAnX25519KeyIsTheBirationalImageOfItsU() {
        byte[] privateKey = new byte[32];
        random.nextBytes(privateKey);
        X25519.clamp(privateKey);
        BigInteger u = X25519.decodeU(X25519.publicKey(privateKey));

        byte[] encoded = FixedBaseMultiplier.multiply(Field25519.fromLittleEndian(privateKey)).encode();
        encoded[31] &= 0x7f;
        BigInteger y = Field25519.mul(
                Field25519.sub(u, BigInteger.ONE), Field25519.invert(Field25519.add(u, BigInteger.ONE)));

        assertThat(Field25519.fromLittleEndian(encoded)).isEqualTo(y);
    }
}
