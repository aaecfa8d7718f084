package io.wafleet.server.alerts;

import io.micrometer.core.instrument.MeterRegistry;
import io.wafleet.server.config.AlertWebhook;
import io.wafleet.server.webhook.SignedWebhook;
import io.wafleet.server.registry.AccountId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * POSTs alerts as JSON to {@code ALERT_WEBHOOK_URL}, signed with HMAC-SHA256 over {@code timestamp + "." + body}
 * ({@value #SIGNATURE_HEADER}: {@code sha256=<hex>}, {@value #TIMESTAMP_HEADER}: epoch seconds, so a receiver
 * can reject replays). One virtual thread sends from a bounded queue with retries and backoff; a supervisor only
 * ever offers to the queue, and when it is full the alert is dropped, logged and counted.
 */
public final class WebhookAlertSender implements AlertSink, AutoCloseable {

    public static final String SIGNATURE_HEADER = SignedWebhook.SIGNATURE_HEADER;
    public static final String TIMESTAMP_HEADER = SignedWebhook.TIMESTAMP_HEADER;
    static final int QUEUE_CAPACITY = 256;

    private static final Logger log = LoggerFactory.getLogger(WebhookAlertSender.class);
    /** Queued by {@link #close()} behind the pending alerts: the worker ends when it reaches it. */
    private static final Alert STOP = new Alert(AlertKind.STORAGE_FAILURE, Optional.empty(), "stop", Instant.EPOCH, "stop");

    private final SignedWebhook webhook;
    private final MeterRegistry meters;
    private final RetryPolicy retries;
    private final JsonMapper json = JsonMapper.builder().build();
    private final BlockingQueue<Alert> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread worker;
    private volatile boolean closing;

    /** How many times to try one alert and how long to wait before try n (doubling from {@code first}). */
    public record RetryPolicy(int attempts, Duration first) {
        public static RetryPolicy standard() {
            return new RetryPolicy(5, Duration.ofSeconds(2));
        }

        Duration before(int attempt) {
            return first.multipliedBy(1L << Math.min(attempt - 2, 20));
        }
    }

    public WebhookAlertSender(AlertWebhook webhook, HttpClient http, Clock clock, MeterRegistry meters, RetryPolicy retries) {
        this.webhook = new SignedWebhook(webhook.url(), webhook.secret(), http, clock);
        this.meters = meters;
        this.retries = retries;
        this.worker = Thread.ofVirtual().name("alert-webhook").start(this::run);
    }

    @Override
    public void send(Alert alert) {
        if (closing || !queue.offer(alert)) {
            log.warn("alert {} for {} dropped: the webhook queue is full or closing", alert.kind().wireName(),
                    alert.account().map(AccountId::value).orElse("fleet"));
            meters.counter("wafleet.alerts.sent", "result", "dropped").increment();
        }
    }

    private void run() {
        try {
            while (true) {
                Alert alert = queue.take();
                if (alert == STOP) {
                    return;
                }
                deliver(alert);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(Alert alert) throws InterruptedException {
        byte[] body = json.writeValueAsBytes(payload(alert));
        for (int attempt = 1; attempt <= retries.attempts(); attempt++) {
            if (attempt > 1) {
                if (closing) {
                    break;
                }
                Thread.sleep(retries.before(attempt));
            }
            try {
                int status = post(body);
                if (status / 100 == 2) {
                    meters.counter("wafleet.alerts.sent", "result", "sent").increment();
                    return;
                }
                if (SignedWebhook.refusedForGood(status)) {
                    log.warn("alert webhook refused {} with HTTP {}; not retrying", alert.kind().wireName(), status);
                    break;
                }
                log.warn("alert webhook answered HTTP {} (attempt {} of {})", status, attempt, retries.attempts());
            } catch (java.io.IOException e) {
                log.warn("alert webhook unreachable: {} (attempt {} of {})", e.toString(), attempt, retries.attempts());
            }
        }
        meters.counter("wafleet.alerts.sent", "result", "failed").increment();
    }

    private int post(byte[] body) throws java.io.IOException, InterruptedException {
        return webhook.post(body, Map.of());
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String signature(String secret, String timestamp, byte[] body) {
        return SignedWebhook.signature(secret, timestamp, body);
    }

    private static Map<String, Object> payload(Alert alert) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "alert");
        payload.put("kind", alert.kind().wireName());
        payload.put("accountId", alert.account().map(AccountId::value).orElse(null));
        payload.put("reason", alert.reason());
        payload.put("at", alert.at().toString());
        payload.put("message", alert.message());
        payload.put("service", "wa-fleet");
        return payload;
    }

    /** Stops taking alerts, gives the queue a short moment to drain, then stops the worker. */
    @Override
    public void close() {
        closing = true;
        queue.offer(STOP);
        try {
            if (!worker.join(Duration.ofMillis(500))) {
                worker.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
