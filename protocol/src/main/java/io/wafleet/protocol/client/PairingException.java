package io.wafleet.protocol.client;

/** A {@code pair-success} that must not be accepted: missing parts, a bad HMAC, a forged signature. */
public final class PairingException extends Exception {
    public PairingException(String message) {
        super(message);
    }

    public PairingException(String message, Throwable cause) {
        super(message, cause);
    }
}
