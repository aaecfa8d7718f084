package io.wafleet.server.ops;

import io.wafleet.server.storage.SessionsVolume;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether the sessions volume takes a durable write, probed at most every few seconds so that a health check
 * hammering {@code /health} cannot turn into a disk benchmark.
 */
public final class StorageHealth {

    private static final Duration FRESH_FOR = Duration.ofSeconds(5);

    private final SessionsVolume volume;
    private final Clock clock;
    private Instant checkedAt = Instant.MIN;
    private boolean writable;

    public StorageHealth(SessionsVolume volume, Clock clock) {
        this.volume = volume;
        this.clock = clock;
    }

    public synchronized boolean writable() {
        Instant now = clock.instant();
        if (checkedAt.plus(FRESH_FOR).isBefore(now)) {
            writable = volume.writable();
            checkedAt = now;
        }
        return writable;
    }
}
