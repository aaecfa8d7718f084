package io.wafleet.server.ops;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The same storage check for the actuator's readiness group. */
public final class StorageHealthIndicator implements HealthIndicator {

    private final StorageHealth storage;

    public StorageHealthIndicator(StorageHealth storage) {
        this.storage = storage;
    }

    @Override
    public Health health() {
        return storage.writable() ? Health.up().build() : Health.down().withDetail("storage", "not writable").build();
    }
}
