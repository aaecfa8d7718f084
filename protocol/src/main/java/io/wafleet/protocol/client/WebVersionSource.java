package io.wafleet.protocol.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Finds the WhatsApp Web version to announce. WhatsApp refuses clients that are too old (405), and the current
 * revision is published in WhatsApp Web's service-worker script; when that cannot be read the built-in version
 * is used, so a refresh failure never stops a login by itself.
 */
public final class WebVersionSource {
    public static final URI WHATSAPP_SERVICE_WORKER = URI.create("https://web.whatsapp.com/sw.js");

    /** The script is a few hundred kilobytes; anything much larger is not it. */
    private static final int MAX_SCRIPT_BYTES = 8 * 1024 * 1024;

    private final HttpClient http;
    private final URI serviceWorker;
    private final Duration timeout;
    private final WebVersion fallback;

    public WebVersionSource(HttpClient http, URI serviceWorker, Duration timeout, WebVersion fallback) {
        this.http = http;
        this.serviceWorker = serviceWorker;
        this.timeout = timeout;
        this.fallback = fallback;
    }

    /** The outcome of one refresh: the version to use and whether it came from the script. */
    public record Resolved(WebVersion version, boolean fresh, String detail) {}

    public Resolved resolve() {
        try {
            HttpRequest request = HttpRequest.newBuilder(serviceWorker).timeout(timeout)
                    .header("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36")
                    .header("Sec-Fetch-Site", "none")
                    .GET().build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return stale("service worker answered HTTP " + response.statusCode());
            }
            byte[] body = response.body();
            if (body.length > MAX_SCRIPT_BYTES) {
                return stale("service worker script is implausibly large (" + body.length + " bytes)");
            }
            OptionalLong revision = ServiceWorkerVersion.clientRevision(new String(body, java.nio.charset.StandardCharsets.UTF_8));
            if (revision.isEmpty() || revision.getAsLong() > Integer.MAX_VALUE) {
                return stale("no client_revision in the service worker script");
            }
            WebVersion version = new WebVersion(fallback.primary(), fallback.secondary(), (int) revision.getAsLong());
            return new Resolved(version, true, "client_revision " + revision.getAsLong());
        } catch (IOException e) {
            return stale("service worker unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stale("interrupted");
        }
    }

    private Resolved stale(String detail) {
        return new Resolved(fallback, false, detail + "; using built-in " + fallback);
    }
}
