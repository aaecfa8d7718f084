package io.wafleet.server.connector;

/** No WhatsApp client is wired into this build, so no account can connect. */
public final class ConnectorUnavailableException extends RuntimeException {
    public ConnectorUnavailableException(String message) {
        super(message);
    }
}
