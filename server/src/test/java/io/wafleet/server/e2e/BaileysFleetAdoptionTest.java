package io.wafleet.server.e2e;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.adoption.AdoptionFixture;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.Launcher;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.device.StreamErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, proof 2: the first user's sessions path as the old service left it (30 folders that the real Baileys
 * rc.9 linked to the simulator, named {@code account_prod_<hash>}, plus a corrupt and a never-paired folder). The
 * server starts on it against the simulator that holds those 30 devices: 30 CONNECTED without a QR, the two bad
 * folders reported, every source file byte-identical afterwards, and a restart imports nothing again. Then the
 * old service "starts again" on one account (WhatsApp replaces the stream, 440): that slot stops in CONFLICT,
 * showing the alias the dashboard explains it with.
 */
class BaileysFleetAdoptionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "e2e-admin-token-0123456789";

    @TempDir
    Path temp;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : running.reversed()) {
            closeable.close();
        }
    }

    @Test
    void thirtyBaileysAccountsConnectWithoutAQrAndTheirFoldersStayUntouched() throws IOException {
        Path sessions = Files.createDirectories(temp.resolve("sessions"));
        List<String> linked = AdoptionFixture.linkedAccounts();
        List<String> all = new ArrayList<>(linked);
        all.add(AdoptionFixture.CORRUPT);
        all.add(AdoptionFixture.UNPAIRED);
        AdoptionFixture.copy(sessions, all);
        Map<String, Map<String, String>> before = sources(sessions, all);
        WaSimulator simulator = WaSimulator.builder()
                .stateFile(Files.copy(AdoptionFixture.simulatorState(), temp.resolve("simulator-state.json"))).start();
        running.add(simulator);

        long started = System.nanoTime();
        ConfigurableApplicationContext first = start(sessions, simulator);
        Http http = http(first);
        await("30 connected", () -> summary(http, "connected") == linked.size(), 120);
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("[adoption] %d Baileys accounts adopted, start to %d CONNECTED in %d ms%n",
                linked.size(), linked.size(), elapsedMs);

        assertThat(simulator.stats().qrIssued()).as("no QR offered").isZero();
        assertThat(simulator.stats().pairings()).isZero();
        assertThat(simulator.stats().loginFailures()).isZero();
        JsonNode accounts = json(http.get("/api/accounts").body());
        List<String> aliases = new ArrayList<>();
        for (JsonNode account : accounts) {
            if (account.get("alias").isString()) {
                aliases.add(account.get("alias").asString());
                JsonNode detail = json(http.get("/api/accounts/" + account.get("accountId").asString()).body());
                assertThat(detail.get("history")).extracting(h -> h.get("to").asString()).doesNotContain("QR_REQUIRED");
            }
        }
        assertThat(aliases).containsExactlyInAnyOrderElementsOf(linked);
        JsonNode dashboard = json(http.get("/api/status/dashboard").body());
        assertThat(dashboard.get("accounts")).filteredOn(a -> a.get("alias").isString()).hasSize(linked.size());

        JsonNode adoption = json(http.get("/api/adoption").body());
        assertThat(adoption.get("importedNow").asInt()).isEqualTo(linked.size());
        assertThat(adoption.get("problems")).extracting(p -> p.get("alias").asString() + " " + p.get("reason").asString())
                .containsExactlyInAnyOrder(AdoptionFixture.CORRUPT + " baileys-bad-credentials",
                        AdoptionFixture.UNPAIRED + " baileys-not-paired");

        first.close();
        running.remove(first);
        assertThat(sources(sessions, all)).as("every Baileys file byte-identical, same mtime").isEqualTo(before);

        ConfigurableApplicationContext second = start(sessions, simulator);
        Http again = http(second);
        await("30 connected after the restart", () -> summary(again, "connected") == linked.size(), 120);
        JsonNode afterRestart = json(again.get("/api/adoption").body());
        assertThat(afterRestart.get("importedNow").asInt()).as("nothing imported again").isZero();
        assertThat(afterRestart.get("adoptedCount").asInt()).isEqualTo(linked.size());
        assertThat(afterRestart.get("problems")).hasSize(2);
        assertThat(simulator.stats().qrIssued()).isZero();

        // The old service started again on one account: WhatsApp replaces wa-fleet's stream (440).
        String resumed = linked.getFirst();
        String slot = slotOf(again, resumed);
        simulator.device(Jid.parse(AdoptionFixture.ownJid(sessions.resolve(resumed))).orElseThrow()).streamError(StreamErrorKind.REPLACED);
        await(slot + " in conflict", () -> json(again.get("/api/accounts/" + slot).body()).get("status").asString().equals("CONFLICT"), 30);
        assertThat(json(again.get("/api/accounts/" + slot).body()).get("alias").asString()).isEqualTo(resumed);
        second.close();
        running.remove(second);
        assertThat(sources(sessions, all)).isEqualTo(before);
    }

    private ConfigurableApplicationContext start(Path sessions, WaSimulator simulator) {
        FleetSettings settings = FleetSettings.parse(EnvironmentVariables.of(Map.of(
                "SESSIONS_PATH", sessions.toString(),
                "ADMIN_TOKEN", TOKEN,
                "WA_SERVER_URL", simulator.url().toString(),
                "WA_TRUSTED_ROOT_KEY", HexFormat.of().formatHex(simulator.rootPublicKey()),
                "WA_HANDSHAKES_IN_FLIGHT", "10",
                "WA_HANDSHAKES_PER_SECOND", "30")));
        ConfigurableApplicationContext context = Launcher.run(settings, SessionsVolume.open(settings.sessions(), Clock.systemUTC()));
        running.add(context);
        return context;
    }

    private static String slotOf(Http http, String alias) {
        for (JsonNode account : json(http.get("/api/accounts").body())) {
            if (account.get("alias").isString() && alias.equals(account.get("alias").asString())) {
                return account.get("accountId").asString();
            }
        }
        throw new AssertionError("no slot shows the alias " + alias);
    }

    private static Map<String, Map<String, String>> sources(Path sessions, List<String> folders) {
        Map<String, Map<String, String>> all = new java.util.TreeMap<>();
        folders.forEach(folder -> all.put(folder, AdoptionFixture.fingerprint(sessions.resolve(folder))));
        return all;
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), TOKEN);
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private static int summary(Http http, String field) {
        return json(http.get("/api/status/dashboard").body()).get("summary").get(field).asInt();
    }
}
