package io.wafleet.simulator.websocket;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small RFC 6455 server: one virtual thread accepts, one virtual thread per connection reads with plain
 * blocking I/O.
 *
 * <p>Why our own instead of Java-WebSocket's selector-based {@code WebSocketServer}: the simulator's faults
 * are easiest to express as straight-line code on the connection's own thread (delay a handshake by
 * sleeping, go silent, cut the TCP connection without a close frame, answer or not answer a ping), and
 * virtual threads make blocking I/O cost a few kilobytes per connection rather than a platform thread, so
 * 500 devices need no selector. The protocol surface we need is small (upgrade, masked client frames,
 * fragmentation, ping/pong, close, binary only), and owning it lets tests break it deliberately. No extension
 * (permessage-deflate) is negotiated, so reserved bits are a protocol error.
 */
public final class WebSocketServer implements AutoCloseable {
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket serverSocket;
    private final Map<String, WebSocketEndpoint> endpoints;
    private final Map<String, HttpResource> resources;
    private final int maxMessageBytes;
    private final Set<Socket> openSockets = ConcurrentHashMap.newKeySet();
    private final AtomicLong connectionNumbers = new AtomicLong();
    private final Thread acceptor;

    private WebSocketServer(Builder builder) throws IOException {
        this.serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(builder.address, 1024);
        this.endpoints = Map.copyOf(builder.endpoints);
        this.resources = Map.copyOf(builder.resources);
        this.maxMessageBytes = builder.maxMessageBytes;
        this.acceptor = Thread.ofVirtual().name("ws-accept-" + port()).start(this::acceptLoop);
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    public InetAddress address() {
        return serverSocket.getInetAddress();
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
        for (Socket socket : openSockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already closed.
            }
        }
        try {
            acceptor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                openSockets.add(socket);
                Thread.ofVirtual().name("ws-conn-" + connectionNumbers.incrementAndGet()).start(() -> serve(socket));
            } catch (IOException e) {
                // accept() fails when the server socket closes (the loop then ends) or the OS is out of file
                // descriptors; pause briefly in the second case rather than spin.
                pauseAfterFailedAccept();
            }
        }
    }

    private void pauseAfterFailedAccept() {
        if (serverSocket.isClosed()) {
            return;
        }
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            HttpRequestHead request;
            try {
                request = HttpRequestHead.read(in);
            } catch (HttpRequestHead.HttpHeadException e) {
                respond(socket, 400, "Bad Request", "text/plain", e.getMessage().getBytes(StandardCharsets.UTF_8));
                return;
            }
            HttpResource resource = resources.get(request.path());
            if (resource != null && request.method().equals("GET") && !request.headerHasToken("Upgrade", "websocket")) {
                respond(socket, 200, "OK", resource.contentType(), resource.body().get());
                return;
            }
            WebSocketEndpoint endpoint = endpoints.get(request.path());
            if (endpoint == null) {
                respond(socket, 404, "Not Found", "text/plain", "no such endpoint".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<String> problem = upgradeProblem(request);
            if (problem.isPresent()) {
                respond(socket, 400, "Bad Request", "text/plain", problem.get().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Optional<WebSocketListener> listener = endpoint.accept(request);
            if (listener.isEmpty()) {
                respond(socket, 503, "Service Unavailable", "text/plain", "refused".getBytes(StandardCharsets.UTF_8));
                return;
            }
            writeSwitchingProtocols(socket.getOutputStream(), request.header("Sec-WebSocket-Key").orElseThrow());
            new WebSocketConnection(socket, in, maxMessageBytes).readLoop(listener.get());
        } catch (IOException e) {
            // The client went away during the upgrade; there is nobody to tell.
        } finally {
            openSockets.remove(socket);
        }
    }

    private static Optional<String> upgradeProblem(HttpRequestHead request) {
        if (!request.method().equals("GET")) {
            return Optional.of("WebSocket upgrade requires GET");
        }
        if (!request.headerHasToken("Upgrade", "websocket") || !request.headerHasToken("Connection", "Upgrade")) {
            return Optional.of("not a WebSocket upgrade request");
        }
        if (!request.header("Sec-WebSocket-Version").map(String::trim).equals(Optional.of("13"))) {
            return Optional.of("only WebSocket version 13 is supported");
        }
        Optional<String> key = request.header("Sec-WebSocket-Key");
        if (key.isEmpty() || decodedLength(key.get()) != 16) {
            return Optional.of("Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return Optional.empty();
    }

    private static int decodedLength(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim()).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }

    private static void writeSwitchingProtocols(OutputStream out, String key) throws IOException {
        String response = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n";
        out.write(response.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void respond(Socket socket, int status, String statusText, String contentType, byte[] body)
            throws IOException {
        String head = "HTTP/1.1 " + status + " " + statusText + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
    }

    /** Configures the bind address, the endpoints and the plain HTTP resources. */
    public static final class Builder {
        private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private final Map<String, WebSocketEndpoint> endpoints = new ConcurrentHashMap<>();
        private final Map<String, HttpResource> resources = new ConcurrentHashMap<>();
        private int maxMessageBytes = 16 * 1024 * 1024 + 16;

        public Builder address(InetSocketAddress address) {
            this.address = address;
            return this;
        }

        public Builder endpoint(String path, WebSocketEndpoint endpoint) {
            endpoints.put(path, endpoint);
            return this;
        }

        public Builder resource(String path, HttpResource resource) {
            resources.put(path, resource);
            return this;
        }

        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        public WebSocketServer start() throws IOException {
            return new WebSocketServer(this);
        }
    }
}
