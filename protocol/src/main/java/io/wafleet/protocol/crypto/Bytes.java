package io.wafleet.protocol.crypto;

/** Joins byte strings the way signature and KDF inputs are built: prefix ‖ details ‖ key ‖ ... */
public final class Bytes {
    private Bytes() {}

    /** A new array holding every part in order; the parts are not kept. */
    public static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length = Math.addExact(length, part.length);
        }
        byte[] out = new byte[length];
        int offset = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, offset, part.length);
            offset += part.length;
        }
        return out;
    }
}
