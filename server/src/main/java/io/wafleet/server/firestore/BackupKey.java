package io.wafleet.server.firestore;

import io.wafleet.server.config.SettingsException;

import java.util.Base64;

/**
 * The AES-256 key that encrypts session backups, from {@code SESSIONS_BACKUP_KEY} (32 bytes, base64). It lives only
 * in the environment, never beside the data it protects, and never in a log line.
 */
public final class BackupKey {

    static final String VARIABLE = "SESSIONS_BACKUP_KEY";
    private static final int BYTES = 32;

    private final byte[] key;

    private BackupKey(byte[] key) {
        this.key = key;
    }

    public static BackupKey parse(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new SettingsException(VARIABLE, "is not base64; generate one with `openssl rand -base64 32`");
        }
        if (decoded.length != BYTES) {
            throw new SettingsException(VARIABLE, "must be " + BYTES + " bytes (base64 of a 256-bit key) but is "
                    + decoded.length + " bytes; generate one with `openssl rand -base64 32`");
        }
        return new BackupKey(decoded);
    }

    byte[] bytes() {
        return key.clone();
    }

    @Override
    public String toString() {
        return "BackupKey[redacted]";
    }
}
