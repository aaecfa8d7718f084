package io.wafleet.server.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = Backoff.standard(new SplittableRandom(7));

    @Test
    void ceilingDoublesFromOneSecondUpToFiveMinutes() {
        assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.ceiling(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.ceiling(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(backoff.ceiling(10)).isEqualTo(Duration.ofMinutes(5));
        assertThat(backoff.ceiling(10_000)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void delayIsFullJitterWithinTheCeiling() {
        for (int attempt = 1; attempt < 30; attempt++) {
            for (int i = 0; i < 50; i++) {
                assertThat(backoff.delay(attempt)).isBetween(Duration.ZERO, backoff.ceiling(attempt));
            }
        }
    }

    @Test
    void jitterSpreadsAFleetThatDroppedTogether() {
        long distinct = java.util.stream.IntStream.range(0, 30).mapToObj(i -> backoff.delay(8)).distinct().count();
        assertThat(distinct).isGreaterThan(20);
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> backoff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new SplittableRandom()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
