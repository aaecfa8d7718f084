package io.wafleet.protocol.migration;

/**
 * One Baileys file does not hold what its name promises (not JSON, a field missing or of the wrong type, a key of
 * the wrong length). The message names the file and the field, never a value: values are key material.
 */
public final class BaileysFormatException extends RuntimeException {
    public BaileysFormatException(String message) {
        super(message);
    }

    public BaileysFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
