package io.wafleet.protocol.crypto;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Arithmetic in GF(2^255 - 19), the field under both Curve25519 and Ed25519, on non-negative
 * {@link BigInteger}s kept reduced to {@code [0, p)}. Only the rare signing path and the key conversion of
 * verification use it; the hot X25519 and Ed25519 operations run inside the JDK.
 */
final class Field25519 {
    static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private static final BigInteger LOW_255_BITS = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);
    private static final BigInteger NINETEEN = BigInteger.valueOf(19);
    /** (p + 3) / 8: the exponent of the square-root candidate, since p ≡ 5 (mod 8). */
    private static final BigInteger SQRT_EXPONENT = P.add(BigInteger.valueOf(3)).shiftRight(3);
    /** A square root of -1, which fixes up the candidate when it squares to -u instead of u. */
    private static final BigInteger SQRT_MINUS_ONE =
            BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);

    private Field25519() {}

    static BigInteger add(BigInteger a, BigInteger b) {
        BigInteger sum = a.add(b);
        return sum.compareTo(P) >= 0 ? sum.subtract(P) : sum;
    }

    static BigInteger sub(BigInteger a, BigInteger b) {
        BigInteger difference = a.subtract(b);
        return difference.signum() < 0 ? difference.add(P) : difference;
    }

    static BigInteger mul(BigInteger a, BigInteger b) {
        return reduce(a.multiply(b));
    }

    static BigInteger negate(BigInteger a) {
        return a.signum() == 0 ? a : P.subtract(a);
    }

    /** The multiplicative inverse; the caller must rule out zero, which has none. */
    static BigInteger invert(BigInteger a) {
        return a.modInverse(P);
    }

    /** A square root of {@code a}, or empty when {@code a} is not a square. */
    static Optional<BigInteger> sqrt(BigInteger a) {
        BigInteger candidate = a.modPow(SQRT_EXPONENT, P);
        BigInteger square = mul(candidate, candidate);
        if (square.equals(a)) {
            return Optional.of(candidate);
        }
        if (square.equals(negate(a))) {
            return Optional.of(mul(candidate, SQRT_MINUS_ONE));
        }
        return Optional.empty();
    }

    /**
     * Reduces a product of two reduced elements. Folding the bits above 255 back in as ×19 (because
     * 2^255 ≡ 19) is about twice as fast as {@link BigInteger#mod} for these sizes.
     */
    private static BigInteger reduce(BigInteger x) {
        while (x.bitLength() > 255) {
            x = x.and(LOW_255_BITS).add(x.shiftRight(255).multiply(NINETEEN));
        }
        return x.compareTo(P) >= 0 ? x.subtract(P) : x;
    }

    /** Reads little-endian bytes as an unsigned integer (no masking, no reduction). */
    static BigInteger fromLittleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }

    /** Writes a non-negative value below 2^256 as 32 little-endian bytes. */
    static byte[] toLittleEndian32(BigInteger value) {
        byte[] bigEndian = value.toByteArray();
        byte[] out = new byte[32];
        // toByteArray may carry one leading sign byte (0x00); copying from the low end drops it.
        for (int i = 0; i < 32 && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }
}
