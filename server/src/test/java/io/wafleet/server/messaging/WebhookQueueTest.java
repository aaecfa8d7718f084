package io.wafleet.server.messaging;

import com.sun.net.httpserver.HttpServer;
import io.wafleet.server.webhook.SignedWebhook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.wafleet.server.testing.Http.await;
import static org.assertj.core.api.Assertions.assertThat;

class WebhookQueueTest {

    private static final String SECRET = "message-webhook-secret";
    private static final WebhookQueue.RetryPolicy FAST = new WebhookQueue.RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(50));

    @TempDir
    Path dir;

    private HttpServer receiver;
    /** Requests still to answer with 503 before answering 204. */
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            requests.incrementAndGet();
            if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            String timestamp = exchange.getRequestHeaders().getFirst(SignedWebhook.TIMESTAMP_HEADER);
            String signature = exchange.getRequestHeaders().getFirst(SignedWebhook.SIGNATURE_HEADER);
            if (SignedWebhook.signature(SECRET, timestamp, body).equals(signature)) {
                verified.add(exchange.getRequestHeaders().getFirst("X-WaFleet-Event-Id"));
            }
            eventIds.add(exchange.getRequestHeaders().getFirst("X-WaFleet-Event-Id"));
            bodies.add(new String(body, StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private WebhookQueue open(int capacity) {
        SignedWebhook webhook = new SignedWebhook(URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                SECRET, HttpClient.newHttpClient(), Clock.systemUTC());
        return WebhookQueue.open(dir.resolve("webhooks.journal"), webhook, FAST, capacity, outcome -> { });
    }

    private static WebhookEvent event(String id) {
        return new WebhookEvent(id, ("{\"eventId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachEventArrivesOnceSignedEvenWhenOfferedTwice() {
        try (WebhookQueue queue = open(100)) {
            assertThat(queue.offer(event("in:WA-01:1555@s.whatsapp.net:A"))).isTrue();
            assertThat(queue.offer(event("in:WA-01:1555@s.whatsapp.net:B"))).isTrue();
            await("two delivered", () -> eventIds.size() == 2 && queue.pendingCount() == 0, 10);
            assertThat(queue.offer(event("in:WA-01:1555@s.whatsapp.net:A"))).as("a redelivery is accepted").isTrue();
        }
        try (WebhookQueue reopened = open(100)) {
            assertThat(reopened.offer(event("in:WA-01:1555@s.whatsapp.net:B"))).isTrue();
            assertThat(reopened.pendingCount()).as("remembered across a restart").isZero();
        }
        assertThat(eventIds).containsExactly("in:WA-01:1555@s.whatsapp.net:A", "in:WA-01:1555@s.whatsapp.net:B");
        assertThat(verified).containsExactlyElementsOf(eventIds);
        assertThat(bodies.getFirst()).isEqualTo("{\"eventId\":\"in:WA-01:1555@s.whatsapp.net:A\"}");
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffUntilItAnswers() {
        failuresLeft.set(3);
        try (WebhookQueue queue = open(100)) {
            queue.offer(event("out:WA-01:3EB0AA:sent"));
            await("delivered after the failures", () -> eventIds.size() == 1, 10);
        }
        assertThat(requests.get()).isEqualTo(4);
    }

    @Test
    void eventsNotYetDeliveredGoOutAfterARestartWithTheirIds() {
        receiver.stop(0);
        try (WebhookQueue queue = open(100)) {
            queue.offer(event("in:WA-02:1555@s.whatsapp.net:C"));
            assertThat(queue.pendingCount()).isEqualTo(1);
        }
        try {
            startReceiver();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        try (WebhookQueue reopened = open(100)) {
            await("delivered after the restart", () -> eventIds.size() == 1 && reopened.pendingCount() == 0, 10);
        }
        assertThat(eventIds).containsExactly("in:WA-02:1555@s.whatsapp.net:C");
    }

    @Test
    void aFullQueueSaysNoInsteadOfBlocking() {
        receiver.stop(0);
        try (WebhookQueue queue = open(2)) {
            assertThat(queue.offer(event("e1"))).isTrue();
            assertThat(queue.offer(event("e2"))).isTrue();
            assertThat(queue.offer(event("e3"))).isFalse();
        }
    }
}
