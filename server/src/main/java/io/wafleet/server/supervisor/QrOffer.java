package io.wafleet.server.supervisor;

import java.time.Instant;
import java.util.Objects;

/** The QR string currently offered for linking; shown on purpose to the operator, never logged. */
public record QrOffer(String code, Instant expiresAt) {

    public QrOffer {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "QrOffer[expiresAt=" + expiresAt + "]";
    }
}
