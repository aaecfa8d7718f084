package io.wafleet.protocol.noise;

/**
 * The 12-byte AES-GCM IV both the handshake and the transport use: eight zero bytes, then the counter as a
 * 32-bit big-endian integer. WhatsApp never rekeys, so a counter past 2^32 − 1 would reuse an IV under the same
 * key; that is refused rather than wrapped.
 */
final class GcmNonce {
    static final long MAX_COUNTER = 0xFFFF_FFFFL;
    static final int IV_BYTES = 12;

    private GcmNonce() {}

    static byte[] iv(long counter) {
        byte[] iv = new byte[IV_BYTES];
        write(counter, iv);
        return iv;
    }

    /** Overwrites a 12-byte IV whose first eight bytes are already zero; lets a transport keep one IV array. */
    static void write(long counter, byte[] iv) {
        if (counter < 0 || counter > MAX_COUNTER) {
            throw new TransportException("nonce counter exhausted (" + counter + " > 2^32 - 1); the connection must be re-established");
        }
        iv[8] = (byte) (counter >>> 24);
        iv[9] = (byte) (counter >>> 16);
        iv[10] = (byte) (counter >>> 8);
        iv[11] = (byte) counter;
    }
}
