package io.wafleet.protocol.noise;

/**
 * Receives each complete frame from {@link FrameReader#feed(byte[], FrameHandler)}, in order. The payload is
 * readable only during the call. {@code E} lets a handler throw its own checked exception through the feed.
 */
@FunctionalInterface
public interface FrameHandler<E extends Exception> {
    void onFrame(FramePayload payload) throws E;
}
