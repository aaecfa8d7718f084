package io.wafleet.server.firestore;

import com.google.cloud.firestore.Firestore;
import io.wafleet.server.testing.FirestoreEmulator;
import io.wafleet.server.testing.FleetProcess;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.SharedFirestoreEmulator;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.DeviceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two wa-fleet processes (real JVMs, each with its own volume) on one Firestore emulator and one simulator, 30
 * accounts: the second process takes its fair share off the first by hand-over, every account is connected by
 * exactly one process at every moment (the simulator never sees a replaced connection nor two live ones for one
 * device), and after a kill -9 of the first its accounts move to the survivor, restored from their encrypted backups
 * and logged in without a QR.
 */
@ExtendWith(SharedFirestoreEmulator.class)
class FleetSharingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "sharing-admin-token-0123456789";
    private static final int ACCOUNTS = 30;
    private static final int LEASE_TTL_SECONDS = 6;

    @TempDir
    Path temp;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : resources.reversed()) {
            resource.close();
        }
    }

    @Test
    void twoProcessesShareThirtyAccountsAndTheSurvivorTakesOverAfterAKill(FirestoreEmulator emulator) throws Exception {
        WaSimulator simulator = WaSimulator.start();
        resources.add(simulator);
        Map<String, String> env = new HashMap<>(Map.of(
                "ADMIN_TOKEN", TOKEN,
                "WA_SERVER_URL", simulator.url().toString(),
                "WA_TRUSTED_ROOT_KEY", HexFormat.of().formatHex(simulator.rootPublicKey()),
                "FIRESTORE_EMULATOR_HOST", emulator.hostPort(),
                "GOOGLE_CLOUD_PROJECT", FirestoreEmulator.freshProject(),
                "SESSIONS_BACKUP_KEY", Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32)),
                "WA_LEASE_TTL_SECONDS", Integer.toString(LEASE_TTL_SECONDS),
                "WA_HANDSHAKES_IN_FLIGHT", "10",
                "WA_HANDSHAKES_PER_SECOND", "30"));

        FleetProcess first = launch(env, "proc-a");
        Http a = first.http(TOKEN);
        List<String> ids = new ArrayList<>();
        for (int slot = 1; slot <= ACCOUNTS; slot++) {
            ids.add("WA-%02d".formatted(slot));
        }
        await("proc-a holds every lease", () -> stopped(a, "not-linked") == ACCOUNTS, 60);
        for (String id : ids) {
            assertThat(a.post("/api/accounts/" + id + "/link").statusCode()).isEqualTo(202);
            String path = "/api/accounts/" + id + "/qr";
            await("a QR for " + id, () -> a.send(a.authorized(path).header("Accept", "application/json")).statusCode() == 200, 30);
            String qr = json(a.send(a.authorized(path).header("Accept", "application/json")).body()).get("qr").asString();
            simulator.newPhone("+1777%07d".formatted(ids.indexOf(id) + 1)).scan(qr);
        }
        await("30 connected on proc-a", () -> connected(a) == ACCOUNTS, 90);

        // Sample the simulator while ownership moves: never two live connections for one device.
        AtomicInteger mostLiveAtOnce = new AtomicInteger();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        resources.add(sampler::shutdownNow);
        sampler.scheduleAtFixedRate(() -> simulator.devices().forEach(d -> mostLiveAtOnce.accumulateAndGet(d.liveConnections(), Math::max)),
                0, 20, TimeUnit.MILLISECONDS);

        FleetProcess second = launch(env, "proc-b");
        Http b = second.http(TOKEN);
        await("the accounts shared 15/15", () -> connected(a) == ACCOUNTS / 2 && connected(b) == ACCOUNTS / 2, 90);
        assertExactlyOneOwnerEver(simulator);

        long killedAt = System.nanoTime();
        first.kill();
        await("proc-b runs all 30 after the kill", () -> connected(b) == ACCOUNTS, 90);
        long handOverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.printf("hand-over after kill -9: %d ms for %d accounts (lease TTL %d s); most live connections per device: %d; replaced: %d%n",
                handOverMillis, ACCOUNTS / 2, LEASE_TTL_SECONDS, mostLiveAtOnce.get(),
                simulator.devices().stream().mapToInt(DeviceView::replacedCount).sum());
        assertExactlyOneOwnerEver(simulator);
        assertThat(mostLiveAtOnce.get()).isEqualTo(1);
        for (String id : ids) {
            JsonNode detail = json(b.get("/api/accounts/" + id).body());
            assertThat(detail.get("history")).extracting(h -> h.get("to").asString())
                    .as(id + " moved without a QR").doesNotContain("QR_REQUIRED");
        }
        assertThat(second.output()).contains("restored from backup generation");

        assertThat(second.terminate()).isZero();
        assertThat(second.output()).contains("fleet stopped", "30 leases released");
        try (Firestore db = emulator.client(env.get("GOOGLE_CLOUD_PROJECT"))) {
            Leases leases = new Leases(db, new CollectionNames("wa_fleet_"), "observer", Duration.ofSeconds(6), Duration.ofSeconds(20), Clock.systemUTC());
            assertThat(leases.all()).as("released on SIGTERM, free for another process at once").hasSize(ACCOUNTS)
                    .allSatisfy(lease -> assertThat(lease.expired(Instant.now())).isTrue());
        }
    }

    private FleetProcess launch(Map<String, String> common, String instance) {
        Map<String, String> env = new HashMap<>(common);
        env.put("SESSIONS_PATH", temp.resolve(instance).toString());
        env.put("WA_FLEET_INSTANCE", instance);
        // Logs stay in target/ after the run, for a failure's post-mortem.
        Path logs = Path.of("target", "fleet-sharing");
        try {
            java.nio.file.Files.createDirectories(logs);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        FleetProcess process = FleetProcess.launch(env, logs.resolve(instance + ".log"));
        resources.add(process);
        return process;
    }

    private static void assertExactlyOneOwnerEver(WaSimulator simulator) {
        assertThat(simulator.devices()).hasSize(ACCOUNTS).allSatisfy(device -> {
            assertThat(device.replacedCount()).as(device.phone() + " replaced").isZero();
            assertThat(device.maxLiveConnections()).as(device.phone() + " max live").isEqualTo(1);
        });
    }

    private static int connected(Http http) {
        return json(http.get("/api/status/dashboard").body()).get("summary").get("connected").asInt();
    }

    private static int stopped(Http http, String reason) {
        int count = 0;
        for (JsonNode account : json(http.get("/api/accounts").body())) {
            if (account.get("reason").asString().equals(reason)) {
                count++;
            }
        }
        return count;
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
