package io.wafleet.protocol.binary;

/** The tag bytes of the binary node format (token dictionary version 3). Bytes 1..235 are single-byte tokens. */
final class WireTag {
    static final int LIST_EMPTY = 0x00;
    static final int DICTIONARY_0 = 0xEC;
    static final int DICTIONARY_3 = 0xEF;
    static final int INTEROP_JID = 0xF5;
    static final int FB_JID = 0xF6;
    static final int AD_JID = 0xF7;
    static final int LIST_8 = 0xF8;
    static final int LIST_16 = 0xF9;
    static final int JID_PAIR = 0xFA;
    static final int HEX_8 = 0xFB;
    static final int BINARY_8 = 0xFC;
    static final int BINARY_20 = 0xFD;
    static final int BINARY_32 = 0xFE;
    static final int NIBBLE_8 = 0xFF;

    /** Longest string written in a packed (nibble or hex) form. */
    static final int PACKED_MAX = 127;
    /** Nibble value of the padding that fills the last byte of an odd-length packed string. */
    static final int PACKED_PADDING = 0x0F;

    private WireTag() {}

    static boolean isList(int tag) {
        return tag == LIST_EMPTY || tag == LIST_8 || tag == LIST_16;
    }
}
