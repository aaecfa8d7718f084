package io.wafleet.simulator.session;

import io.wafleet.simulator.websocket.HttpRequestHead;
import io.wafleet.simulator.websocket.WebSocketEndpoint;
import io.wafleet.simulator.websocket.WebSocketListener;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code /ws/chat}: every accepted upgrade gets its own {@link ChatConnection}. Any Origin is accepted (Baileys
 * sends {@code https://web.whatsapp.com}); while connections are refused the upgrade gets HTTP 503.
 */
public final class ChatEndpoint implements WebSocketEndpoint {
    public static final String PATH = "/ws/chat";

    private final ServerContext context;
    private final AtomicLong connectionNumbers = new AtomicLong();

    public ChatEndpoint(ServerContext context) {
        this.context = context;
    }

    @Override
    public Optional<WebSocketListener> accept(HttpRequestHead request) {
        if (context.faults().refusesConnections()) {
            return Optional.empty();
        }
        context.counters().connectionAccepted();
        return Optional.of(new ChatConnection(context, connectionNumbers.incrementAndGet()));
    }
}
