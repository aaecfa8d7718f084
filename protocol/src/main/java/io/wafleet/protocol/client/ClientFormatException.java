package io.wafleet.protocol.client;

/**
 * Input to the client's connection setup is malformed: a version string, a JID, a key of the wrong
 * length, or a pairing QR string that cannot be read.
 */
public final class ClientFormatException extends IllegalArgumentException {
    public ClientFormatException(String message) {
        super(message);
    }

    public ClientFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
