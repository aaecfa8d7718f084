package io.wafleet.protocol.client;

import java.util.Objects;
import java.util.Optional;

/**
 * The client settings that shape the ClientPayload.
 *
 * @param syncFullHistory ask the phone for the full message history at registration
 * @param countryCode ISO 3166-1 alpha-2 country sent as the user agent's locale; absent means none is sent
 * @param pushName display name sent to the server; absent or empty means none is sent
 */
public record ClientConfig(
        WebVersion version,
        Browser browser,
        boolean syncFullHistory,
        Optional<String> countryCode,
        Optional<String> pushName) {

    public ClientConfig {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(browser, "browser");
        Objects.requireNonNull(countryCode, "countryCode");
        Objects.requireNonNull(pushName, "pushName");
    }

    /** Baileys' defaults: Chrome on macOS, full history sync, country US, no push name. */
    public static ClientConfig defaults() {
        return new ClientConfig(WebVersion.DEFAULT, Browser.macOS("Chrome"), true, Optional.of("US"), Optional.empty());
    }
}
