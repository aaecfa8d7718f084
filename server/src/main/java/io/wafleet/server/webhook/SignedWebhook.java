package io.wafleet.server.webhook;

import io.wafleet.protocol.crypto.Hashes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * One signed POST to a webhook, the format every wa-fleet webhook shares (alerts and messages): a JSON body,
 * {@value #TIMESTAMP_HEADER} with epoch seconds, and {@value #SIGNATURE_HEADER} {@code sha256=<hex>} holding
 * HMAC-SHA256 over {@code timestamp + "." + body} under the secret, so a receiver can check origin and reject
 * replays. The secret never appears in {@link #toString()}.
 */
public final class SignedWebhook {

    public static final String SIGNATURE_HEADER = "X-WaFleet-Signature";
    public static final String TIMESTAMP_HEADER = "X-WaFleet-Timestamp";

    private final URI url;
    private final String secret;
    private final HttpClient http;
    private final Clock clock;

    public SignedWebhook(URI url, String secret, HttpClient http, Clock clock) {
        this.url = Objects.requireNonNull(url, "url");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** POSTs {@code body} signed, with {@code headers} added; returns the HTTP status. */
    public int post(byte[] body, Map<String, String> headers) throws IOException, InterruptedException {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("User-Agent", "wa-fleet")
                .header(TIMESTAMP_HEADER, timestamp)
                .header(SIGNATURE_HEADER, signature(secret, timestamp, body));
        headers.forEach(request::header);
        return http.send(request.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of {@code timestamp + "." + body} under {@code secret}. */
    public static String signature(String secret, String timestamp, byte[] body) {
        byte[] mac = Hashes.hmacSha256(secret.getBytes(StandardCharsets.UTF_8),
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        return "sha256=" + HexFormat.of().formatHex(mac);
    }

    /** A 4xx other than 408 and 429 means the receiver refuses this body: sending it again will not help. */
    public static boolean refusedForGood(int status) {
        return status / 100 == 4 && status != 408 && status != 429;
    }

    @Override
    public String toString() {
        return "SignedWebhook[" + url.getScheme() + "://" + url.getAuthority() + "/…]";
    }
}
