package io.wafleet.simulator.websocket;

/**
 * Receives one connection's messages, on that connection's own virtual thread (so a listener may block,
 * e.g. to delay a handshake, without holding up any other connection).
 */
public interface WebSocketListener {
    /** The upgrade was answered; called on the connection's thread before the first message. */
    void onOpen(WebSocketConnection connection);

    /** A complete (possibly reassembled) binary message. */
    void onBinary(WebSocketConnection connection, byte[] message);

    /**
     * Called exactly once when the connection has ended, whoever ended it; {@code code} is
     * {@link CloseCodes#ABNORMAL} when the TCP connection ended without a close frame.
     */
    void onClose(WebSocketConnection connection, int code, String reason);
}
