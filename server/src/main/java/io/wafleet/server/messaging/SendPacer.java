package io.wafleet.server.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One account's send rate: sends are spaced at least {@code 60 s / perMinute} apart, without bursts. An account
 * that suddenly sends a burst is what WhatsApp's spam detection looks for, so a queue that built up while the
 * account was offline drains at the same steady pace as everything else.
 */
final class SendPacer {

    private final Duration spacing;
    private final Clock clock;
    private Instant nextAllowed = Instant.MIN;

    SendPacer(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("perMinute must be positive");
        }
        this.spacing = Duration.ofMinutes(1).dividedBy(perMinute);
        this.clock = clock;
    }

    /** How long to wait before the next send may start; zero when it may start now. */
    synchronized Duration waitBeforeNext() {
        Duration wait = Duration.between(clock.instant(), nextAllowed);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** A send starts now: the next one waits a full spacing from here. */
    synchronized void sending() {
        nextAllowed = clock.instant().plus(spacing);
    }
}
