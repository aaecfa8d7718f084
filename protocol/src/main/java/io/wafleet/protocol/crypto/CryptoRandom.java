package io.wafleet.protocol.crypto;

import java.security.SecureRandom;

/** The one source of randomness for keys, IVs and nonces, so it can be audited in one place. */
public final class CryptoRandom {
    // SecureRandom is thread-safe; one shared instance avoids reseeding a new one per call.
    private static final SecureRandom RANDOM = new SecureRandom();

    private CryptoRandom() {}

    public static byte[] bytes(int length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length: " + length);
        }
        byte[] out = new byte[length];
        RANDOM.nextBytes(out);
        return out;
    }
}
