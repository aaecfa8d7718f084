package io.wafleet.protocol.noise;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.MalformedNodeException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.AesGcmKey;
import io.wafleet.protocol.crypto.CryptoException;

/**
 * AES-256-GCM for one direction of the transport phase: IV = 8 zero bytes + 32-bit big-endian frame counter,
 * empty associated data, counter + 1 per frame, no rekeying. The side that sends on a direction calls
 * {@link #encrypt}, or lets {@link FrameEncoder#encodeSealed} seal a node straight into its frame; the side that
 * receives calls {@link #decrypt}, or {@link #decryptNode} to open a frame inside the reader's buffer.
 *
 * <p>One JCE cipher is kept for the direction's whole life and only re-initialised with the next IV per frame;
 * setting a cipher up afresh per frame would allocate several times the frame's own size.
 *
 * <p><b>Threading:</b> not thread-safe, by design. The counter must advance in exactly the order frames go on
 * the wire, so the caller already has to serialise "encrypt, then write" per direction (one writer, and one
 * reader, per direction); an internal lock would not give that ordering and would only hide the bug.
 */
public final class TransportCipher {
    private final AesGcmKey key;
    /** Eight zero bytes then the counter, rewritten per frame; the cipher copies it on every initialisation. */
    private final byte[] iv = new byte[GcmNonce.IV_BYTES];
    private long counter;

    TransportCipher(byte[] key) {
        this(key, 0);
    }

    /** Starts at an arbitrary counter; only tests need this, to reach the end of the nonce space. */
    TransportCipher(byte[] key, long firstCounter) {
        this.key = new AesGcmKey(key);
        this.counter = firstCounter;
    }

    /**
     * Seals one frame payload and returns ciphertext ‖ 16-byte tag; advances the counter. Throws
     * {@link TransportException} once 2^32 frames were sent.
     */
    public byte[] encrypt(byte[] plaintext) {
        byte[] sealed = new byte[sealedLength(plaintext.length)];
        GcmNonce.write(counter, iv);
        key.seal(iv, plaintext, 0, plaintext.length, sealed, 0);
        counter++;
        return sealed;
    }

    /**
     * Seals the {@code plaintextLength} bytes at {@code frame[offset]} where they are: ciphertext ‖ tag then
     * occupies {@link #sealedLength}{@code (plaintextLength)} bytes from {@code offset}. For
     * {@link FrameEncoder#encodeSealed}, which encodes the plaintext straight into the frame it returns.
     */
    void encryptInPlace(byte[] frame, int offset, int plaintextLength) {
        GcmNonce.write(counter, iv);
        key.seal(iv, frame, offset, plaintextLength, frame, offset);
        counter++;
    }

    /** The size of {@code plaintextLength} bytes once sealed: the GCM tag is appended. */
    static int sealedLength(int plaintextLength) {
        return AesGcmKey.sealedLength(plaintextLength);
    }

    /**
     * Opens one frame payload (ciphertext ‖ 16-byte tag) and advances the counter. A frame that does not
     * authenticate leaves the counter unchanged and throws {@link TransportException}; the connection is then
     * unusable, because the peer's counter and ours no longer agree.
     */
    public byte[] decrypt(byte[] ciphertext) {
        return decrypt(ciphertext, 0, ciphertext.length);
    }

    /** Opens the frame payload in {@code in[offset, offset + length)}; otherwise as {@link #decrypt(byte[])}. */
    public byte[] decrypt(byte[] in, int offset, int length) {
        GcmNonce.write(counter, iv);
        byte[] plaintext;
        try {
            plaintext = key.open(iv, in, offset, length);
        } catch (CryptoException e) {
            throw notAuthentic(e);
        }
        counter++;
        return plaintext;
    }

    /**
     * Opens a payload handed out by {@link FrameReader#feed(byte[], FrameHandler)} and decodes the node it
     * carries: the same result as {@code BinaryNodes.decode(decrypt(payload bytes))}, but the payload is
     * decrypted where it lies in the reader's buffer, so the plaintext is never an array of its own (the node
     * copies what it keeps). The payload is spent afterwards. Counter and failures as for {@link #decrypt(byte[])};
     * a frame that authenticates but is not a valid node still advances the counter and throws
     * {@link MalformedNodeException}.
     */
    public Node decryptNode(FramePayload payload) {
        byte[] buffer = payload.array();
        int offset = payload.offset();
        int length = payload.length();
        payload.close();
        GcmNonce.write(counter, iv);
        int plaintextLength;
        try {
            plaintextLength = key.open(iv, buffer, offset, length, buffer, offset);
        } catch (CryptoException e) {
            throw notAuthentic(e);
        }
        counter++;
        return BinaryNodes.decode(buffer, offset, plaintextLength);
    }

    private TransportException notAuthentic(CryptoException cause) {
        return new TransportException("transport frame " + counter + " does not authenticate", cause);
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
