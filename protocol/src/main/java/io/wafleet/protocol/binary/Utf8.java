package io.wafleet.protocol.binary;

/**
 * UTF-8 encoding straight into the encoder's buffer, without an intermediate array. An unpaired surrogate is
 * written as U+FFFD, as WhatsApp Web (Node's Buffer) does; {@code String.getBytes} would write {@code ?}.
 */
final class Utf8 {
    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    static int encodedLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    /** Writes {@code text} at {@code offset}, which must have room for {@link #encodedLength}; returns the end. */
    static int encode(String text, byte[] out, int offset) {
        int at = offset;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[at++] = (byte) c;
            } else if (c < 0x800) {
                out[at++] = (byte) (0xC0 | c >> 6);
                out[at++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, text.charAt(++i));
                out[at++] = (byte) (0xF0 | codePoint >> 18);
                out[at++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | codePoint & 0x3F);
            } else {
                char unit = Character.isSurrogate(c) ? REPLACEMENT : c;
                out[at++] = (byte) (0xE0 | unit >> 12);
                out[at++] = (byte) (0x80 | unit >> 6 & 0x3F);
                out[at++] = (byte) (0x80 | unit & 0x3F);
            }
        }
        return at;
    }
}
