package io.wafleet.server.testing;

import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the launcher registers in production, for {@code @SpringBootTest}: settings from a fixed environment,
 * a fresh sessions directory, and the {@link FakeConnector} in place of the WhatsApp client.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestFleet {

    public static final String TOKEN = "test-admin-token-0123456789";
    /** Each context gets its own sessions directory: two cached contexts must not fight over one lock. */
    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("wa-fleet-test-sessions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Bean
    FleetSettings fleetSettings() {
        return FleetSettings.parse(EnvironmentVariables.of(Map.of(
                "SESSIONS_PATH", temporaryDirectory().toString(),
                "ADMIN_TOKEN", TOKEN,
                "WA_HANDSHAKES_IN_FLIGHT", "30",
                "WA_HANDSHAKES_PER_SECOND", "100")));
    }

    @Bean(destroyMethod = "close")
    SessionsVolume sessionsVolume(FleetSettings settings) {
        return SessionsVolume.open(settings.sessions(), Clock.systemUTC());
    }

    /** Primary: the real client's connector is in the context too, and must not be the one supervisors use. */
    @Bean
    @Primary
    FakeConnector fakeConnector() {
        return new FakeConnector();
    }
}
