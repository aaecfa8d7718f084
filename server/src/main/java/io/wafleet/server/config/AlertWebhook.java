package io.wafleet.server.config;

import java.net.URI;
import java.util.Objects;

/**
 * Where a webhook is POSTed and the secret that signs it (alerts, and since messaging also the message webhook, share
 * this shape); the secret never appears in {@link #toString()}.
 */
public record AlertWebhook(URI url, String secret) {

    public AlertWebhook {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "AlertWebhook[url=" + url.getScheme() + "://" + url.getAuthority() + "/…]";
    }
}
