package io.wafleet.protocol.crypto;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256 in the three modes WhatsApp uses: GCM (transport, backups), CBC with PKCS#7 (media, Signal), CTR. */
public final class Aes {
    public static final int GCM_TAG_BYTES = 16;

    private Aes() {}

    /** Returns ciphertext ‖ 16-byte tag. */
    public static byte[] gcmEncrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
        try {
            Cipher cipher = gcm(Cipher.ENCRYPT_MODE, key, iv);
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(plaintext);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM encryption failed", e);
        }
    }

    /** Takes ciphertext ‖ tag; throws {@link CryptoException} when the tag does not authenticate. */
    public static byte[] gcmDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] ciphertextAndTag) {
        return gcmDecrypt(key, iv, aad, ciphertextAndTag, 0, ciphertextAndTag.length);
    }

    public static byte[] gcmDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] input, int offset, int length) {
        if (length < GCM_TAG_BYTES) {
            throw new CryptoException("AES-GCM input shorter than its tag: " + length + " bytes");
        }
        try {
            Cipher cipher = gcm(Cipher.DECRYPT_MODE, key, iv);
            if (aad != null && aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher.doFinal(input, offset, length);
        } catch (AEADBadTagException e) {
            throw new CryptoException("AES-GCM tag mismatch", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("AES-GCM decryption failed", e);
        }
    }

    public static byte[] cbcEncrypt(byte[] key, byte[] iv, byte[] plaintext) {
        return run("AES/CBC/PKCS5Padding", Cipher.ENCRYPT_MODE, key, iv, plaintext);
    }

    public static byte[] cbcDecrypt(byte[] key, byte[] iv, byte[] ciphertext) {
        return run("AES/CBC/PKCS5Padding", Cipher.DECRYPT_MODE, key, iv, ciphertext);
    }

    /** CTR is its own inverse: the same call encrypts and decrypts. */
    public static byte[] ctr(byte[] key, byte[] iv, byte[] input) {
        return run("AES/CTR/NoPadding", Cipher.ENCRYPT_MODE, key, iv, input);
    }

    private static Cipher gcm(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(GCM_TAG_BYTES * 8, iv));
        return cipher;
    }

    private static byte[] run(String transformation, int mode, byte[] key, byte[] iv, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance(transformation);
            cipher.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new CryptoException(transformation + " failed", e);
        }
    }
}
