package io.wafleet.protocol.crypto;

import javax.crypto.Mac;

/** RFC 5869 HKDF with HMAC-SHA256. A null or empty salt means "no salt" (32 zero bytes). */
public final class Hkdf {
    private static final int HASH_LENGTH = 32;

    private Hkdf() {}

    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF output length out of range: " + length);
        }
        byte[] prk = Hashes.hmacSha256(salt == null || salt.length == 0 ? new byte[HASH_LENGTH] : salt, ikm);
        Mac mac = Hashes.hmac(prk);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int offset = 0, counter = 1; offset < length; counter++) {
            mac.update(block);
            mac.update(info == null ? new byte[0] : info);
            mac.update((byte) counter);
            block = mac.doFinal();
            int n = Math.min(block.length, length - offset);
            System.arraycopy(block, 0, out, offset, n);
            offset += n;
        }
        return out;
    }
}
