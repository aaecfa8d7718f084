package io.wafleet.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256, SHA-512, MD5 and HMAC-SHA256 over byte arrays. */
public final class Hashes {
    private Hashes() {}

    public static byte[] sha256(byte[]... parts) {
        return digest("SHA-256", parts);
    }

    public static byte[] sha512(byte[]... parts) {
        return digest("SHA-512", parts);
    }

    /** MD5 is used by WhatsApp only as a build-hash fingerprint, never for security. */
    public static byte[] md5(byte[] data) {
        return digest("MD5", data);
    }

    public static byte[] hmacSha256(byte[] key, byte[]... parts) {
        Mac mac = hmac(key);
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal();
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC accepts an empty key; SecretKeySpec does not, so substitute the equivalent zero block.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[32] : key, "HmacSHA256"));
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new CryptoException("HMAC-SHA256 unavailable", e);
        }
    }

    private static byte[] digest(String algorithm, byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance(algorithm);
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new CryptoException(algorithm + " unavailable", e);
        }
    }
}
