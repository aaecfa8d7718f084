package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Root-key derivation: HKDF-SHA256 turns a secret into the next root key and a fresh chain key. The X3DH
 * secret uses info {@code WhisperText} with a zero salt; each ratchet step uses the Diffie-Hellman output,
 * the current root key as salt, and info {@code WhisperRatchet}.
 */
final class RootKdf {
    private static final byte[] SESSION_INFO = "WhisperText".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RATCHET_INFO = "WhisperRatchet".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_SALT = new byte[32];

    /** A new root key and the chain key that starts next to it. */
    record Derived(byte[] rootKey, ChainKey chainKey) {
        @Override
        public String toString() {
            return "Derived[redacted]";
        }
    }

    private RootKdf() {}

    static Derived fromAgreement(byte[] masterSecret) {
        return split(Hkdf.derive(masterSecret, ZERO_SALT, SESSION_INFO, 64));
    }

    static Derived ratchet(byte[] rootKey, byte[] sharedSecret) {
        return split(Hkdf.derive(sharedSecret, rootKey, RATCHET_INFO, 64));
    }

    private static Derived split(byte[] okm) {
        return new Derived(Arrays.copyOfRange(okm, 0, 32), new ChainKey(Arrays.copyOfRange(okm, 32, 64), 0));
    }
}
