package io.wafleet.server.firestore;

import com.google.cloud.Timestamp;
import com.google.cloud.firestore.Firestore;
import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.FirestoreEmulator;
import io.wafleet.server.testing.FleetApi;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.SharedFirestoreEmulator;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.DeviceView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with Firestore, in-process against the real emulator and the simulator: metadata merged at boot,
 * backup then a wiped volume then a restore and a login without QR, a wrong key that changes nothing, and an
 * outage the fleet rides out on its volume.
 */
@ExtendWith(SharedFirestoreEmulator.class)
class FirestoreFleetTest {

    private static final String TOKEN = "firestore-admin-token-0123456789";

    @TempDir
    Path temp;

    private WaSimulator simulator;
    private final List<AutoCloseable> running = new ArrayList<>();
    private final String key = randomKey();

    @BeforeEach
    void simulator() {
        simulator = WaSimulator.start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable resource : running.reversed()) {
            resource.close();
        }
        simulator.close();
    }

    private Map<String, String> env(FirestoreEmulator emulator, String project, Path sessions, int accounts) {
        return new HashMap<>(Map.of(
                "SESSIONS_PATH", sessions.toString(),
                "ADMIN_TOKEN", TOKEN,
                "WA_ACCOUNTS", Integer.toString(accounts),
                "WA_SERVER_URL", simulator.url().toString(),
                "WA_TRUSTED_ROOT_KEY", HexFormat.of().formatHex(simulator.rootPublicKey()),
                "FIRESTORE_EMULATOR_HOST", emulator.hostPort(),
                "GOOGLE_CLOUD_PROJECT", project,
                "SESSIONS_BACKUP_KEY", key,
                "WA_LEASE_TTL_SECONDS", "9"));
    }

    private ConfigurableApplicationContext start(Map<String, String> variables) {
        EnvironmentVariables env = EnvironmentVariables.of(variables);
        FleetSettings settings = FleetSettings.parse(env);
        ConfigurableApplicationContext context = WaFleetApplication.application(settings,
                SessionsVolume.open(settings.sessions(), Clock.systemUTC()), FirestoreSettings.parse(env)).run("--server.port=0");
        running.add(context);
        return context;
    }

    private static FleetApi api(ConfigurableApplicationContext context) {
        return new FleetApi(new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), TOKEN));
    }

    @Test
    void bootMergesNamesAndDesiredStateAndReadsTheOldServicesDocumentsWhateverTheyHold(FirestoreEmulator emulator) throws Exception {
        String project = FirestoreEmulator.freshProject();
        try (Firestore db = emulator.client(project)) {
            db.collection("wa_fleet_accounts").document("WA-01").set(Map.of("name", "Sales RO", "desiredState", "RUNNING")).get();
            db.collection("wa_fleet_accounts").document("WA-03").set(Map.of("name", "Orphan", "status", "CONNECTED")).get();
            // The old service's documents: odd types, nested maps, arrays, ids that are not slots.
            db.collection("accounts").document("account_prod_4f2a").set(Map.of(
                    "slotId", "WA-02", "name", "Support", "phone", 40712345612L,
                    "status", Map.of("state", "open", "since", Timestamp.now()), "tags", List.of("a", 1L))).get();
            db.collection("accounts").document("account_prod_99zz").set(Map.of(
                    "name", List.of("not", "a", "string"), "phone", Map.of("nested", true), "blob", true)).get();
        }
        FleetApi api = api(start(env(emulator, project, temp.resolve("sessions"), 4)));

        await("names from Firestore", () -> api.account("WA-01").get("name").asString().equals("Sales RO")
                && api.account("WA-02").get("name").asString().equals("Support"), 30);
        // Known in Firestore (ours or the old service's) but no session here or in a backup: it needs a link.
        await("WA-03 shown as needing a link", () -> api.reason("WA-03").startsWith("needs-link"), 30);
        assertThat(api.state("WA-03")).isEqualTo("STOPPED");
        assertThat(api.reason("WA-02")).startsWith("needs-link");
        assertThat(api.account("WA-02").get("phone").asString()).as("the old service's phone, masked").isEqualTo("+40 7** *** *12");
        assertThat(api.reason("WA-04")).isEqualTo("not-linked");
        assertThat(api.firestore().get("status").asString()).isEqualTo("up");
        assertThat(api.firestore().get("leasesHeld")).hasSize(4);
    }

    @Test
    void aBackupRestoresOntoAWipedVolumeAndLogsInWithoutQrWhileAWrongKeyChangesNothing(FirestoreEmulator emulator) throws Exception {
        String project = FirestoreEmulator.freshProject();
        Map<String, String> first = env(emulator, project, temp.resolve("first"), 2);
        ConfigurableApplicationContext context = start(first);
        FleetApi api = api(context);
        await("leases held", () -> api.reason("WA-01").equals("not-linked") && api.reason("WA-02").equals("not-linked"), 30);
        api.link(simulator, "WA-01", "+15550001001");
        api.link(simulator, "WA-02", "+15550001002");
        await("both connected", () -> api.connected() == 2, 60);
        context.close(); // SIGTERM's path: sockets closed, leases released

        Map<String, String> wrongKey = env(emulator, project, temp.resolve("wrong-key"), 2);
        wrongKey.put("SESSIONS_BACKUP_KEY", randomKey());
        ConfigurableApplicationContext refused = start(wrongKey);
        FleetApi refusedApi = api(refused);
        await("a clear per-account error", () -> refusedApi.reason("WA-01").startsWith("backup-unreadable")
                && refusedApi.reason("WA-02").startsWith("backup-unreadable"), 30);
        assertThat(refusedApi.reason("WA-01")).contains("SESSIONS_BACKUP_KEY");
        assertThat(temp.resolve("wrong-key").resolve("WA-01")).as("nothing written").doesNotExist();
        refused.close();

        Path wiped = temp.resolve("wiped");
        Files.createDirectories(wiped);
        FleetApi restored = api(start(env(emulator, project, wiped, 2)));
        await("both connected from the backup", () -> restored.connected() == 2, 60);
        for (String id : List.of("WA-01", "WA-02")) {
            assertThat(restored.account(id).get("history")).extracting(h -> h.get("to").asString())
                    .as(id + " restored, not relinked").doesNotContain("QR_REQUIRED");
            assertThat(restored.account(id).get("history")).extracting(h -> h.get("reason").asString())
                    .anySatisfy(reason -> assertThat(reason).startsWith("restored-from-backup"));
        }
        assertThat(simulator.devices()).allSatisfy(device -> assertThat(device.replacedCount()).isZero());
    }

    @Test
    void anOutageKeepsTheFleetOnItsVolumeWithHealthUpAndCatchesUpAfter(FirestoreEmulator own) {
        // The shared emulator is frozen (SIGSTOP) and thawed; @AfterEach closes the fleet while it answers again.
        try {
            FleetApi api = api(start(env(own, FirestoreEmulator.freshProject(), temp.resolve("sessions"), 2)));
            await("leases held", () -> api.reason("WA-01").equals("not-linked") && api.reason("WA-02").equals("not-linked"), 30);
            api.link(simulator, "WA-01", "+15550002001");
            api.link(simulator, "WA-02", "+15550002002");
            await("both connected", () -> api.connected() == 2, 60);

            // A short outage: noticed, shown as degraded, and ridden out while the leases are still valid.
            own.pause();
            await("Firestore shown degraded", () -> api.firestore().get("status").asString().equals("degraded"), 30);
            assertThat(api.connected()).isEqualTo(2);
            assertThat(api.http().send(api.http().request("/health")).statusCode()).isEqualTo(200);
            assertThat(api.http().get("/actuator/prometheus").body()).containsPattern("(?m)^wafleet_firestore_up(\\{[^}]*})? 0(\\.0)?$");
            own.resume();
            await("Firestore up again", () -> api.firestore().get("status").asString().equals("up"), 30);
            assertThat(api.connected()).isEqualTo(2);

            // A long one: past two thirds of the TTL the accounts pause rather than risk two owners, then come back.
            own.pause();
            await("accounts paused", () -> api.state("WA-01").equals("STOPPED") && api.state("WA-02").equals("STOPPED"), 60);
            assertThat(api.reason("WA-01")).startsWith("lease-lost");
            assertThat(api.http().send(api.http().request("/health")).statusCode()).isEqualTo(200);
            own.resume();
            // Within a couple of lease rounds (TTL 9 s): the transactions left over from the outage must not keep
            // the lease documents locked until the emulator expires them (a minute).
            await("both connected again", () -> api.connected() == 2, 20);
            assertThat(api.firestore().get("status").asString()).isEqualTo("up");
            assertThat(simulator.devices()).allSatisfy(device -> {
                assertThat(device.replacedCount()).isZero();
                assertThat(device.maxLiveConnections()).isEqualTo(1);
            });
            assertThat(simulator.devices()).extracting(DeviceView::connected).containsOnly(true);
        } finally {
            own.resume();
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
