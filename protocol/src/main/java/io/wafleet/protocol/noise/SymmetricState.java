package io.wafleet.protocol.noise;

import io.wafleet.protocol.crypto.Aes;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.crypto.Hkdf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Noise symmetric state (h, ck, k, n) as WhatsApp Web runs it, shared by both roles.
 *
 * <p>Two details differ from what a reader of the Noise spec might assume: the protocol name is exactly 32 bytes
 * so it is used as {@code h} without hashing, and a single nonce counter serves both encryption and decryption
 * until the next {@link #mixKey}. The second one is why the client encrypts its static key with nonce 1: the
 * server's certificate chain was decrypted with nonce 0 under the same key.
 *
 * <p>Not thread-safe; a handshake is a strictly sequential conversation.
 */
public final class SymmetricState {
    /** {@code Noise_XX_25519_AESGCM_SHA256} padded with NULs to 32 bytes. */
    static final byte[] PROTOCOL_NAME = "Noise_XX_25519_AESGCM_SHA256\0\0\0\0".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] NO_INFO = new byte[0];
    private static final int KEY_BYTES = 32;

    private byte[] h;
    private byte[] ck;
    private byte[] k;
    private long n;

    /** Initialises h = ck = protocol name and mixes in the WA header as prologue, as both WhatsApp roles do. */
    public SymmetricState() {
        h = PROTOCOL_NAME.clone();
        ck = PROTOCOL_NAME.clone();
        // The prologue is always the bare WA header, even when the client sent the longer "ED" routing intro.
        mixHash(IntroHeader.waHeader());
    }

    public void mixHash(byte[] data) {
        h = Hashes.sha256(h, data);
    }

    public void mixKey(byte[] inputKeyMaterial) {
        byte[] out = Hkdf.derive(inputKeyMaterial, ck, NO_INFO, 2 * KEY_BYTES);
        ck = Arrays.copyOfRange(out, 0, KEY_BYTES);
        k = Arrays.copyOfRange(out, KEY_BYTES, 2 * KEY_BYTES);
        n = 0;
    }

    /** AES-GCM with the current h as associated data; the ciphertext (with tag) is then hashed into h. */
    public byte[] encryptAndHash(byte[] plaintext) {
        byte[] ciphertext = Aes.gcmEncrypt(requireKey(), GcmNonce.iv(n), h, plaintext);
        n++;
        mixHash(ciphertext);
        return ciphertext;
    }

    /** Mirror of {@link #encryptAndHash}; a tag mismatch means the peer is not who the transcript says. */
    public byte[] decryptAndHash(byte[] ciphertext) {
        byte[] plaintext;
        try {
            plaintext = Aes.gcmDecrypt(requireKey(), GcmNonce.iv(n), h, ciphertext);
        } catch (CryptoException e) {
            throw new NoiseHandshakeException("handshake ciphertext does not authenticate (nonce " + n + ")", e);
        }
        n++;
        mixHash(ciphertext);
        return plaintext;
    }

    /** Derives the transport keys: the first 32 bytes protect client→server, the last 32 server→client. */
    public TransportKeys split() {
        byte[] out = Hkdf.derive(new byte[0], ck, NO_INFO, 2 * KEY_BYTES);
        return new TransportKeys(Arrays.copyOfRange(out, 0, KEY_BYTES), Arrays.copyOfRange(out, KEY_BYTES, 2 * KEY_BYTES));
    }

    /** The running handshake hash h (a copy); after the last message it binds the whole transcript. */
    public byte[] handshakeHash() {
        return h.clone();
    }

    byte[] chainingKey() {
        return ck.clone();
    }

    /** The next nonce the cipher will use; exposed for tests that replay the recorded handshake state. */
    long nonce() {
        return n;
    }

    private byte[] requireKey() {
        if (k == null) {
            throw new IllegalStateException("no cipher key yet: mixKey must run before the first encryption");
        }
        return k;
    }

    /** Never prints keys. */
    @Override
    public String toString() {
        return "SymmetricState[nonce=" + n + ", keyed=" + (k != null) + "]";
    }
}
