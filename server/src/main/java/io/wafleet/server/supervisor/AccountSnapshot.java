package io.wafleet.server.supervisor;

import io.wafleet.server.registry.AccountId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent, immutable view of one account at one instant: what the dashboard, the API and the metrics show.
 *
 * @param maskedPhone       the linked phone number, already masked
 * @param reconnectAttempts consecutive failed attempts since the connection was last stable (drives the backoff)
 * @param reconnectCount    every reconnect since the process started
 * @param alias             the id the account had in the Baileys service it was adopted from
 */
public record AccountSnapshot(
        AccountId id,
        String displayName,
        Optional<String> maskedPhone,
        AccountState state,
        String reason,
        Instant since,
        Optional<Instant> lastConnectedAt,
        Optional<Instant> lastEventAt,
        int reconnectAttempts,
        long reconnectCount,
        Optional<Instant> nextRetryAt,
        Optional<QrOffer> qr,
        List<Transition> history,
        Optional<String> alias) {

    public AccountSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(maskedPhone, "maskedPhone");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(lastConnectedAt, "lastConnectedAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        Objects.requireNonNull(nextRetryAt, "nextRetryAt");
        Objects.requireNonNull(qr, "qr");
        history = List.copyOf(history);
        Objects.requireNonNull(alias, "alias");
    }
}
