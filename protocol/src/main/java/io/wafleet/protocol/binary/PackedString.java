package io.wafleet.protocol.binary;

/**
 * The two packed string forms: NIBBLE_8 (digits, {@code -} and {@code .}) and HEX_8 (digits and upper-case
 * {@code A-F}), two characters per byte, at most {@value WireTag#PACKED_MAX} characters.
 */
final class PackedString {
    private static final char[] HEX_DIGITS = "0123456789ABCDEF".toCharArray();

    private PackedString() {}

    static boolean fitsNibbles(String text) {
        if (text.length() > WireTag.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && c != '-' && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** Lower-case hex is not packed: the wire form decodes to upper case only. */
    static boolean fitsHex(String text) {
        if (text.length() > WireTag.PACKED_MAX) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDigit(c) && (c < 'A' || c > 'F')) {
                return false;
            }
        }
        return true;
    }

    /** The 4-bit value of a character that {@link #fitsNibbles} or {@link #fitsHex} accepted for this tag. */
    static int pack(int tag, char c) {
        if (isDigit(c)) {
            return c - '0';
        }
        if (tag == WireTag.HEX_8) {
            return c - 'A' + 10;
        }
        return c == '-' ? 10 : 11;
    }

    /** The character for a 4-bit value; nibble value 15 is the padding, which reads as U+0000. */
    static char unpack(int tag, int value) {
        if (tag == WireTag.HEX_8) {
            return HEX_DIGITS[value];
        }
        return switch (value) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> (char) ('0' + value);
            case 10 -> '-';
            case 11 -> '.';
            case WireTag.PACKED_PADDING -> '\0';
            default -> throw new MalformedNodeException("invalid nibble value " + value + " in a packed string");
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
