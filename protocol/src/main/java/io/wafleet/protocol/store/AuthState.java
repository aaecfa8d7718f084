package io.wafleet.protocol.store;

import java.util.Objects;
import java.util.Optional;

/**
 * The committed state of an account at one instant: its credentials (empty before the first save) and how many
 * changes have been committed to it since it was created. The sequence lets a backup or a test tell two states
 * apart without comparing every key.
 */
public record AuthState(Optional<Credentials> credentials, long sequence) {
    public AuthState {
        Objects.requireNonNull(credentials, "credentials");
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative");
        }
    }
}
