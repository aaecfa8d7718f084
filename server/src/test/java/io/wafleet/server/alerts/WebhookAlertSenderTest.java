package io.wafleet.server.alerts;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.wafleet.server.config.AlertWebhook;
import io.wafleet.server.registry.AccountId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookAlertSenderTest {

    private static final String SECRET = "alert-secret-for-tests";

    record Received(String signature, String timestamp, byte[] body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private HttpServer receiver;
    private WebhookAlertSender sender;

    private WebhookAlertSender start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/alerts", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookAlertSender.SIGNATURE_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookAlertSender.TIMESTAMP_HEADER), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/alerts");
        sender = new WebhookAlertSender(new AlertWebhook(url, SECRET), HttpClient.newHttpClient(), Clock.systemUTC(),
                meters, new WebhookAlertSender.RetryPolicy(4, Duration.ofMillis(10)));
        return sender;
    }

    @AfterEach
    void stop() {
        sender.close();
        receiver.stop(0);
    }

    private static Alert loggedOut() {
        return new Alert(AlertKind.LOGGED_OUT, Optional.of(AccountId.of("WA-07")), "401 device-removed",
                Instant.parse("2026-01-01T00:00:00Z"), "WA-07 was logged out");
    }

    @Test
    void postsASignedJsonAlert() throws Exception {
        start().send(loggedOut());
        Received got = received.poll(10, TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        String body = new String(got.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"kind\":\"logged_out\"", "\"accountId\":\"WA-07\"", "\"reason\":\"401 device-removed\"");
        assertThat(got.signature()).isEqualTo(WebhookAlertSender.signature(SECRET, got.timestamp(), got.body()));
        assertThat(got.signature()).isNotEqualTo(WebhookAlertSender.signature("another-secret", got.timestamp(), got.body()));
    }

    @Test
    void retriesUntilTheReceiverTakesIt() throws Exception {
        failuresLeft.set(2);
        start().send(loggedOut());
        assertThat(received.poll(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(failuresLeft.get()).isNegative();
        awaitCount("sent", 1);
    }

    @Test
    void givesUpAfterTheLastAttemptAndCountsIt() throws Exception {
        failuresLeft.set(100);
        start().send(loggedOut());
        awaitCount("failed", 1);
        assertThat(received).isEmpty();
    }

    @Test
    void aFullQueueDropsInsteadOfBlockingTheCaller() throws Exception {
        failuresLeft.set(1_000_000);
        start();
        for (int i = 0; i < WebhookAlertSender.QUEUE_CAPACITY + 50; i++) {
            sender.send(loggedOut()); // returns at once even though nothing is delivered
        }
        assertThat(meters.counter("wafleet.alerts.sent", "result", "dropped").count()).isPositive();
    }

    private void awaitCount(String result, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (meters.counter("wafleet.alerts.sent", "result", result).count() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(meters.counter("wafleet.alerts.sent", "result", result).count()).isEqualTo(expected);
    }
}
