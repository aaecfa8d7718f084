package io.wafleet.protocol.signal;

import io.wafleet.protocol.crypto.CryptoRandom;
import java.util.Arrays;

/**
 * WhatsApp's padding of the serialised {@code Message} before Signal encryption: {@code n} bytes of value
 * {@code n}, {@code n} in 1..16, so ciphertext lengths reveal a little less about the text.
 */
public final class MessagePadding {
    public static final int MAX_PADDING = 16;

    private MessagePadding() {}

    public static byte[] pad(byte[] message, int paddingLength) {
        if (paddingLength < 1 || paddingLength > MAX_PADDING) {
            throw new IllegalArgumentException("padding length must be 1.." + MAX_PADDING + ": " + paddingLength);
        }
        byte[] padded = Arrays.copyOf(message, message.length + paddingLength);
        Arrays.fill(padded, message.length, padded.length, (byte) paddingLength);
        return padded;
    }

    public static byte[] padRandomly(byte[] message) {
        return pad(message, 1 + (CryptoRandom.bytes(1)[0] & 0x0F));
    }

    /** The message without its padding; refuses padding that is not n bytes of value n with n in 1..16. */
    public static byte[] unpad(byte[] padded) {
        if (padded.length == 0) {
            throw new SignalException(SignalException.Reason.MALFORMED, "empty plaintext has no padding");
        }
        int n = padded[padded.length - 1] & 0xFF;
        if (n < 1 || n > MAX_PADDING || n > padded.length) {
            throw new SignalException(SignalException.Reason.MALFORMED, "invalid padding length " + n);
        }
        for (int i = padded.length - n; i < padded.length; i++) {
            if (padded[i] != (byte) n) {
                throw new SignalException(SignalException.Reason.MALFORMED, "padding bytes differ from the padding length");
            }
        }
        return Arrays.copyOf(padded, padded.length - n);
    }
}
