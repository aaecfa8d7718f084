package io.wafleet.server.firestore;

import io.wafleet.protocol.crypto.Aes;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.server.registry.AccountId;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compresses and encrypts backup parts: deflate, then AES-256-GCM with a fresh 96-bit nonce in front of the
 * ciphertext. The associated data binds each part to its account, kind and generation, so a part copied to another
 * account or replayed as another generation fails authentication instead of restoring the wrong state.
 */
final class BackupCipher {

    private static final int NONCE_BYTES = 12;
    /** Inflating past this means damage or an attack, not an account (thousands of sessions compress to a few MiB). */
    static final int MAX_PLAINTEXT_BYTES = 256 * 1024 * 1024;

    private final BackupKey key;
    private final SecureRandom random = new SecureRandom();

    BackupCipher(BackupKey key) {
        this.key = key;
    }

    byte[] seal(AccountId account, String kind, long generation, byte[] plaintext) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = Aes.gcmEncrypt(key.bytes(), nonce, aad(account, kind, generation), deflate(plaintext));
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    byte[] open(AccountId account, String kind, long generation, byte[] sealed) {
        if (sealed.length < NONCE_BYTES + Aes.GCM_TAG_BYTES) {
            throw new BackupException.Unreadable(account + ": backup " + kind + " " + generation + " is truncated", null);
        }
        byte[] compressed;
        try {
            compressed = Aes.gcmDecrypt(key.bytes(), Arrays.copyOf(sealed, NONCE_BYTES), aad(account, kind, generation),
                    sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (CryptoException e) {
            throw new BackupException.Unreadable(account + ": backup " + kind + " " + generation
                    + " does not authenticate: wrong SESSIONS_BACKUP_KEY, or the backup is damaged", e);
        }
        return inflate(account, compressed);
    }

    private static byte[] aad(AccountId account, String kind, long generation) {
        return ("wa-fleet-backup/1|" + account.value() + "|" + kind + "|" + generation).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] deflate(byte[] input) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(input);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length / 2));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(AccountId account, byte[] input) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, input.length * 2));
            byte[] buffer = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new BackupException.Unreadable(account + ": backup data ends early", null);
                }
                if (out.size() + n > MAX_PLAINTEXT_BYTES) {
                    throw new BackupException.Unreadable(account + ": backup inflates past " + MAX_PLAINTEXT_BYTES + " bytes", null);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw new BackupException.Unreadable(account + ": backup data is not valid deflate", e);
        } finally {
            inflater.end();
        }
    }
}
