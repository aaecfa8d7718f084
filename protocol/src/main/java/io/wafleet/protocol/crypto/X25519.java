package io.wafleet.protocol.crypto;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import javax.crypto.KeyAgreement;

/**
 * X25519 (RFC 7748) on raw 32-byte keys, backed by the JDK. Public keys may carry Signal's {@code 0x05}
 * type prefix (33 bytes), which is stripped.
 */
public final class X25519 {
    /** The type byte Signal and WhatsApp put in front of a Curve25519 public key. */
    public static final byte DJB_TYPE = 0x05;

    private static final BigInteger BASE_POINT = BigInteger.valueOf(9);
    private static final BigInteger U_MASK = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE);

    private X25519() {}

    /** A fresh key pair whose private key is stored clamped, as Baileys and libsignal store theirs. */
    public static KeyPair generateKeyPair() {
        byte[] privateKey = CryptoRandom.bytes(32);
        clamp(privateKey);
        return new KeyPair(privateKey, publicKey(privateKey));
    }

    public static byte[] publicKey(byte[] privateKey) {
        return agree(privateKey, BASE_POINT);
    }

    public static byte[] sharedSecret(byte[] privateKey, byte[] peerPublicKey) {
        byte[] raw = stripTypePrefix(peerPublicKey);
        return agree(privateKey, decodeU(raw));
    }

    /** Accepts a 32-byte key or a 33-byte key with the 0x05 prefix and returns the 32 raw bytes. */
    public static byte[] stripTypePrefix(byte[] publicKey) {
        if (publicKey.length == 33 && publicKey[0] == DJB_TYPE) {
            return java.util.Arrays.copyOfRange(publicKey, 1, 33);
        }
        if (publicKey.length != 32) {
            throw new CryptoException("Curve25519 public key must be 32 bytes (or 33 with 0x05), got " + publicKey.length);
        }
        return publicKey;
    }

    /** Prepends the 0x05 type byte, as Signal serialises public keys. */
    public static byte[] withTypePrefix(byte[] publicKey) {
        byte[] raw = stripTypePrefix(publicKey);
        byte[] out = new byte[33];
        out[0] = DJB_TYPE;
        System.arraycopy(raw, 0, out, 1, 32);
        return out;
    }

    static void clamp(byte[] scalar) {
        scalar[0] &= (byte) 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
    }

    private static byte[] agree(byte[] privateKey, BigInteger u) {
        if (privateKey.length != 32) {
            throw new CryptoException("Curve25519 private key must be 32 bytes, got " + privateKey.length);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance("X25519");
            PrivateKey priv = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
            PublicKey pub = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u));
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(priv);
            agreement.doPhase(pub, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("X25519 agreement failed", e);
        }
    }

    /** Little-endian u-coordinate with the top bit masked, as RFC 7748 decodes it (not reduced mod p). */
    static BigInteger decodeU(byte[] raw) {
        return Field25519.fromLittleEndian(raw).and(U_MASK);
    }
}
