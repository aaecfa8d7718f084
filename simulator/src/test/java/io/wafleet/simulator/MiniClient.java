package io.wafleet.simulator;

import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.noise.ClientHandshake;
import io.wafleet.protocol.noise.FrameEncoder;
import io.wafleet.protocol.noise.FrameReader;
import io.wafleet.protocol.noise.IntroHeader;
import io.wafleet.protocol.noise.TransportCiphers;
import io.wafleet.protocol.noise.TrustedRoot;
import io.wafleet.protocol.proto.ClientPayload;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare-bones WhatsApp Web client for tests, assembled from the protocol pieces (Noise initiator, framing,
 * node codec) over the JDK's WebSocket: enough to handshake, read and send stanzas, and see how the server
 * ends the connection. Not the real client; it makes no decisions.
 */
final class MiniClient implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final WebSocket socket;
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final FrameEncoder encoder;
    private TransportCiphers ciphers;

    private MiniClient(URI url, IntroHeader intro) {
        this.encoder = FrameEncoder.client(intro);
        this.socket = HTTP.newWebSocketBuilder()
                .header("Origin", "https://web.whatsapp.com")
                .buildAsync(url, new Listener()).join();
    }

    /** Opens the WebSocket and runs the Noise handshake with this payload; throws if the server refuses. */
    static MiniClient connect(URI url, byte[] rootPublicKey, KeyPair noiseKey, ClientPayload payload) {
        return connect(url, rootPublicKey, noiseKey, payload, IntroHeader.plain());
    }

    /** As {@link #connect(URI, byte[], KeyPair, ClientPayload)}, with a chosen intro (e.g. the routing form). */
    static MiniClient connect(URI url, byte[] rootPublicKey, KeyPair noiseKey, ClientPayload payload, IntroHeader intro) {
        MiniClient client = new MiniClient(url, intro);
        client.handshake(ClientHandshake.start(noiseKey, TrustedRoot.explicit(rootPublicKey), Clock.systemUTC()), payload);
        return client;
    }

    /** Opens the WebSocket only; the caller drives the handshake (for negative certificate tests). */
    static MiniClient open(URI url) {
        return new MiniClient(url, IntroHeader.plain());
    }

    void handshake(ClientHandshake handshake, ClientPayload payload) {
        sendRaw(handshake.clientHello());
        handshake.readServerHello(nextFrame());
        sendRaw(handshake.clientFinish(payload.toByteArray()));
        ciphers = handshake.transportKeys().clientCiphers();
    }

    void sendRaw(byte[] payload) {
        socket.sendBinary(ByteBuffer.wrap(encoder.encode(payload)), true).join();
    }

    void send(Node node) {
        sendRaw(ciphers.outbound().encrypt(BinaryNodes.encode(node)));
    }

    /** The next stanza from the server; fails the test if none arrives in time. */
    Node next() {
        return BinaryNodes.decode(ciphers.inbound().decrypt(nextFrame()));
    }

    /** The next stanza with this tag, skipping others (e.g. an {@code <ib>} that may come first). */
    Node next(String tag) {
        while (true) {
            Node node = next();
            if (node.tag().equals(tag)) {
                return node;
            }
        }
    }

    byte[] nextFrame() {
        try {
            byte[] frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame from the server within " + WAIT.toSeconds() + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The WebSocket close code, or 1006 when the connection ended without a close frame. */
    int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    Optional<Integer> closeCodeIfClosed() {
        return closed.isDone() ? Optional.of(closed.join()) : Optional.empty();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final FrameReader reader = FrameReader.forClient();
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            message.writeBytes(chunk);
            if (last) {
                frames.addAll(reader.feed(message.toByteArray()));
                message.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(1006);
        }
    }
}
