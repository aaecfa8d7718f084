package io.wafleet.server.e2e;

import com.sun.net.httpserver.HttpServer;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.server.config.EnvironmentVariables;
import io.wafleet.server.config.FleetSettings;
import io.wafleet.server.storage.SessionsVolume;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.Launcher;
import io.wafleet.server.webhook.SignedWebhook;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Messaging end to end in one process: 30 accounts linked through the API against the demo simulator each send a
 * text to a simulated contact through {@code POST /messages}, the contact decrypts it and replies, and the local
 * webhook receiver gets every reply exactly once, signed, and the status changes of the sent texts.
 */
class MessagingAgainstSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "e2e-admin-token-0123456789";
    private static final String SECRET = "e2e-message-webhook-secret";
    private static final int ACCOUNTS = 30;

    @TempDir
    Path sessions;

    private HttpServer receiver;
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private ConfigurableApplicationContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void thirtyAccountsSendAndReceiveAndTheWebhookGetsEveryReplyOnce() throws Exception {
        startReceiver();
        FleetSettings settings = FleetSettings.parse(EnvironmentVariables.of(Map.of(
                "SESSIONS_PATH", sessions.toString(),
                "ADMIN_TOKEN", TOKEN,
                "WA_DEMO", "true",
                "WA_HANDSHAKES_IN_FLIGHT", "10",
                "WA_HANDSHAKES_PER_SECOND", "30",
                "WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/messages",
                "WEBHOOK_SECRET", SECRET)));
        context = Launcher.run(settings, SessionsVolume.open(settings.sessions(), Clock.systemUTC()));
        Http http = new Http(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")), TOKEN);
        WaSimulator simulator = context.getBean(WaSimulator.class);

        List<String> ids = new ArrayList<>();
        for (int slot = 1; slot <= ACCOUNTS; slot++) {
            ids.add("WA-%02d".formatted(slot));
        }
        Map<String, Jid> accountJids = Links.linkAll(http, simulator, ids, "+1777%07d");
        await(ACCOUNTS + " connected", () -> JSON.readTree(http.get("/api/status/dashboard").body())
                .get("summary").get("connected").asInt() == ACCOUNTS, 90);

        Map<String, SimulatedContact> contacts = new HashMap<>();
        Map<String, String> sentIds = new HashMap<>();
        for (String id : ids) {
            SimulatedContact contact = simulator.newContact("+1888%07d".formatted(ids.indexOf(id) + 1));
            contacts.put(id, contact);
            HttpResponse<String> accepted = http.send(http.authorized("/api/accounts/" + id + "/messages")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("to", "+" + contact.number(), "text", "hello from " + id, "idempotencyKey", "greet-" + id)))));
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            sentIds.put(id, JSON.readTree(accepted.body()).get("messageId").asString());
        }
        for (String id : ids) {
            ReceivedMessage greeting = contacts.get(id).awaitMessage(Duration.ofSeconds(30));
            assertThat(greeting.text()).isEqualTo("hello from " + id);
            assertThat(greeting.id()).as("the id fixed at acceptance").isEqualTo(sentIds.get(id));
            contacts.get(id).send(accountJids.get(id).toNormalizedUser(), "reply to " + id);
        }
        await("every reply at the webhook", () -> received().size() >= ACCOUNTS, 60);
        for (String id : ids) {
            await(id + "'s text delivered", () -> JSON.readTree(http.get("/api/accounts/" + id + "/messages/" + sentIds.get(id)).body())
                    .get("status").asString().equals("delivered"), 30);
        }
        Thread.sleep(1000); // let a duplicate, if any, arrive before counting

        List<JsonNode> replies = received();
        assertThat(replies).hasSize(ACCOUNTS);
        assertThat(replies).extracting(e -> e.get("eventId").asString()).doesNotHaveDuplicates();
        assertThat(replies).extracting(e -> e.get("accountId").asString() + ":" + e.get("text").asString())
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> id + ":reply to " + id).toList());
        assertThat(replies).allSatisfy(e -> assertThat(e.get("from").asString()).endsWith("@s.whatsapp.net"));
        assertThat(badSignatures).isEmpty();
        // A recipient's receipt can beat the server's ack: then "sent" is skipped, statuses never move back.
        await("every delivery reported", () -> statuses().stream().filter(s -> s.endsWith(":delivered")).count() == ACCOUNTS, 30);
        assertThat(statuses()).as("each status change reported once").doesNotHaveDuplicates()
                .containsAll(sentIds.values().stream().map(messageId -> messageId + ":delivered").toList());
    }

    private List<String> statuses() {
        return events.stream().filter(e -> e.get("type").asString().equals("message.status"))
                .map(e -> e.get("messageId").asString() + ":" + e.get("status").asString()).toList();
    }

    private List<JsonNode> received() {
        return events.stream().filter(e -> e.get("type").asString().equals("message.received")).toList();
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/messages", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            JsonNode event = JSON.readTree(body);
            if (!SignedWebhook.signature(SECRET, timestamp, body).equals(signature)) {
                badSignatures.add(event.get("eventId").asString());
            }
            events.add(event);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }
}
