package io.wafleet.server;

import java.util.Map;
import java.util.Properties;

/**
 * Smaller buffers for the JDK's HTTP client, whose WebSocket carries every account's connection.
 *
 * <p>Each WebSocket keeps three buffers for its whole life, traffic or not: a write buffer and an intermediate
 * (encoding) buffer of the WebSocket layer and the socket's read buffer, 16 KiB each by default. At 500 idle
 * accounts that is 24 MiB, about half of the server's live heap per account (measured in bench/RESULTS.md:
 * 80 → 40 KiB per account). The buffers only bound how many bytes one read or write call moves, never the size
 * of a message: a bigger message is written in several calls and arrives as several partial messages, which
 * {@code WebSocketTransport} hands to the frame reader in order. The chat traffic is mostly frames under 1 KiB,
 * so 2 KiB writes and 4 KiB reads cost a larger message a few more calls and an idle account nothing.
 *
 * <p>They are system properties because the JDK offers nothing else. {@code jdk.httpclient.bufsize} is read
 * once, when the HTTP client's internals are first loaded (any HTTP client of the process: webhooks, alerts,
 * Firestore), so {@link #applyDefaults()} runs first thing in {@code main}, before Spring starts. Setting them
 * here rather than only in the Dockerfile makes {@code java -jar wa-fleet.jar} behave the same as the image. A
 * value the operator gave ({@code -Djdk.httpclient.bufsize=…}) is left alone.
 */
final class HttpClientBuffers {
    /** Property → default; the WebSocket's two buffers and the HTTP client's per-connection read buffer. */
    static final Map<String, String> DEFAULTS = Map.of(
            "jdk.httpclient.websocket.writeBufferSize", "2048",
            "jdk.httpclient.websocket.intermediateBufferSize", "2048",
            "jdk.httpclient.bufsize", "4096");

    private HttpClientBuffers() {
    }

    /** Sets every default the JVM's command line did not set. */
    static void applyDefaults() {
        applyDefaults(System.getProperties());
    }

    static void applyDefaults(Properties properties) {
        DEFAULTS.forEach((name, value) -> {
            if (properties.getProperty(name) == null) {
                properties.setProperty(name, value);
            }
        });
    }
}
