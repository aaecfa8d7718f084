package io.wafleet.protocol.noise;

/**
 * Anything in the Noise layer that makes the connection unusable: a handshake that must be refused, a frame
 * stream that cannot be parsed, or a transport frame that does not authenticate. Callers close the socket on
 * any of them; the subtype says which layer gave up.
 */
public abstract sealed class NoiseException extends RuntimeException
        permits NoiseHandshakeException, FramingException, TransportException {

    NoiseException(String message) {
        super(message);
    }

    NoiseException(String message, Throwable cause) {
        super(message, cause);
    }
}
