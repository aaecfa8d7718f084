package io.wafleet.protocol.crypto;

import static io.wafleet.protocol.crypto.Field25519.add;
import static io.wafleet.protocol.crypto.Field25519.invert;
import static io.wafleet.protocol.crypto.Field25519.mul;
import static io.wafleet.protocol.crypto.Field25519.sub;

import java.math.BigInteger;

/**
 * A point of the Ed25519 curve -x² + y² = 1 + d·x²·y² in extended coordinates (X : Y : Z : T), with
 * x = X/Z, y = Y/Z and x·y = T/Z. Immutable. The addition formulas (Hisil, Wong, Carter, Dawson 2008,
 * for a = -1) are complete on this curve, so no special case is needed for doubling or the identity.
 *
 * <p>Not constant-time: BigInteger arithmetic, branches and table lookups depend on secret values. It is
 * used only to sign, which a device does a handful of times (pairing, signed pre-key rotation), leaving a
 * timing observer very few samples. If signing ever becomes frequent or remotely triggerable, this must
 * be replaced by a constant-time implementation.
 */
final class EdwardsPoint {
    /** L, the prime order of the base point: 2^252 + 27742317777372353535851937790883648493. */
    static final BigInteger ORDER = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    /** d = -121665 / 121666. */
    static final BigInteger D = Field25519.negate(
            mul(BigInteger.valueOf(121665), invert(BigInteger.valueOf(121666))));
    private static final BigInteger TWO_D = add(D, D);

    static final EdwardsPoint IDENTITY =
            new EdwardsPoint(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
    /** The standard base point: y = 4/5 and the even x (RFC 8032 §5.1). */
    static final EdwardsPoint BASE = fromAffineY(mul(BigInteger.valueOf(4), invert(BigInteger.valueOf(5))), false);

    private final BigInteger x;
    private final BigInteger y;
    private final BigInteger z;
    private final BigInteger t;

    private EdwardsPoint(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        this.x = x;
        this.y = y;
        this.z = z;
        this.t = t;
    }

    /** The point with this y whose x has the given parity; y must lie on the curve. */
    private static EdwardsPoint fromAffineY(BigInteger y, boolean xOdd) {
        BigInteger ySquared = mul(y, y);
        BigInteger xSquared = mul(sub(ySquared, BigInteger.ONE), invert(add(mul(D, ySquared), BigInteger.ONE)));
        BigInteger root = Field25519.sqrt(xSquared)
                .orElseThrow(() -> new IllegalArgumentException("y is not on Ed25519"));
        BigInteger affineX = root.testBit(0) == xOdd ? root : Field25519.negate(root);
        return new EdwardsPoint(affineX, y, BigInteger.ONE, mul(affineX, y));
    }

    EdwardsPoint plus(EdwardsPoint other) {
        BigInteger a = mul(sub(y, x), sub(other.y, other.x));
        BigInteger b = mul(add(y, x), add(other.y, other.x));
        BigInteger c = mul(mul(t, TWO_D), other.t);
        BigInteger zz = mul(z, other.z);
        return combine(a, b, c, add(zz, zz));
    }

    /** Mixed addition with a normalised precomputed point: one multiplication fewer than {@link #plus(EdwardsPoint)}. */
    EdwardsPoint plus(Precomputed other) {
        BigInteger a = mul(sub(y, x), other.yMinusX());
        BigInteger b = mul(add(y, x), other.yPlusX());
        BigInteger c = mul(t, other.xyTwoD());
        return combine(a, b, c, add(z, z));
    }

    private static EdwardsPoint combine(BigInteger a, BigInteger b, BigInteger c, BigInteger d) {
        BigInteger e = sub(b, a);
        BigInteger f = sub(d, c);
        BigInteger g = add(d, c);
        BigInteger h = add(b, a);
        return new EdwardsPoint(mul(e, f), mul(g, h), mul(f, g), mul(e, h));
    }

    /** The affine form the fixed-base table stores, costing one inversion. */
    Precomputed precompute() {
        BigInteger zInverse = invert(z);
        BigInteger affineX = mul(x, zInverse);
        BigInteger affineY = mul(y, zInverse);
        return new Precomputed(add(affineY, affineX), sub(affineY, affineX), mul(mul(affineX, affineY), TWO_D));
    }

    /** RFC 8032 encoding: y in 32 little-endian bytes, the parity of x in the top bit. */
    byte[] encode() {
        BigInteger zInverse = invert(z);
        byte[] out = Field25519.toLittleEndian32(mul(y, zInverse));
        if (mul(x, zInverse).testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** An affine point as (y + x, y - x, 2·d·x·y), the operands mixed addition needs. */
    record Precomputed(BigInteger yPlusX, BigInteger yMinusX, BigInteger xyTwoD) {}
}
