package io.wafleet.simulator.phone;

/** A scan did not end in a linked device: bad QR, no such connection, the client refused, or it timed out. */
public final class PairingException extends RuntimeException {
    public PairingException(String message) {
        super(message);
    }

    public PairingException(String message, Throwable cause) {
        super(message, cause);
    }
}
