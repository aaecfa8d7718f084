package io.wafleet.simulator.websocket;

import java.util.Optional;

/** Decides whether to accept an upgrade and, if so, supplies the listener for the new connection. */
@FunctionalInterface
public interface WebSocketEndpoint {
    /** Empty refuses the upgrade with HTTP 503 (the client sees a failed connect, not a close). */
    Optional<WebSocketListener> accept(HttpRequestHead request);
}
