package io.wafleet.server.connector;

import io.wafleet.protocol.client.ClientOptions;
import io.wafleet.protocol.client.WebVersionSource;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.server.config.FleetSettings;

import java.net.URI;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Which WhatsApp the client talks to: the chat socket, the root key its certificates must lead to, and where
 * the current WhatsApp Web version is published. WhatsApp itself unless WA_SERVER_URL (and the simulator's
 * WA_TRUSTED_ROOT_KEY) say otherwise, or demo mode runs its own simulator.
 */
public record ServerTarget(URI chat, TrustedRoot root, URI serviceWorker) {

    public ServerTarget {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(serviceWorker, "serviceWorker");
    }

    public static ServerTarget whatsApp() {
        return new ServerTarget(ClientOptions.WHATSAPP_CHAT, TrustedRoot.whatsApp(), WebVersionSource.WHATSAPP_SERVICE_WORKER);
    }

    public static ServerTarget from(FleetSettings settings) {
        return settings.serverUrl().map(chat -> new ServerTarget(chat,
                        settings.trustedRootKeyHex().map(hex -> TrustedRoot.explicit(HexFormat.of().parseHex(hex)))
                                .orElseGet(TrustedRoot::whatsApp),
                        serviceWorkerBeside(chat)))
                .orElseGet(ServerTarget::whatsApp);
    }

    /** A simulator publishes its service-worker script on the same host and port as its chat socket. */
    static URI serviceWorkerBeside(URI chat) {
        String scheme = "wss".equals(chat.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + chat.getRawAuthority() + "/sw.js");
    }
}
