package io.wafleet.server.supervisor;

import java.time.Duration;
import java.util.Objects;

/**
 * @param connectTimeout how long an attempt may stay in {@code CONNECTING} before it counts as a transient loss
 * @param qrTimeout      how long QR codes are offered before the slot stops with {@code qr-timeout}
 * @param stableAfter    how long a connection must stay up before the backoff counter resets
 */
public record SupervisorSettings(Duration connectTimeout, Duration qrTimeout, Duration stableAfter) {

    public SupervisorSettings {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(qrTimeout, "qrTimeout");
        Objects.requireNonNull(stableAfter, "stableAfter");
    }
}
