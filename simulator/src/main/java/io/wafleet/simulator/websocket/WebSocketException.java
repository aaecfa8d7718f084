package io.wafleet.simulator.websocket;

/** A peer broke RFC 6455; carries the close code the server answers with. */
public final class WebSocketException extends RuntimeException {
    private final int closeCode;

    public WebSocketException(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    public int closeCode() {
        return closeCode;
    }
}
