package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The keys for one message, expanded from its 32-byte seed: AES-256 key, HMAC-SHA256 key and CBC IV. */
record MessageKeys(byte[] cipherKey, byte[] macKey, byte[] iv) {
    private static final byte[] INFO = "WhisperMessageKeys".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO_SALT = new byte[32];

    static MessageKeys derive(byte[] seed) {
        // libsignal expands three 32-byte blocks and takes the IV from the first 16 bytes of the third.
        byte[] okm = Hkdf.derive(seed, ZERO_SALT, INFO, 80);
        return new MessageKeys(Arrays.copyOfRange(okm, 0, 32), Arrays.copyOfRange(okm, 32, 64), Arrays.copyOfRange(okm, 64, 80));
    }

    @Override
    public String toString() {
        return "MessageKeys[redacted]";
    }
}
