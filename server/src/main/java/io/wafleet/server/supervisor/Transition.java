package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

import java.time.Instant;
import java.util.Objects;

/** One change of an account's state, with why and when; the unit of history, SSE, metrics and alerts. */
public record Transition(AccountId account, AccountState from, AccountState to, String reason, Instant at) {

    public Transition {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }
}
