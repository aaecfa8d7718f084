package io.wafleet.protocol.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket to the chat server on the JDK's {@link java.net.http.WebSocket}: no thread of its own (the shared
 * {@link HttpClient} multiplexes every connection on one selector), sends serialised as the JDK requires (one
 * outstanding send at a time), and inbound bytes handed to a {@link Sink} in arrival order.
 */
final class WebSocketTransport implements WebSocket.Listener {
    /** WhatsApp Web connects from this origin; the server expects it. */
    static final String ORIGIN = "https://web.whatsapp.com";

    /** Receives transport events; called sequentially, never concurrently, for one transport. */
    interface Sink {
        /** {@code data} is only valid during the call. */
        void onBytes(ByteBuffer data);

        /** Called once, whether the peer closed, the network failed, or {@link #abort()} was called. */
        void onClosed(String detail);
    }

    private final Sink sink;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WebSocket socket;
    private CompletableFuture<?> sendChain = CompletableFuture.completedFuture(null);

    private WebSocketTransport(Sink sink) {
        this.sink = sink;
    }

    static CompletableFuture<WebSocketTransport> open(HttpClient http, URI uri, Duration timeout, Sink sink) {
        WebSocketTransport transport = new WebSocketTransport(sink);
        return http.newWebSocketBuilder()
                .connectTimeout(timeout)
                .header("Origin", ORIGIN)
                .buildAsync(uri, transport)
                .thenApply(ws -> transport);
    }

    /** Queues one binary message; failures close the transport. */
    synchronized void send(byte[] message) {
        if (closed.get()) {
            return;
        }
        sendChain = sendChain
                .thenCompose(ignored -> socket.sendBinary(ByteBuffer.wrap(message), true))
                .exceptionally(error -> {
                    closeWith("send failed: " + rootMessage(error));
                    return null;
                });
    }

    /** Sends a normal close frame after the queued messages, then drops the connection. */
    synchronized void close() {
        if (socket == null || closed.get()) {
            return;
        }
        sendChain.thenCompose(ignored -> socket.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                .whenComplete((ok, error) -> abort());
    }

    /** Drops the connection at once, without a close frame. */
    void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        closeWith("aborted");
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (!closed.get()) {
            sink.onBytes(data);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        // The chat protocol is binary only; a text message means a confused peer.
        closeWith("unexpected text message");
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeWith("closed by server (" + statusCode + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeWith("network error: " + rootMessage(error));
    }

    private void closeWith(String detail) {
        if (closed.compareAndSet(false, true)) {
            sink.onClosed(detail);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
