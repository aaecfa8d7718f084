package io.wafleet.server.firestore;

import io.wafleet.server.registry.AccountId;

import java.time.Instant;
import java.util.Objects;

/**
 * One account's lease as stored in {@code wa_fleet_leases/{slotId}}. The epoch grows by one on every acquisition,
 * so it doubles as the fencing token every backup and metadata write carries.
 */
public record Lease(AccountId account, String holder, long epoch, Instant expireAt) {

    public Lease {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(expireAt, "expireAt");
    }

    public boolean heldBy(String process, Instant now) {
        return holder.equals(process) && expireAt.isAfter(now);
    }

    public boolean expired(Instant now) {
        return !expireAt.isAfter(now);
    }
}
