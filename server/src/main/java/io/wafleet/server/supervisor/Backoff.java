package io.wafleet.server.supervisor;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Full-jitter exponential backoff: the n-th consecutive retry waits a uniformly random time between zero and
 * {@code min(cap, base * 2^(n-1))}. The jitter spreads a fleet that dropped together, so it does not come back
 * as one burst of logins.
 */
public final class Backoff {

    private final Duration base;
    private final Duration cap;
    private final RandomGenerator random;

    public Backoff(Duration base, Duration cap, RandomGenerator random) {
        this.base = Objects.requireNonNull(base, "base");
        this.cap = Objects.requireNonNull(cap, "cap");
        this.random = Objects.requireNonNull(random, "random");
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("need 0 < base <= cap, got base " + base + " cap " + cap);
        }
    }

    public static Backoff standard(RandomGenerator random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), random);
    }

    /** The upper bound of the wait before retry number {@code attempt} (1-based). */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        int doublings = Math.min(attempt - 1, 40); // 2^40 seconds is far past any cap
        long millis = base.toMillis() << doublings;
        return millis >= cap.toMillis() ? cap : Duration.ofMillis(millis);
    }

    /** A random wait in {@code [0, ceiling(attempt)]}. */
    public Duration delay(int attempt) {
        return Duration.ofMillis(random.nextLong(ceiling(attempt).toMillis() + 1));
    }
}
