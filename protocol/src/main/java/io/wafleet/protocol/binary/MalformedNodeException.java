package io.wafleet.protocol.binary;

/** A frame is not a valid binary node: truncated, an unknown tag byte, a length past the end, too deep, too big. */
public final class MalformedNodeException extends RuntimeException {
    public MalformedNodeException(String message) {
        super(message);
    }

    public MalformedNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
