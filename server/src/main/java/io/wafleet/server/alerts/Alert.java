package io.wafleet.server.alerts;

import io.wafleet.server.registry.AccountId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One alert: what happened, to which account (none for fleet-wide ones), why, when, and a sentence for humans. */
public record Alert(AlertKind kind, Optional<AccountId> account, String reason, Instant at, String message) {

    public Alert {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(message, "message");
    }
}
