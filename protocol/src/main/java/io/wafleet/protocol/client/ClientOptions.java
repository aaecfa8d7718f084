package io.wafleet.protocol.client;

import io.wafleet.protocol.client.messaging.SentTextLookup;
import io.wafleet.protocol.noise.TrustedRoot;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How one account's client connects. The defaults are WhatsApp's production endpoint and root key and the
 * timings WhatsApp Web uses; tests and the simulator override them explicitly.
 *
 * @param serverUri       the chat WebSocket
 * @param trustedRoot     the root key the server's certificate chain must lead to
 * @param payload         what the client says about itself in the ClientPayload
 * @param connectTimeout  socket open + handshake + the first server answer (login success or pairing refs)
 * @param keepAliveMin    shortest pause between keepalive pings (each pause is drawn between min and max, so
 *                        thousands of accounts do not ping in lockstep)
 * @param keepAliveMax    longest pause between pings
 * @param pingTimeout     how long a ping may go unanswered while nothing else arrives
 * @param deadPeerAfter   no byte at all from the server for this long means the peer is gone
 * @param queryTimeout    deadline of every other request (iq)
 * @param maxPendingQueries cap on requests awaiting replies
 * @param firstQrLifetime how long the first pairing ref is shown
 * @param laterQrLifetime how long each later ref is shown
 * @param clock           time source for certificate validity and event timestamps
 * @param sentTexts       the owner's record of sent texts, for retry receipts about messages the client no longer
 *                        keeps in memory (sent before a restart, or long ago); none by default
 */
public record ClientOptions(
        URI serverUri,
        TrustedRoot trustedRoot,
        ClientConfig payload,
        Duration connectTimeout,
        Duration keepAliveMin,
        Duration keepAliveMax,
        Duration pingTimeout,
        Duration deadPeerAfter,
        Duration queryTimeout,
        int maxPendingQueries,
        Duration firstQrLifetime,
        Duration laterQrLifetime,
        Clock clock,
        SentTextLookup sentTexts) {

    public static final URI WHATSAPP_CHAT = URI.create("wss://web.whatsapp.com/ws/chat");

    public ClientOptions {
        Objects.requireNonNull(serverUri, "serverUri");
        Objects.requireNonNull(trustedRoot, "trustedRoot");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(sentTexts, "sentTexts");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAliveMin, "keepAliveMin");
        requirePositive(keepAliveMax, "keepAliveMax");
        requirePositive(pingTimeout, "pingTimeout");
        requirePositive(deadPeerAfter, "deadPeerAfter");
        requirePositive(queryTimeout, "queryTimeout");
        requirePositive(firstQrLifetime, "firstQrLifetime");
        requirePositive(laterQrLifetime, "laterQrLifetime");
        if (keepAliveMax.compareTo(keepAliveMin) < 0) {
            throw new IllegalArgumentException("keepAliveMax must not be shorter than keepAliveMin");
        }
        if (maxPendingQueries < 1) {
            throw new IllegalArgumentException("maxPendingQueries must be at least 1");
        }
    }

    /** WhatsApp production: 20–30 s jittered pings, a peer silent for 45 s is dead, 20 s to connect. */
    public static ClientOptions defaults() {
        return new ClientOptions(WHATSAPP_CHAT, TrustedRoot.whatsApp(), ClientConfig.defaults(),
                Duration.ofSeconds(20), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(45), Duration.ofSeconds(60), 128, Duration.ofSeconds(60), Duration.ofSeconds(20),
                Clock.systemUTC(), SentTextLookup.none());
    }

    /** Points at another chat server (a simulator) whose root key is trusted explicitly. */
    public ClientOptions withServer(URI uri, TrustedRoot root) {
        return new ClientOptions(uri, root, payload, connectTimeout, keepAliveMin, keepAliveMax, pingTimeout,
                deadPeerAfter, queryTimeout, maxPendingQueries, firstQrLifetime, laterQrLifetime, clock, sentTexts);
    }

    public ClientOptions withPayload(ClientConfig config) {
        return new ClientOptions(serverUri, trustedRoot, config, connectTimeout, keepAliveMin, keepAliveMax, pingTimeout,
                deadPeerAfter, queryTimeout, maxPendingQueries, firstQrLifetime, laterQrLifetime, clock, sentTexts);
    }

    public ClientOptions withKeepAlive(Duration min, Duration max, Duration ping, Duration deadPeer) {
        return new ClientOptions(serverUri, trustedRoot, payload, connectTimeout, min, max, ping,
                deadPeer, queryTimeout, maxPendingQueries, firstQrLifetime, laterQrLifetime, clock, sentTexts);
    }

    public ClientOptions withTimeouts(Duration connect, Duration query) {
        return new ClientOptions(serverUri, trustedRoot, payload, connect, keepAliveMin, keepAliveMax, pingTimeout,
                deadPeerAfter, query, maxPendingQueries, firstQrLifetime, laterQrLifetime, clock, sentTexts);
    }

    public ClientOptions withQrLifetimes(Duration first, Duration later) {
        return new ClientOptions(serverUri, trustedRoot, payload, connectTimeout, keepAliveMin, keepAliveMax, pingTimeout,
                deadPeerAfter, queryTimeout, maxPendingQueries, first, later, clock, sentTexts);
    }

    /** Lets the client answer retry receipts for texts it no longer keeps in memory (see {@link SentTextLookup}). */
    public ClientOptions withSentTexts(SentTextLookup lookup) {
        return new ClientOptions(serverUri, trustedRoot, payload, connectTimeout, keepAliveMin, keepAliveMax, pingTimeout,
                deadPeerAfter, queryTimeout, maxPendingQueries, firstQrLifetime, laterQrLifetime, clock, lookup);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
