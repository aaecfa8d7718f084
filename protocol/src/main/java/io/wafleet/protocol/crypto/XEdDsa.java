package io.wafleet.protocol.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * Signatures by Curve25519 (X25519) keys, byte-compatible with curve25519-js, the signer under libsignal
 * and Baileys. A signature is an Ed25519 signature R ‖ s (64 bytes) made with the clamped X25519 private
 * scalar a, where the top bit of byte 63 (always clear in s, since s &lt; L &lt; 2^253) carries the parity
 * of x of the Edwards public key a·B. The verifier needs that bit because a Montgomery u-coordinate
 * determines the Edwards y but not the sign of x.
 */
public final class XEdDsa {
    public static final int SIGNATURE_BYTES = 64;

    private static final int SIGN_BIT = 0x80;

    private XEdDsa() {}

    /**
     * Signs as curve25519-js does without extra randomness: the nonce is r = SHA-512(a ‖ message) mod L
     * with a the clamped private scalar, so the same key and message always give the same signature.
     * The private key is clamped here, so unclamped keys sign like their clamped form.
     */
    public static byte[] sign(byte[] privateKey, byte[] message) {
        if (privateKey.length != 32) {
            throw new CryptoException("Curve25519 private key must be 32 bytes, got " + privateKey.length);
        }
        byte[] scalarBytes = privateKey.clone();
        try {
            X25519.clamp(scalarBytes);
            BigInteger a = Field25519.fromLittleEndian(scalarBytes);
            byte[] edwardsPublicKey = FixedBaseMultiplier.multiply(a).encode();

            BigInteger r = scalarModL(Hashes.sha512(scalarBytes, message));
            byte[] encodedR = FixedBaseMultiplier.multiply(r).encode();
            BigInteger h = scalarModL(Hashes.sha512(encodedR, edwardsPublicKey, message));
            BigInteger s = r.add(h.multiply(a)).mod(EdwardsPoint.ORDER);

            byte[] signature = Arrays.copyOf(encodedR, SIGNATURE_BYTES);
            System.arraycopy(Field25519.toLittleEndian32(s), 0, signature, 32, 32);
            signature[63] |= (byte) (edwardsPublicKey[31] & SIGN_BIT);
            return signature;
        } finally {
            Arrays.fill(scalarBytes, (byte) 0);
        }
    }

    /**
     * True only for a valid signature. The public key is 32 bytes, or 33 with the 0x05 type prefix. Returns
     * false, never throws, for any malformed input: wrong lengths, another prefix byte, a u-coordinate
     * with no Edwards counterpart (u = -1), or a signature the Ed25519 verifier rejects (such as s ≥ L).
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (signature.length != SIGNATURE_BYTES) {
            return false;
        }
        Optional<EdECPoint> edwardsKey = rawMontgomeryKey(publicKey)
                .flatMap(u -> toEdwards(u, (signature[63] & SIGN_BIT) != 0));
        if (edwardsKey.isEmpty()) {
            return false;
        }
        byte[] ed25519Signature = signature.clone();
        ed25519Signature[63] &= (byte) ~SIGN_BIT;
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519")
                    .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, edwardsKey.get()));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(ed25519Signature);
        } catch (GeneralSecurityException e) {
            // The JDK reports undecodable points and out-of-range s this way; all mean "not a valid signature".
            return false;
        }
    }

    private static Optional<byte[]> rawMontgomeryKey(byte[] publicKey) {
        if (publicKey.length == 32) {
            return Optional.of(publicKey);
        }
        if (publicKey.length == 33 && publicKey[0] == X25519.DJB_TYPE) {
            return Optional.of(Arrays.copyOfRange(publicKey, 1, 33));
        }
        return Optional.empty();
    }

    /**
     * The birational map y = (u - 1) / (u + 1). u is decoded as X25519 decodes it (top bit ignored, values
     * ≥ p reduced), which is also what curve25519-js does. u = -1 has no image.
     */
    private static Optional<EdECPoint> toEdwards(byte[] montgomeryU, boolean xOdd) {
        BigInteger u = X25519.decodeU(montgomeryU).mod(Field25519.P);
        BigInteger denominator = Field25519.add(u, BigInteger.ONE);
        if (denominator.signum() == 0) {
            return Optional.empty();
        }
        BigInteger y = Field25519.mul(Field25519.sub(u, BigInteger.ONE), Field25519.invert(denominator));
        return Optional.of(new EdECPoint(xOdd, y));
    }

    private static BigInteger scalarModL(byte[] littleEndian) {
        return Field25519.fromLittleEndian(littleEndian).mod(EdwardsPoint.ORDER);
    }
}
