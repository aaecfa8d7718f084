package io.wafleet.simulator.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.simulator.WaSimulator;
import io.wafleet.simulator.messaging.ReceivedMessage;
import io.wafleet.simulator.messaging.SimulatedContact;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer's line protocol, driven in-process against the embedded simulator exactly as the Node harness drives it. */
class WaFleetPeerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private WaSimulator simulator;

    @BeforeEach
    void startSimulator() {
        simulator = WaSimulator.start();
    }

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void linksSendsReceivesStopsAndLogsInAgainFromTheSameStore() throws Exception {
        SimulatedContact contact = simulator.newContact("+15550004002");
        Jid user;
        try (RunningPeer peer = RunningPeer.start()) {
            peer.command(startCommand());
            String qr = peer.next("qr").get("qr").asText();
            user = simulator.newPhone("+15550004001").scan(qr).toNormalizedUser();
            assertThat(Jid.parse(peer.next("connected").get("jid").asText()).orElseThrow().toNormalizedUser()).isEqualTo(user);

            peer.command("{\"cmd\":\"send\",\"to\":\"" + contact.jid() + "\",\"text\":\"hello contact\",\"id\":\"3EB0000000000000000001\"}");
            assertThat(peer.next("sent").get("id").asText()).isEqualTo("3EB0000000000000000001");
            ReceivedMessage atContact = contact.awaitMessage(WAIT);
            assertThat(atContact.text()).isEqualTo("hello contact");
            assertThat(atContact.id()).isEqualTo("3EB0000000000000000001");

            String replyId = contact.send(user, "hello peer");
            JsonNode message = peer.next("message");
            assertThat(message.get("id").asText()).isEqualTo(replyId);
            assertThat(message.get("text").asText()).isEqualTo("hello peer");
            assertThat(Jid.parse(message.get("from").asText()).orElseThrow().user()).isEqualTo(contact.number());
            awaitReceipt(contact, replyId);

            peer.command("{\"cmd\":\"stop\"}");
            peer.next("stopped");
            assertThat(peer.exitCode()).isEqualTo(0);
        }

        try (RunningPeer again = RunningPeer.start()) {
            again.command(startCommand());
            JsonNode connected = again.next("connected");
            assertThat(Jid.parse(connected.get("jid").asText()).orElseThrow().toNormalizedUser()).isEqualTo(user);
            again.command("{\"cmd\":\"send\",\"to\":\"" + contact.jid() + "\",\"text\":\"after the restart\"}");
            again.next("sent");
            ReceivedMessage after = contact.awaitMessage(WAIT);
            assertThat(after.text()).isEqualTo("after the restart");
            assertThat(after.encryption()).isEqualTo(EncryptedMessage.Type.MSG);
            again.closeInput();
            again.next("stopped");
            assertThat(again.exitCode()).isEqualTo(0);
        }
        assertThat(simulator.stats().decryptFailures()).isZero();
        assertThat(simulator.stats().retryReceipts()).isZero();
    }

    @Test
    void aBadLineIsAnsweredWithAnErrorAndThePeerGoesOn() throws Exception {
        try (RunningPeer peer = RunningPeer.start()) {
            peer.command("not json");
            assertThat(peer.next("error").get("message").asText()).startsWith("not JSON");
            peer.command("{\"cmd\":\"fly\"}");
            assertThat(peer.next("error").get("message").asText()).isEqualTo("unknown command 'fly'");
            peer.command("{\"cmd\":\"send\",\"to\":\"1@s.whatsapp.net\",\"text\":\"x\",\"extra\":1}");
            assertThat(peer.next("error").get("message").asText()).isEqualTo("unknown field 'extra'");
            peer.command("{\"cmd\":\"start\",\"store\":\"/tmp/x\",\"ws\":\"http://x\",\"root\":\"00\"}");
            assertThat(peer.next("error").get("message").asText()).contains("ws://");
            peer.command("{\"cmd\":\"send\",\"to\":\"1@s.whatsapp.net\",\"text\":\"x\"}");
            assertThat(peer.next("error").get("message").asText()).isEqualTo("send before start");
            peer.command("{\"cmd\":\"stop\"}");
            peer.next("stopped");
            assertThat(peer.exitCode()).isEqualTo(0);
        }
    }

    @Test
    void logLinesKeepOnlyTheEdgesOfPhoneNumbers() {
        assertThat(MaskingFormatter.mask("cannot encrypt for 15550004001.0 (+15550004002, 15550004003@s.whatsapp.net)"))
                .isEqualTo("cannot encrypt for 15*******01.0 (+15*******02, 15*******03@s.whatsapp.net)");
        assertThat(MaskingFormatter.mask("device 12 of 3 at 10:15")).isEqualTo("device 12 of 3 at 10:15");
    }

    private String startCommand() {
        return "{\"cmd\":\"start\",\"store\":\"" + directory.resolve("account") + "\",\"ws\":\"" + simulator.url()
                + "\",\"root\":\"" + HexFormat.of().formatHex(simulator.rootPublicKey()) + "\"}";
    }

    private static void awaitReceipt(SimulatedContact contact, String id) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (contact.receipts().stream().anyMatch(r -> r.messageId().equals(id) && r.type().isPresent())) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no receipt from the peer for " + id + ": " + contact.receipts());
    }

    /** A peer on its own thread, fed through a pipe; its output lines land in a queue. */
    private static final class RunningPeer implements AutoCloseable {
        private final PipedWriter input;
        private final BlockingQueue<JsonNode> lines;
        private final CompletableFuture<Integer> exit;

        private RunningPeer(PipedWriter input, BlockingQueue<JsonNode> lines, CompletableFuture<Integer> exit) {
            this.input = input;
            this.lines = lines;
            this.exit = exit;
        }

        static RunningPeer start() throws IOException {
            PipedWriter input = new PipedWriter();
            BufferedReader commands = new BufferedReader(new PipedReader(input));
            BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();
            PrintStream out = new PrintStream(new LineSplitter(lines), true, StandardCharsets.UTF_8);
            WaFleetPeer peer = new WaFleetPeer(commands, new PeerOutput(out));
            // Its own thread, as main() in a process: on a two-core machine the common pool has one thread,
            // which the blocking command loop would take from the client's own asynchronous steps.
            CompletableFuture<Integer> exit = new CompletableFuture<>();
            Thread.ofPlatform().name("peer-commands").daemon().start(() -> exit.complete(peer.run()));
            return new RunningPeer(input, lines, exit);
        }

        void command(String line) throws IOException {
            input.write(line + "\n");
            input.flush();
        }

        void closeInput() throws IOException {
            input.close();
        }

        /** The next line with this event, skipping others (receipts, closed, ...). */
        JsonNode next(String event) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            List<JsonNode> skipped = new ArrayList<>();
            while (true) {
                JsonNode line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new AssertionError("no '" + event + "' event within " + WAIT + "; got " + skipped);
                }
                if (line.get("event").asText().equals(event)) {
                    return line;
                }
                skipped.add(line);
            }
        }

        int exitCode() throws Exception {
            return exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws Exception {
            if (!exit.isDone()) {
                command("{\"cmd\":\"stop\"}");
            }
            exit.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Parses each complete line written to it as JSON. */
    private static final class LineSplitter extends OutputStream {
        private final BlockingQueue<JsonNode> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(BlockingQueue<JsonNode> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            if (b != '\n') {
                pending.write(b);
                return;
            }
            lines.add(JSON.readTree(pending.toString(StandardCharsets.UTF_8)));
            pending.reset();
        }
    }
}
