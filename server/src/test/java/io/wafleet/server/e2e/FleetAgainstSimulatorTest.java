package io.wafleet.server.e2e;

import com.sun.net.httpserver.HttpServer;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.alerts.WebhookAlertSender;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.supervisor.ConnectionGate;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server end to end against the simulator, through the real launcher path and the real client: link 30
 * slots through the API (simulated phones scan the QR strings the API hands out), restart the server on the
 * same volume and get 30 accounts back without a QR, then faults: a fleet-wide drop (an outage) and a single
 * drop recover by themselves; a removed device, a replaced stream, a temporary and a permanent ban stop their
 * accounts in the right state, each with one signed alert at a local webhook receiver.
 */
class FleetAgainstSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "e2e-admin-token-0123456789";
    private static final String ALERT_SECRET = "e2e-alert-secret";

    @TempDir
    Path sessions;

    private final List<byte[]> alertBodies = new CopyOnWriteArrayList<>();
    private final List<String> alertSignatures = new CopyOnWriteArrayList<>();
    private final List<String> alertTimestamps = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stop() {
        running.forEach(ConfigurableApplicationContext::close);
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private ConfigurableApplicationContext start() {
        FleetSettings settings = FleetSettings.parse(EnvironmentVariables.of(Map.of(
                "SESSIONS_PATH", sessions.toString(),
                "ADMIN_TOKEN", TOKEN,
                "WA_DEMO", "true",
                "WA_HANDSHAKES_IN_FLIGHT", "10",
                "WA_HANDSHAKES_PER_SECOND", "30",
                "ALERT_WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts",
                "ALERT_WEBHOOK_SECRET", ALERT_SECRET)));
        ConfigurableApplicationContext context = Launcher.run(settings, SessionsVolume.open(settings.sessions(), Clock.systemUTC()));
        running.add(context);
        return context;
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

    private static String state(Http http, String id) {
        return json(http.get("/api/accounts/" + id).body()).get("status").asString();
    }

    @Test
    void thirtySlotsLinkSurviveARestartAndReactToFaults() throws IOException {
        startAlertReceiver();
        ConfigurableApplicationContext first = start();
        Http http = http(first);
        WaSimulator simulator = first.getBean(WaSimulator.class);

        List<String> ids = new ArrayList<>();
        for (int slot = 1; slot <= 30; slot++) {
            ids.add("WA-%02d".formatted(slot));
        }
        ids.forEach(id -> assertThat(http.post("/api/accounts/" + id + "/link").statusCode()).isEqualTo(202));
        Map<String, Jid> phones = new HashMap<>();
        for (String id : ids) {
            String path = "/api/accounts/" + id + "/qr";
            await("a QR for " + id, () -> http.send(http.authorized(path).header("Accept", "application/json")).statusCode() == 200, 30);
            String qr = json(http.send(http.authorized(path).header("Accept", "application/json")).body()).get("qr").asString();
            String number = "+1666%07d".formatted(ids.indexOf(id) + 1);
            Jid device = simulator.newPhone(number).scan(qr);
            phones.put(id, device);
        }
        await("30 connected", () -> summary(http, "connected") == 30, 60);
        assertThat(simulator.stats().logins()).isGreaterThanOrEqualTo(30);

        first.close();
        running.remove(first);

        ConfigurableApplicationContext second = start();
        Http again = http(second);
        await("30 connected after the restart", () -> summary(again, "connected") == 30, 60);
        for (String id : ids) {
            JsonNode detail = json(again.get("/api/accounts/" + id).body());
            assertThat(detail.get("history")).extracting(h -> h.get("to").asString())
                    .as(id + " came back without a QR").doesNotContain("QR_REQUIRED");
        }

        WaSimulator restarted = second.getBean(WaSimulator.class);
        long loginsBefore = restarted.stats().logins();
        restarted.everyDevice().drop(); // an outage: the whole fleet drops at once
        // The count can still read 30 before the drop is noticed: wait for 30 new logins first.
        await("30 logins after the outage", () -> restarted.stats().logins() >= loginsBefore + 30, 60);
        await("30 connected after the outage", () -> summary(again, "connected") == 30, 60);
        await("probe mode ended", () -> !second.getBean(ConnectionGate.class).probeMode(), 30);

        int reconnectsBefore = json(again.get("/api/accounts/WA-06").body()).get("reconnectCount").asInt();
        await("WA-06's live connection dropped", () -> restarted.device(phones.get("WA-06")).drop() > 0);
        await("WA-06 back after a drop", () -> state(again, "WA-06").equals("CONNECTED")
                && json(again.get("/api/accounts/WA-06").body()).get("reconnectCount").asInt() > reconnectsBefore, 30);

        restarted.device(phones.get("WA-05")).streamError(StreamErrorKind.DEVICE_REMOVED);
        restarted.device(phones.get("WA-07")).streamError(StreamErrorKind.REPLACED);
        restarted.device(phones.get("WA-08")).ban(Duration.ofHours(1));
        restarted.device(phones.get("WA-09")).banPermanently();
        await("WA-05 logged out", () -> state(again, "WA-05").equals("LOGGED_OUT"), 30);
        await("WA-07 in conflict", () -> state(again, "WA-07").equals("CONFLICT"), 30);
        await("WA-08 banned until the expiry", () -> state(again, "WA-08").equals("BANNED")
                && !json(again.get("/api/accounts/WA-08").body()).get("nextRetryAt").isNull(), 30);
        await("WA-09 banned for good", () -> state(again, "WA-09").equals("BANNED"), 30);
        await("four alerts", () -> alertBodies.size() >= 4, 30);

        int loggedOut = kinds().indexOf("logged_out");
        assertThat(loggedOut).as("one logged_out alert").isNotNegative();
        String alert = new String(alertBodies.get(loggedOut), StandardCharsets.UTF_8);
        assertThat(alert).contains("\"accountId\":\"WA-05\"");
        assertThat(alertSignatures.get(loggedOut)).isEqualTo(WebhookAlertSender.signature(
                ALERT_SECRET, alertTimestamps.get(loggedOut), alertBodies.get(loggedOut)));
        assertThat(kinds()).containsExactlyInAnyOrder("logged_out", "conflict", "banned", "banned");
        assertThat(sessions.resolve("WA-05")).as("dead credentials archived").doesNotExist();
        // The four stopped accounts stay stopped; every other one is (or, if the loaded machine made one miss a
        // keepalive just now, soon is again) connected.
        await("the 26 others connected", () -> summary(again, "connected") == 26, 60);
        assertThat(List.of("WA-05", "WA-07", "WA-08", "WA-09")).allSatisfy(id ->
                assertThat(state(again, id)).isIn("LOGGED_OUT", "CONFLICT", "BANNED"));
    }

    private List<String> kinds() {
        return alertBodies.stream().map(body -> json(new String(body, StandardCharsets.UTF_8)).get("kind").asString()).toList();
    }

    private void startAlertReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            alertBodies.add(exchange.getRequestBody().readAllBytes());
            alertSignatures.add(exchange.getRequestHeaders().getFirst("X-WaFleet-Signature"));
            alertTimestamps.add(exchange.getRequestHeaders().getFirst("X-WaFleet-Timestamp"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }
}
