package io.wafleet.protocol.noise;

/** The frame format shared by both directions: a 3-byte big-endian length, then that many payload bytes. */
public final class Frames {
    /** The largest length a 3-byte field can express: 16 MiB − 1. */
    public static final int MAX_FRAME_LENGTH = 0xFF_FFFF;

    static final int LENGTH_BYTES = 3;

    private Frames() {}

    /** Length prefix ‖ payload; throws {@link FramingException} for a payload the length field cannot express. */
    public static byte[] encode(byte[] payload) {
        requireEncodable(payload.length);
        byte[] frame = new byte[LENGTH_BYTES + payload.length];
        writeLength(frame, 0, payload.length);
        System.arraycopy(payload, 0, frame, LENGTH_BYTES, payload.length);
        return frame;
    }

    static void requireEncodable(int length) {
        if (length > MAX_FRAME_LENGTH) {
            throw new FramingException("frame payload of " + length + " bytes exceeds the maximum of " + MAX_FRAME_LENGTH);
        }
    }

    static void writeLength(byte[] target, int offset, int length) {
        target[offset] = (byte) (length >>> 16);
        target[offset + 1] = (byte) (length >>> 8);
        target[offset + 2] = (byte) length;
    }

    static int readLength(byte[] source, int offset) {
        return (source[offset] & 0xFF) << 16 | (source[offset + 1] & 0xFF) << 8 | source[offset + 2] & 0xFF;
    }
}
