package io.wafleet.server.messaging;

import io.wafleet.server.WaFleetApplication;
import io.wafleet.server.registry.AccountId;
import io.wafleet.server.testing.Http;
import io.wafleet.server.testing.TestFleet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The messaging API over HTTP, with a fake connection standing in for the WhatsApp client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {WaFleetApplication.class, TestFleet.class})
class MessagesApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    Messaging messaging;
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    private HttpResponse<String> send(String account, Map<String, String> body) {
        return http.send(http.authorized("/api/accounts/" + account + "/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void aSendIsAcceptedQueuedThenSentDeliveredAndRead() {
        HttpResponse<String> accepted = send("WA-03", Map.of("to", "+1 555 000 0003", "text", "hello"));
        assertThat(accepted.statusCode()).isEqualTo(202);
        JsonNode body = json(accepted);
        String id = body.get("messageId").asString();
        assertThat(id).matches("3EB0[0-9A-F]{18}");
        assertThat(body.get("status").asString()).isEqualTo("queued");
        assertThat(accepted.headers().firstValue("Location")).contains("/api/accounts/WA-03/messages/" + id);
        assertThat(json(http.get("/api/accounts/WA-03/messages/" + id)).get("status").asString()).isEqualTo("queued");

        List<String> sentTo = new CopyOnWriteArrayList<>();
        MessageTransport connection = (to, text, messageId) -> {
            sentTo.add(to + " " + messageId);
            return CompletableFuture.completedFuture(null);
        };
        messaging.connected(AccountId.of("WA-03"), connection);
        await("sent", () -> json(http.get("/api/accounts/WA-03/messages/" + id)).get("status").asString().equals("sent"), 10);
        assertThat(sentTo).containsExactly("15550000003@s.whatsapp.net " + id);

        messaging.receipt(AccountId.of("WA-03"), List.of(id), Optional.empty());
        assertThat(json(http.get("/api/accounts/WA-03/messages/" + id)).get("status").asString()).isEqualTo("delivered");
        messaging.receipt(AccountId.of("WA-03"), List.of(id), Optional.of("read"));
        JsonNode read = json(http.get("/api/accounts/WA-03/messages/" + id));
        assertThat(read.get("status").asString()).isEqualTo("read");
        assertThat(read.has("text")).as("the text is not echoed").isFalse();
        messaging.disconnected(AccountId.of("WA-03"), connection);
    }

    @Test
    void theSameIdempotencyKeyGivesTheSameMessageOnce() {
        Map<String, String> body = Map.of("to", "15550000004@s.whatsapp.net", "text", "once", "idempotencyKey", "invoice-7");
        HttpResponse<String> first = send("WA-04", body);
        HttpResponse<String> again = send("WA-04", body);
        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("messageId").asString()).isEqualTo(json(first).get("messageId").asString());
        assertThat(messaging.queued(AccountId.of("WA-04"))).isEqualTo(1);
    }

    @Test
    void badRequestsGetProblemJsonWithoutTheNumber() {
        record Case(String account, Map<String, String> body, int status, String type) {
        }
        String longText = "x".repeat(Messaging.MAX_TEXT_CHARS + 1);
        for (Case c : List.of(
                new Case("WA-05", Map.of("to", "40712345612@g.us", "text", "hi"), 400, "invalid-message"),
                new Case("WA-05", Map.of("to", "not a number", "text", "hi"), 400, "invalid-message"),
                new Case("WA-05", Map.of("text", "hi"), 400, "invalid-message"),
                new Case("WA-05", Map.of("to", "+40712345612", "text", " "), 400, "invalid-message"),
                new Case("WA-05", Map.of("to", "+40712345612", "text", longText), 400, "invalid-message"),
                new Case("WA-05", Map.of("to", "+40712345612", "text", "hi", "idempotencyKey", "has space"), 400, "invalid-message"),
                new Case("WA-99", Map.of("to", "+40712345612", "text", "hi"), 404, "unknown-account"),
                new Case("a.b", Map.of("to", "+40712345612", "text", "hi"), 400, "invalid-account-id"))) {
            HttpResponse<String> response = send(c.account(), c.body());
            assertThat(response.statusCode()).as(c.account() + " " + c.type()).isEqualTo(c.status());
            assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
            assertThat(json(response).get("type").asString()).endsWith("/" + c.type());
            assertThat(response.body()).doesNotContain("40712345612");
        }
        HttpResponse<String> unknown = http.get("/api/accounts/WA-05/messages/3EB0000000000000000000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asString()).endsWith("/unknown-message");
        assertThat(messaging.queued(AccountId.of("WA-05"))).isZero();
    }

    @Test
    void sendingNeedsTheToken() {
        HttpResponse<String> response = http.send(http.request("/api/accounts/WA-06/messages")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+15550000006\",\"text\":\"hi\"}")));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(messaging.queued(AccountId.of("WA-06"))).isZero();
    }
}
