package io.wafleet.protocol.client;

import java.time.Duration;

/** Maps a {@link DisconnectReason} to the terminal {@link ClientEvent.Closed} that reports it. */
final class ClosedEvents {
    private ClosedEvents() {}

    /** The one place a {@link DisconnectReason} becomes the matching terminal event. */
    static ClientEvent.Closed of(DisconnectReason reason, Duration silentFor) {
        return switch (reason.category()) {
            case TRANSIENT -> reason.detail().equals(DisconnectClassifier.KEEPALIVE_TIMEOUT)
                    ? new ClientEvent.KeepAliveTimeout(silentFor, reason)
                    : new ClientEvent.Disconnected(reason);
            case RESTART_REQUIRED -> new ClientEvent.Disconnected(reason);
            case LOGGED_OUT -> new ClientEvent.LoggedOut(reason);
            case STREAM_REPLACED -> new ClientEvent.StreamReplaced(reason);
            case TEMPORARILY_BANNED -> new ClientEvent.TemporarilyBanned(reason.until(), reason);
            case BANNED -> new ClientEvent.Banned(reason);
            case CLIENT_OUTDATED -> new ClientEvent.ClientOutdated(reason);
        };
    }
}
