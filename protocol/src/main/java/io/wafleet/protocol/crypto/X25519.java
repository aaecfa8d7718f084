package io.wafleet.protocol.crypto;

/**
 * X25519 (RFC 7748) on raw 32-byte keys. Public keys may carry Signal's {@code 0x05} type prefix (33 bytes).
 */
public final class X25519 {
    private X25519() {}

    public static KeyPair generateKeyPair() {
        throw new UnsupportedOperationException("crypto helper fills this in");
    }

    public static byte[] publicKey(byte[] privateKey) {
        throw new UnsupportedOperationException("crypto helper fills this in");
    }

    public static byte[] sharedSecret(byte[] privateKey, byte[] peerPublicKey) {
        throw new UnsupportedOperationException("crypto helper fills this in");
    }
}
