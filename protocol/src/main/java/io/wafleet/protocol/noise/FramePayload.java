package io.wafleet.protocol.noise;

/**
 * One complete frame payload (without its length prefix) as {@link FrameReader#feed(byte[], FrameHandler)} hands
 * it to its handler: a window on the reader's buffer, so a payload that is decrypted at once
 * ({@link TransportCipher#decryptNode}) is never copied. Callers can read it only as a copy. The window is valid
 * only while the handler runs, and until {@code decryptNode} spent it; any later use throws
 * {@link IllegalStateException}. Keep {@link #toByteArray()}, not the payload, for later.
 */
public final class FramePayload {
    private byte[] buffer;
    private int offset;
    private int length = -1;

    FramePayload() {}

    /** The payload's size in bytes. */
    public int length() {
        requireOpen();
        return length;
    }

    /** A copy of the payload, for a caller that needs it after the handler returns (handshake messages). */
    public byte[] toByteArray() {
        requireOpen();
        byte[] copy = new byte[length];
        System.arraycopy(buffer, offset, copy, 0, length);
        return copy;
    }

    /** The reader's buffer; only for {@link TransportCipher}, which decrypts the payload's range in place. */
    byte[] array() {
        requireOpen();
        return buffer;
    }

    int offset() {
        requireOpen();
        return offset;
    }

    void open(byte[] buffer, int offset, int length) {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
    }

    void close() {
        buffer = null;
        length = -1;
    }

    private void requireOpen() {
        if (length < 0) {
            throw new IllegalStateException("a frame payload is only readable while the frame handler runs, and only until it is decrypted");
        }
    }

    /** The size only: payload bytes do not belong in logs. */
    @Override
    public String toString() {
        return length < 0 ? "FramePayload[closed]" : "FramePayload[" + length + " bytes]";
    }
}
