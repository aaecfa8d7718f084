package io.wafleet.protocol.crypto;

/** A cryptographic operation failed: bad key, failed authentication tag, or a missing JCA algorithm. */
public final class CryptoException extends RuntimeException {
    public CryptoException(String message) {
        super(message);
    }

    public CryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
