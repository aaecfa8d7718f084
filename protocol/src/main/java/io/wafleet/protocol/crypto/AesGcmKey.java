package io.wafleet.protocol.crypto;

import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key for sealing or opening many GCM messages, each under its own IV, with empty associated data.
 * Unlike {@link Aes#gcmEncrypt}, it looks up the JCE {@link Cipher} and builds the key object once and only
 * re-initialises the cipher with the next IV per message: the per-message lookup and set-up cost several times
 * more allocation than a 1 KB message itself.
 *
 * <p>Not thread-safe: the cipher holds per-message state. It belongs to one caller that seals or opens one
 * message at a time, such as one direction of a transport. The JDK refuses to encrypt twice in a row under the
 * same IV with one cipher, which backs up (but does not replace) the caller's duty never to repeat an IV.
 */
public final class AesGcmKey {
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKeySpec key;
    private final Cipher cipher;

    public AesGcmKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("AES-256 key must be 32 bytes, got " + key.length);
        }
        this.key = new SecretKeySpec(key, "AES");
        try {
            this.cipher = Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(TRANSFORMATION + " is not available", e);
        }
    }

    /** How many bytes {@link #seal} writes for a plaintext of {@code plaintextLength} bytes: ciphertext ‖ tag. */
    public static int sealedLength(int plaintextLength) {
        return plaintextLength + Aes.GCM_TAG_BYTES;
    }

    /**
     * Seals {@code in[offset, offset + length)} under {@code iv} and writes ciphertext ‖ 16-byte tag to
     * {@code out} at {@code outOffset}, which must have room for {@link #sealedLength}{@code (length)} bytes.
     * In place ({@code out == in}, {@code outOffset == offset}) works without an extra copy.
     */
    public void seal(byte[] iv, byte[] in, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        Objects.checkFromIndexSize(outOffset, sealedLength(length), out.length);
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(Aes.GCM_TAG_BYTES * 8, iv));
            cipher.doFinal(in, offset, length, out, outOffset);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM encryption failed", e);
        }
    }

    /**
     * Opens ciphertext ‖ tag in {@code in[offset, offset + length)} under {@code iv} and returns the plaintext;
     * throws {@link CryptoException} when the tag does not authenticate, in which case nothing is returned.
     */
    public byte[] open(byte[] iv, byte[] in, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, in.length);
        byte[] plaintext = new byte[openedLength(length)];
        open(iv, in, offset, length, plaintext, 0);
        return plaintext;
    }

    /**
     * Like {@link #open(byte[], byte[], int, int)}, but writes the plaintext to {@code out} at {@code outOffset}
     * and returns its length ({@code length} − 16). In place ({@code out == in}, {@code outOffset == offset})
     * works without an extra copy; when the tag does not authenticate, what the output range holds is unspecified.
     */
    public int open(byte[] iv, byte[] in, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, in.length);
        int plaintextLength = openedLength(length);
        Objects.checkFromIndexSize(outOffset, plaintextLength, out.length);
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(Aes.GCM_TAG_BYTES * 8, iv));
            return cipher.doFinal(in, offset, length, out, outOffset);
        } catch (AEADBadTagException e) {
            throw new CryptoException("AES-GCM tag mismatch", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM decryption failed", e);
        }
    }

    private static int openedLength(int sealedLength) {
        if (sealedLength < Aes.GCM_TAG_BYTES) {
            throw new CryptoException("AES-GCM input shorter than its tag: " + sealedLength + " bytes");
        }
        return sealedLength - Aes.GCM_TAG_BYTES;
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "AesGcmKey[redacted]";
    }
}
