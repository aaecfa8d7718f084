package io.wafleet.server.ops;

import io.wafleet.server.alerts.Alert;
import io.wafleet.server.alerts.AlertKind;
import io.wafleet.server.alerts.AlertRules;
import io.wafleet.server.config.SessionsLocation;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.ManualTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SelfWatchTest {

    @TempDir
    Path temp;

    private final ManualTime time = new ManualTime();
    private final List<Integer> exits = new ArrayList<>();
    private final List<Alert> alerts = new ArrayList<>();

    @Test
    void aStaleHeartbeatEndsTheProcessNonZero() {
        try (SessionsVolume volume = SessionsVolume.open(new SessionsLocation(temp, "SESSIONS_PATH"), time)) {
            SelfWatch watch = new SelfWatch(new Fleet(List.of()), new StorageHealth(volume, time),
                    new AlertRules(alerts::add, 5), Runnable::run, time, exits::add);
            time.advance(Duration.ofMinutes(2));
            watch.tick();
            time.advance(Duration.ofMinutes(2));
            assertThat(watch.checkHeartbeat()).isTrue();
            assertThat(exits).isEmpty();

            time.advance(Duration.ofMinutes(2)); // the scheduler stopped ticking
            assertThat(watch.checkHeartbeat()).isFalse();
            assertThat(exits).containsExactly(SelfWatch.WEDGED_EXIT_CODE);
        }
    }

    @Test
    void storageThatStopsTakingWritesRaisesOneAlert() throws Exception {
        Path sessions = Files.createDirectories(temp.resolve("sessions"));
        try (SessionsVolume volume = SessionsVolume.open(new SessionsLocation(sessions, "SESSIONS_PATH"), time)) {
            SelfWatch watch = new SelfWatch(new Fleet(List.of()), new StorageHealth(volume, time),
                    new AlertRules(alerts::add, 5), Runnable::run, time, exits::add);
            watch.tick();
            assertThat(alerts).isEmpty();

            // The volume disappears under the process (unmounted, say): probes fail from now on.
            Path moved = temp.resolve("gone");
            Files.move(sessions, moved);
            time.advance(Duration.ofSeconds(30));
            watch.tick();
            time.advance(Duration.ofSeconds(30));
            watch.tick();
            assertThat(alerts).extracting(Alert::kind).containsExactly(AlertKind.STORAGE_FAILURE);
        }
    }
}
