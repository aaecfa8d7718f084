package io.wafleet.protocol.binary;

import java.util.Objects;

/**
 * Converts between nodes and transport frame plaintexts: one flags byte, then the node. A flags byte with bit
 * 0x02 set means the rest is zlib-compressed; every other bit is ignored, as WhatsApp Web does. Encoding never
 * compresses.
 */
public final class BinaryNodes {
    /** Largest node a compressed frame may inflate to; beyond it the frame is rejected, not inflated. */
    public static final int MAX_INFLATED_SIZE = 16 * 1024 * 1024;

    private static final int COMPRESSED_FLAG = 0x02;

    private BinaryNodes() {}

    /** The frame plaintext for {@code node}: flags byte 0x00, then the encoded node. */
    public static byte[] encode(Node node) {
        byte[] frame = new byte[encodedLength(node)];
        encodeInto(node, frame, 0);
        return frame;
    }

    /** The length of {@link #encode}{@code (node)}, computed without encoding. */
    public static int encodedLength(Node node) {
        return NodeEncoder.frameLength(Objects.requireNonNull(node, "node"));
    }

    /**
     * Writes {@link #encode}{@code (node)} into {@code out} at {@code offset}, for a caller that puts the frame
     * plaintext inside a larger array; returns the number of bytes written, which is {@link #encodedLength}.
     *
     * @throws IndexOutOfBoundsException if they do not fit; what was written by then is unspecified
     */
    public static int encodeInto(Node node, byte[] out, int offset) {
        return NodeEncoder.writeFrame(Objects.requireNonNull(node, "node"), out, offset);
    }

    /** Decodes a whole frame plaintext, flags byte included. */
    public static Node decode(byte[] frame) {
        return decode(frame, 0, frame.length);
    }

    /**
     * Decodes the frame plaintext in {@code frame[offset, offset + length)}, flags byte included. The node must
     * fill the range exactly.
     *
     * @throws MalformedNodeException if the bytes are not one valid node
     */
    public static Node decode(byte[] frame, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, frame.length);
        if (length == 0) {
            throw new MalformedNodeException("empty frame: no flags byte");
        }
        int flags = frame[offset] & 0xFF;
        if ((flags & COMPRESSED_FLAG) != 0) {
            byte[] inflated = FrameInflater.inflate(frame, offset + 1, length - 1, MAX_INFLATED_SIZE);
            return NodeDecoder.decode(inflated, 0, inflated.length);
        }
        return NodeDecoder.decode(frame, offset + 1, length - 1);
    }
}
