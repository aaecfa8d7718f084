package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.crypto.X25519;

/** Validation and key agreement shared by both handshake roles; every failure becomes a {@link NoiseHandshakeException}. */
final class HandshakeFields {
    static final int KEY_BYTES = 32;
    /** A 32-byte key sealed with AES-GCM: ciphertext plus the 16-byte tag. */
    static final int ENCRYPTED_KEY_BYTES = KEY_BYTES + 16;

    private HandshakeFields() {}

    static byte[] exactly(ByteString field, int length, String what) {
        if (field.size() != length) {
            throw new NoiseHandshakeException(what + " must be " + length + " bytes, got " + field.size());
        }
        return field.toByteArray();
    }

    /** X25519; a peer key of small order (the JDK refuses the all-zero secret it yields) aborts the handshake. */
    static byte[] dh(byte[] privateKey, byte[] peerPublicKey, String peerKeyName) {
        try {
            return X25519.sharedSecret(privateKey, peerPublicKey);
        } catch (CryptoException e) {
            throw new NoiseHandshakeException("key agreement with the " + peerKeyName + " failed", e);
        }
    }
}
