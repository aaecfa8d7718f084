package io.wafleet.protocol.noise;

/** A transport frame failed to authenticate, or a direction ran out of nonces. */
public final class TransportException extends NoiseException {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
