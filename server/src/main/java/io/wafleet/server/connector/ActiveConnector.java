package io.wafleet.server.connector;

import java.util.Objects;

/** The connector the fleet runs with, and whether it is a real client or the {@link UnwiredConnector}. */
public record ActiveConnector(AccountConnector connector) {

    public ActiveConnector {
        Objects.requireNonNull(connector, "connector");
    }

    public boolean wired() {
        return !(connector instanceof UnwiredConnector);
    }

    /** Fails fast (503 on the API) when nothing could connect anyway. */
    public void requireWired() {
        if (!wired()) {
            throw new ConnectorUnavailableException(
                    "no WhatsApp client adapter is wired into this build: accounts cannot be linked or connected");
        }
    }
}
