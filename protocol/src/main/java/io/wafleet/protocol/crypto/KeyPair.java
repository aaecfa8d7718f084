package io.wafleet.protocol.crypto;

import java.util.Arrays;

/** A raw Curve25519 key pair: 32-byte private scalar (clamped when generated) and 32-byte public u-coordinate. */
public record KeyPair(byte[] privateKey, byte[] publicKey) {
    public KeyPair {
        if (privateKey.length != 32 || publicKey.length != 32) {
            throw new IllegalArgumentException("Curve25519 keys are 32 bytes");
        }
        privateKey = privateKey.clone();
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] privateKey() {
        return privateKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyPair other
                && Arrays.equals(privateKey, other.privateKey)
                && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** Never prints the private key. */
    @Override
    public String toString() {
        return "KeyPair[public=" + java.util.HexFormat.of().formatHex(publicKey) + "]";
    }
}
