package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.X25519;
import java.util.Arrays;

/**
 * Curve25519 public keys as Signal writes them: the 0x05 type byte, then the 32-byte key. The model keeps raw
 * 32-byte keys; this class is the one place that adds or checks the prefix.
 */
final class PublicKeys {
    static final int ENCODED_LENGTH = 33;
    static final int RAW_LENGTH = 32;

    private PublicKeys() {}

    static byte[] encode(byte[] rawKey) {
        return X25519.withTypePrefix(rawKey);
    }

    /** Accepts exactly the 33-byte 0x05-prefixed form; anything else is a malformed message or record. */
    static byte[] decode(byte[] encoded, String what) {
        if (encoded.length != ENCODED_LENGTH || encoded[0] != X25519.DJB_TYPE) {
            throw new SignalException(SignalException.Reason.MALFORMED,
                    what + " is not a 33-byte 0x05-prefixed Curve25519 key (" + encoded.length + " bytes)");
        }
        return Arrays.copyOfRange(encoded, 1, ENCODED_LENGTH);
    }

    static byte[] requireRaw(byte[] rawKey, String what) {
        if (rawKey.length != RAW_LENGTH) {
            throw new IllegalArgumentException(what + " must be a 32-byte Curve25519 key, got " + rawKey.length);
        }
        return rawKey.clone();
    }
}
