package io.wafleet.simulator.crypto;

import io.wafleet.protocol.crypto.X25519;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;

/**
 * Verifies XEdDSA signatures (Curve25519 keys, as libsignal makes them) with the JDK's own Ed25519, sharing
 * no code with the XEdDSA implementation the client uses. Baileys rc14 verifies no signature at all (its
 * verify returns false instead of throwing, and it only looks for a throw), so "Baileys accepted it" proves
 * nothing: every signature the simulator makes or receives passes through here.
 *
 * <p>Method (protocol.md §2.4): the Montgomery u-coordinate becomes the Edwards y = (u − 1)/(u + 1) mod p;
 * libsignal keeps the Edwards sign bit in bit 7 of signature byte 63, which is moved into the public key and
 * cleared in the signature; the rest is plain Ed25519.
 */
public final class IndependentSignatureVerifier {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private IndependentSignatureVerifier() {}

    /** True only for a valid signature; never throws on malformed input. */
    public static boolean verify(byte[] curvePublicKey, byte[] message, byte[] signature) {
        if (signature.length != 64) {
            return false;
        }
        byte[] raw;
        try {
            raw = X25519.stripTypePrefix(curvePublicKey);
        } catch (RuntimeException e) {
            return false;
        }
        BigInteger u = littleEndian(raw).and(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE));
        BigInteger denominator = u.add(BigInteger.ONE).mod(P);
        if (denominator.signum() == 0) {
            return false;
        }
        BigInteger y = u.subtract(BigInteger.ONE).mod(P).multiply(denominator.modInverse(P)).mod(P);
        boolean xOdd = (signature[63] & 0x80) != 0;
        byte[] edSignature = signature.clone();
        edSignature[63] &= 0x7F;
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PublicKey key = factory.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(edSignature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static BigInteger littleEndian(byte[] bytes) {
        byte[] bigEndian = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            bigEndian[i] = bytes[bytes.length - 1 - i];
        }
        return new BigInteger(1, bigEndian);
    }
}
