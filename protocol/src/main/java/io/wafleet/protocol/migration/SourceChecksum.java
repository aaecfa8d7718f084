package io.wafleet.protocol.migration;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over every regular file of a source directory, fed in name order: for each file its UTF-8 name, a zero
 * byte, its length (8 bytes, big-endian) and its contents. Any write by the old service (a new pre-key, a ratchet
 * step, a deleted file) changes it; reading the directory does not. Incremental, so files are hashed one at a time.
 */
final class SourceChecksum {
    private final MessageDigest digest;
    private String lastName = "";

    SourceChecksum() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    void add(String fileName, byte[] contents) {
        if (fileName.compareTo(lastName) <= 0) {
            throw new IllegalStateException("files must be added in strictly increasing name order");
        }
        lastName = fileName;
        digest.update(fileName.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(contents.length).array());
        digest.update(contents);
    }

    byte[] finish() {
        return digest.digest();
    }
}
