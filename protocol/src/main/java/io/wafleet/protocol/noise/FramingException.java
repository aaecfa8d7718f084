package io.wafleet.protocol.noise;

/** The byte stream does not follow the intro-header / 3-byte-length framing, or a frame exceeds the size cap. */
public final class FramingException extends NoiseException {
    public FramingException(String message) {
        super(message);
    }
}
