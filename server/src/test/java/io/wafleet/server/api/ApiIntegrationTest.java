package io.wafleet.server.api;

import io.wafleet.protocol.client.ClientEvent;
import io.wafleet.protocol.client.DisconnectReason.Category;
import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.registry.Fleet;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.supervisor.AccountState;
import io.wafleet.server.testing.FakeConnector;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.TestFleet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {WaFleetApplication.class, TestFleet.class})
class ApiIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    FakeConnector connector;
    @Autowired
    Fleet fleet;
    @Autowired
    SessionsVolume volume;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private AccountState state(String id) {
        return fleet.get(AccountId.of(id)).orElseThrow().snapshot().state();
    }

    @Test
    void requestsWithoutOrWithAWrongTokenGet401AndNoData() {
        for (String path : List.of("/api/accounts", "/api/status/dashboard", "/api/accounts/WA-01", "/api/events",
                "/actuator/prometheus", "/api;x=y/accounts", "/api/nothing-here")) {
            HttpResponse<String> none = http.send(http.request(path));
            HttpResponse<String> wrong = http.send(http.request(path).header("Authorization", "Bearer wrong-token-but-long-enough"));
            for (HttpResponse<String> response : List.of(none, wrong)) {
                assertThat(response.statusCode()).as(path).isEqualTo(401);
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(response.body()).doesNotContain("WA-01", "accounts");
            }
        }
    }

    @Test
    void healthIsPublicAndMinimal() {
        HttpResponse<String> health = http.send(http.request("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(json(health).get("status").asString()).isEqualTo("UP");
        assertThat(http.send(http.request("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(http.send(http.request("/actuator/health/readiness")).statusCode()).isEqualTo(200);
    }

    @Test
    void dashboardHasTheSeedShape() {
        JsonNode dashboard = json(http.get("/api/status/dashboard"));
        assertThat(dashboard.get("timestamp").asString()).isNotBlank();
        assertThat(dashboard.get("service").get("status").asString()).isEqualTo("UP");
        assertThat(dashboard.get("service").has("uptime")).isTrue();
        assertThat(dashboard.get("service").has("version")).isTrue();
        assertThat(dashboard.get("storage").get("path").asString()).isEqualTo(volume.root().toString());
        assertThat(dashboard.get("storage").get("writable").asBoolean()).isTrue();
        assertThat(dashboard.get("storage").get("totalAccounts").asInt()).isEqualTo(30);
        assertThat(dashboard.get("accounts")).hasSize(30);
        JsonNode first = dashboard.get("accounts").get(0);
        assertThat(first.get("accountId").asString()).isEqualTo("WA-01");
        assertThat(List.of("accountId", "name", "phone", "status", "reason", "lastEventAt", "lastConnectedAt",
                "reconnectCount", "nextRetryAt", "needsQR", "qrCode")).allMatch(first::has);
        JsonNode summary = dashboard.get("summary");
        assertThat(List.of("connected", "connecting", "disconnected", "needs_qr", "logged_out", "banned", "conflict",
                "stopped", "total")).allMatch(summary::has);
        assertThat(summary.get("total").asInt()).isEqualTo(30);
    }

    @Test
    void malformedIdsAre400AndTouchNothingOnDisk() throws Exception {
        List<String> before = listing();
        for (String id : List.of("..%2Fx", "a".repeat(65), "%C3%A9t%C3%A9", "WA-01%00", "x%20y")) {
            for (HttpResponse<String> response : List.of(
                    http.get("/api/accounts/" + id),
                    http.post("/api/accounts/" + id + "/link"),
                    http.post("/api/accounts/" + id + "/logout"))) {
                assertThat(response.statusCode()).as(id).isEqualTo(400);
            }
        }
        assertThat(json(http.get("/api/accounts/" + "b".repeat(65))).get("type").asString()).endsWith("invalid-account-id");
        assertThat(http.get("/api/accounts/WA-99").statusCode()).isEqualTo(404);
        assertThat(listing()).isEqualTo(before);
    }

    @Test
    void linkingShowsAQrUntilThePhoneScansIt() {
        HttpResponse<String> link = http.post("/api/accounts/WA-03/link");
        assertThat(link.statusCode()).isEqualTo(202);
        AccountId id = AccountId.of("WA-03");
        await("an attempt", () -> connector.opens(id) == 1);
        connector.offerQr(id, "2@simulated-ref,key,identity,adv", Instant.now().plusSeconds(60));

        HttpResponse<byte[]> png = http.sendForBytes(http.authorized("/api/accounts/WA-03/qr"));
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
        JsonNode text = json(http.send(http.authorized("/api/accounts/WA-03/qr").header("Accept", "application/json")));
        assertThat(text.get("qr").asString()).isEqualTo("2@simulated-ref,key,identity,adv");

        JsonNode card = cardOf("WA-03");
        assertThat(card.get("status").asString()).isEqualTo("QR_REQUIRED");
        assertThat(card.get("needsQR").asBoolean()).isTrue();
        assertThat(card.get("qrCode").asString()).startsWith("data:image/png;base64,");

        connector.emit(id, new ClientEvent.Paired("40712345699:4@s.whatsapp.net", Optional.empty(), Optional.empty(), "android"));
        connector.close(id, Category.RESTART_REQUIRED, 515, "restart-required");
        await("the login attempt", () -> connector.opens(id) == 2);
        connector.connect(id);
        JsonNode connected = cardOf("WA-03");
        assertThat(connected.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(connected.get("qrCode").isNull()).isTrue();
        assertThat(connected.get("phone").asString()).isEqualTo("+40 7** *** *12");
        assertThat(http.get("/api/accounts/WA-03/qr").statusCode()).isEqualTo(404);

        JsonNode detail = json(http.get("/api/accounts/WA-03"));
        assertThat(detail.get("history")).extracting(h -> h.get("to").asString())
                .containsExactly("CONNECTING", "QR_REQUIRED", "CONNECTING", "CONNECTING", "CONNECTED");
        assertThat(http.post("/api/accounts/WA-03/link").statusCode()).as("already linked").isEqualTo(409);
    }

    @Test
    void operatorActionsAndRename() {
        AccountId id = AccountId.of("WA-04");
        connector.giveCredentials(id);
        assertThat(http.post("/api/accounts/WA-04/restart").statusCode()).isEqualTo(202);
        await("an attempt", () -> connector.opens(id) >= 1);
        connector.connect(id);
        await("connected", () -> state("WA-04") == AccountState.CONNECTED);

        HttpResponse<String> renamed = http.send(http.authorized("/api/accounts/WA-04")
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"Sales RO\"}")));
        assertThat(json(renamed).get("name").asString()).isEqualTo("Sales RO");
        assertThat(http.send(http.authorized("/api/accounts/WA-04").header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"name\":\"\"}"))).statusCode()).isEqualTo(400);

        assertThat(json(http.post("/api/accounts/WA-04/stop")).get("status").asString()).isEqualTo("STOPPED");
        assertThat(connector.latest(id).orElseThrow().closed()).isTrue();
        assertThat(json(http.post("/api/accounts/WA-04/logout")).get("reason").asString()).isEqualTo("logged-out-by-operator");
    }

    @Test
    void eventsStreamEveryStateChange() throws Exception {
        HttpResponse<InputStream> stream = http.client().send(http.authorized("/api/events")
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.statusCode()).isEqualTo(200);
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            await("the subscription", () -> true);
            AccountId id = AccountId.of("WA-05");
            connector.giveCredentials(id);
            http.post("/api/accounts/WA-05/restart");
            String line;
            boolean sawEvent = false;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("event:") && line.contains("account")) {
                    sawEvent = true;
                }
                if (sawEvent && line.startsWith("data:") && line.contains("\"WA-05\"")) {
                    assertThat(line).contains("\"status\":\"CONNECTING\"", "\"transition\"");
                    break;
                }
            }
            assertThat(sawEvent).isTrue();
        }
    }

    @Test
    void prometheusNeedsTheTokenAndNamesTheFleetMetrics() {
        HttpResponse<String> metrics = http.get("/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("wafleet_accounts{state=\"CONNECTED\"}", "wafleet_account_up{account=\"WA-01\"}",
                "wafleet_qr_codes_issued_total", "wafleet_handshake_seconds");
    }

    @Test
    void theOpenApiDescriptionIsServed() {
        HttpResponse<String> docs = http.send(http.request("/v3/api-docs"));
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/accounts/{id}/link", "/api/status/dashboard");
    }

    @Test
    void theDashboardPageIsPublicAndHoldsNoSecret() {
        HttpResponse<String> page = http.send(http.request("/"));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("dashboard.js").doesNotContain(TestFleet.TOKEN);
        assertThat(http.send(http.request("/dashboard.js")).body()).contains("sessionStorage", "Authorization");
    }

    private JsonNode cardOf(String id) {
        for (JsonNode account : json(http.get("/api/status/dashboard")).get("accounts")) {
            if (account.get("accountId").asString().equals(id)) {
                return account;
            }
        }
        throw new AssertionError("no card for " + id);
    }

    private List<String> listing() throws Exception {
        try (Stream<java.nio.file.Path> all = Files.walk(volume.root())) {
            return all.map(p -> volume.root().relativize(p).toString())
                    .filter(p -> !p.contains(".wa-fleet-probe")).sorted().toList();
        }
    }
}
