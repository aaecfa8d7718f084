package io.wafleet.server.firestore;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether Firestore answered lately. A Firestore outage degrades the fleet (no backups, no new leases) but never
 * makes the process unhealthy: {@code /health} stays UP, the dashboard and metrics show "degraded".
 */
public final class FirestoreHealth {

    private final Clock clock;
    private volatile boolean reachable = true;
    private volatile Instant since;
    private volatile Optional<String> lastError = Optional.empty();

    public FirestoreHealth(Clock clock) {
        this.clock = clock;
        this.since = clock.instant();
    }

    void succeeded() {
        if (!reachable) {
            reachable = true;
            since = clock.instant();
            lastError = Optional.empty();
        }
    }

    void failed(String error) {
        if (reachable) {
            reachable = false;
            since = clock.instant();
        }
        lastError = Optional.of(error);
    }

    public boolean reachable() {
        return reachable;
    }

    /** "up" or "degraded". */
    public String status() {
        return reachable ? "up" : "degraded";
    }

    public Instant since() {
        return since;
    }

    public Optional<String> lastError() {
        return lastError;
    }
}
