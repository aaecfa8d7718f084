package io.wafleet.simulator.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 6455 basics: upgrade, masked frames, fragmentation, ping/pong, close, and refusals of broken peers. */
class WebSocketServerTest {
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> serverSawClose = new CompletableFuture<>();
    private final WebSocketServer server = start();

    @AfterEach
    void stop() {
        server.close();
    }

    private WebSocketServer start() {
        try {
            return WebSocketServer.builder()
                    .endpoint("/echo", request -> request.header("X-Refuse").isPresent() ? Optional.empty() : Optional.of(new Echo()))
                    .resource("/hello.txt", new HttpResource("text/plain", () -> "hi".getBytes(StandardCharsets.UTF_8)))
                    .maxMessageBytes(1024)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Echoes each binary message back and records it. */
    private final class Echo implements WebSocketListener {
        @Override
        public void onOpen(WebSocketConnection connection) {}

        @Override
        public void onBinary(WebSocketConnection connection, byte[] message) {
            received.add(message);
            connection.sendBinary(message);
        }

        @Override
        public void onClose(WebSocketConnection connection, int code, String reason) {
            serverSawClose.complete(code);
        }
    }

    @Test
    void echoesWholeAndFragmentedBinaryMessagesFromTheJdkClient() throws Exception {
        JdkClient client = new JdkClient();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "https://web.whatsapp.com")
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/echo"), client).join();
        socket.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertThat(client.messages.poll(5, TimeUnit.SECONDS)).containsExactly(1, 2, 3);
        socket.sendBinary(ByteBuffer.wrap(new byte[] {4, 5}), false).join();
        socket.sendBinary(ByteBuffer.wrap(new byte[] {6}), true).join();
        assertThat(client.messages.poll(5, TimeUnit.SECONDS)).containsExactly(4, 5, 6);
        byte[] large = new byte[1000];
        socket.sendBinary(ByteBuffer.wrap(large), true).join();
        assertThat(client.messages.poll(5, TimeUnit.SECONDS)).hasSize(1000);
        socket.sendPing(ByteBuffer.wrap(new byte[] {9})).join();
        assertThat(client.pongs.poll(5, TimeUnit.SECONDS)).containsExactly(9);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
        assertThat(client.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(serverSawClose.get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }

    @Test
    void refusesUnmaskedFramesWith1002() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.upgrade("/echo");
            raw.out.write(new byte[] {(byte) 0x82, 0x01, 0x07});
            assertThat(raw.readCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    @Test
    void refusesTextMessagesWith1003() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.upgrade("/echo");
            raw.sendMasked(0x81, "hi".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readCloseCode()).isEqualTo(CloseCodes.UNSUPPORTED_DATA);
        }
    }

    @Test
    void refusesMessagesOverTheLimitWith1009WithoutWaitingForTheirBytes() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.upgrade("/echo");
            // Declares 1 MiB and sends none of it: the server must refuse on the header alone.
            raw.out.write(new byte[] {(byte) 0x82, (byte) 0xFF, 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 2, 3, 4});
            assertThat(raw.readCloseCode()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
    }

    @Test
    void refusesAContinuationWithoutAMessageAndReservedBits() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.upgrade("/echo");
            raw.sendMasked(0x80, new byte[] {1});
            assertThat(raw.readCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.upgrade("/echo");
            raw.sendMasked(0xC2, new byte[] {1});
            assertThat(raw.readCloseCode()).isEqualTo(CloseCodes.PROTOCOL_ERROR);
        }
    }

    @Test
    void answersPlainHttpForResourcesUnknownPathsAndBadUpgrades() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.write("GET /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readAll()).startsWith("HTTP/1.1 200").endsWith("hi");
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.write("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readAll()).startsWith("HTTP/1.1 404");
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.write("GET /echo HTTP/1.1\r\nHost: x\r\n\r\n");
            assertThat(raw.readAll()).startsWith("HTTP/1.1 400");
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.write(RawClient.upgradeRequest("/echo", "X-Refuse: yes\r\n"));
            assertThat(raw.readAll()).startsWith("HTTP/1.1 503");
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.write("this is not http\r\n\r\n");
            assertThat(raw.readAll()).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void theAcceptValueIsTheOneFromRfc6455() {
        assertThat(WebSocketServer.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    private static final class JdkClient implements WebSocket.Listener {
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            partial.writeBytes(chunk);
            if (last) {
                messages.add(partial.toByteArray());
                partial.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            pongs.add(bytes);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }
    }

    /** A hand-driven TCP client, for the frames a well-behaved library would never send. */
    private static final class RawClient implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final DataInputStream in;

        RawClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = new DataInputStream(socket.getInputStream());
        }

        static String upgradeRequest(String path, String extraHeaders) {
            String key = Base64.getEncoder().encodeToString(new byte[16]);
            return "GET " + path + " HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
        }

        void upgrade(String path) throws IOException {
            write(upgradeRequest(path, "Origin: https://web.whatsapp.com\r\n"));
            String head = readHead();
            assertThat(head).startsWith("HTTP/1.1 101");
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
        }

        void sendMasked(int firstByte, byte[] payload) throws IOException {
            byte[] mask = {1, 2, 3, 4};
            out.write(firstByte);
            out.write(0x80 | payload.length);
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                out.write(payload[i] ^ mask[i & 3]);
            }
        }

        /** Reads server frames until a close frame and returns its code. */
        int readCloseCode() throws IOException {
            while (true) {
                int b0 = in.readUnsignedByte();
                int length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                }
                byte[] payload = in.readNBytes(length);
                if ((b0 & 0x0F) == 0x8) {
                    return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
        }

        String readHead() throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            return head.toString(StandardCharsets.US_ASCII);
        }

        String readAll() throws IOException {
            InputStream stream = in;
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
