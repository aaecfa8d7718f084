package io.wafleet.protocol.noise;

import io.wafleet.protocol.crypto.Aes;
import io.wafleet.protocol.crypto.CryptoException;

/**
 * AES-256-GCM for one direction of the transport phase: IV = 8 zero bytes + 32-bit big-endian frame counter,
 * empty associated data, counter + 1 per frame, no rekeying. The side that sends on a direction calls
 * {@link #encrypt}; the side that receives calls {@link #decrypt}.
 *
 * <p><b>Threading:</b> not thread-safe, by design. The counter must advance in exactly the order frames go on
 * the wire, so the caller already has to serialise "encrypt, then write" per direction (one writer, and one
 * reader, per direction); an internal lock would not give that ordering and would only hide the bug.
 */
public final class TransportCipher {
    private final byte[] key;
    private long counter;

    TransportCipher(byte[] key) {
        this(key, 0);
    }

    /** Starts at an arbitrary counter; only tests need this, to reach the end of the nonce space. */
    TransportCipher(byte[] key, long firstCounter) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        this.key = key.clone();
        this.counter = firstCounter;
    }

    /** Seals one frame payload and advances the counter; throws {@link TransportException} once 2^32 frames were sent. */
    public byte[] encrypt(byte[] plaintext) {
        byte[] ciphertext = Aes.gcmEncrypt(key, GcmNonce.iv(counter), new byte[0], plaintext);
        counter++;
        return ciphertext;
    }

    /**
     * Opens one frame payload (ciphertext ‖ 16-byte tag) and advances the counter. A frame that does not
     * authenticate leaves the counter unchanged and throws {@link TransportException}; the connection is then
     * unusable, because the peer's counter and ours no longer agree.
     */
    public byte[] decrypt(byte[] ciphertext) {
        byte[] iv = GcmNonce.iv(counter);
        byte[] plaintext;
        try {
            plaintext = Aes.gcmDecrypt(key, iv, new byte[0], ciphertext);
        } catch (CryptoException e) {
            throw new TransportException("transport frame " + counter + " does not authenticate", e);
        }
        counter++;
        return plaintext;
    }

    /** The counter the next frame will use (= frames processed so far). */
    public long counter() {
        return counter;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "TransportCipher[counter=" + counter + "]";
    }
}
