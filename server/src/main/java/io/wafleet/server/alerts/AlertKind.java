package io.wafleet.server.alerts;

import java.util.Locale;

/** Why a human is being called. */
public enum AlertKind {
    LOGGED_OUT, BANNED, CONFLICT, QR_TIMEOUT, FLAPPING, CLIENT_OUTDATED, STORAGE_FAILURE;

    /** The name in the webhook payload: {@code logged_out}, {@code qr_timeout}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
