package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.binary.BinaryNodes;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.testing.Vectors;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Replays every recorded Baileys handshake in both roles, byte for byte, through framing and transport. */
class NoiseTranscriptTest {
    private static final String CLIENT_TO_SERVER = "client->server";
    private static final String SERVER_TO_CLIENT = "server->client";

    @TestFactory
    Stream<DynamicTest> clientRoleReproducesEveryTranscript() {
        List<JsonNode> transcripts = NoiseVectors.list(NoiseVectors.file().get("transcripts"));
        Vectors.report(NoiseVectors.FILE, "transcripts (client role)", transcripts.size());
        return transcripts.stream().map(t -> DynamicTest.dynamicTest(t.get("name").asText(), () -> replayAsClient(t)));
    }

    @TestFactory
    Stream<DynamicTest> serverRoleReproducesEveryTranscript() {
        List<JsonNode> transcripts = NoiseVectors.list(NoiseVectors.file().get("transcripts"));
        Vectors.report(NoiseVectors.FILE, "transcripts (server role)", transcripts.size());
        return transcripts.stream().map(t -> DynamicTest.dynamicTest(t.get("name").asText(), () -> replayAsServer(t)));
    }

    @TestFactory
    Stream<DynamicTest> transportFramesOfEveryTranscript() {
        List<JsonNode> transcripts = NoiseVectors.list(NoiseVectors.file().get("transcripts"));
        int frames = transcripts.stream().mapToInt(t -> t.get("transportFrames").size()).sum();
        Vectors.report(NoiseVectors.FILE, "transportFrames", frames);
        return transcripts.stream().map(t -> DynamicTest.dynamicTest(t.get("name").asText(), () -> replayTransport(t)));
    }

    private static void replayAsClient(JsonNode t) {
        JsonNode keys = t.get("keys");
        IntroHeader intro = IntroHeader.forRoutingInfo(NoiseVectors.optionalHex(t, "routingInfoHex"));
        assertThat(intro.encode()).isEqualTo(NoiseVectors.hex(t, "introHeaderHex"));

        byte[] certChain = NoiseVectors.hex(t.get("certChain"), "certChainHex");
        Clock clock = NoiseVectors.clockInside(certChain);
        TrustedRoot root = TrustedRoot.explicit(NoiseVectors.hex(keys.get("root"), "publicHex"));
        ClientHandshake client = ClientHandshake.start(
                NoiseVectors.keyPair(keys.get("clientStatic")), NoiseVectors.keyPair(keys.get("clientEphemeral")), root, clock);
        FrameEncoder encoder = FrameEncoder.client(intro);
        FrameReader reader = FrameReader.forClient();

        assertThat(client.clientHello()).isEqualTo(NoiseVectors.hex(t.get("clientHello"), "handshakeMessageHex"));
        assertThat(encoder.encode(client.clientHello())).isEqualTo(NoiseVectors.hex(t.get("clientHello"), "frameHex"));

        List<byte[]> serverHello = reader.feed(NoiseVectors.hex(t.get("serverHello"), "frameHex"));
        assertThat(serverHello).hasSize(1);
        assertThat(serverHello.getFirst()).isEqualTo(NoiseVectors.hex(t.get("serverHello"), "handshakeMessageHex"));
        VerifiedCertChain verified = client.readServerHello(serverHello.getFirst());
        assertThat(verified.leafSerial()).isEqualTo(t.get("certChain").get("leaf").get("details").get("serial").asLong());
        assertThat(verified.intermediateSerial()).isEqualTo(t.get("certChain").get("intermediate").get("details").get("serial").asLong());

        JsonNode finish = t.get("clientFinish");
        byte[] finishMessage = client.clientFinish(NoiseVectors.hex(finish, "clientPayloadHex"));
        assertThat(finishMessage).isEqualTo(NoiseVectors.hex(finish, "handshakeMessageHex"));
        assertThat(encoder.encode(finishMessage)).isEqualTo(NoiseVectors.hex(finish, "frameHex"));

        assertThat(client.handshakeHash()).isEqualTo(NoiseVectors.hex(t, "finalHandshakeHashHex"));
        assertThat(client.transportKeys()).isEqualTo(recordedKeys(t));
    }

    private static void replayAsServer(JsonNode t) {
        JsonNode keys = t.get("keys");
        ServerHandshake server = ServerHandshake.start(
                NoiseVectors.keyPair(keys.get("serverStatic")),
                NoiseVectors.keyPair(keys.get("serverEphemeral")),
                NoiseVectors.hex(t.get("certChain"), "certChainHex"));
        FrameReader reader = FrameReader.forServer();
        FrameEncoder encoder = FrameEncoder.server();

        List<byte[]> hello = reader.feed(NoiseVectors.hex(t.get("clientHello"), "frameHex"));
        assertThat(reader.intro()).contains(IntroHeader.forRoutingInfo(NoiseVectors.optionalHex(t, "routingInfoHex")));
        assertThat(hello).hasSize(1);
        byte[] serverHello = server.respondToClientHello(hello.getFirst());
        assertThat(serverHello).isEqualTo(NoiseVectors.hex(t.get("serverHello"), "handshakeMessageHex"));
        assertThat(encoder.encode(serverHello)).isEqualTo(NoiseVectors.hex(t.get("serverHello"), "frameHex"));

        List<byte[]> finish = reader.feed(NoiseVectors.hex(t.get("clientFinish"), "frameHex"));
        assertThat(finish).hasSize(1);
        ClientFinished client = server.readClientFinish(finish.getFirst());
        assertThat(client.clientStaticKey()).isEqualTo(NoiseVectors.hex(keys.get("clientStatic"), "publicHex"));
        assertThat(client.clientPayload()).isEqualTo(NoiseVectors.hex(t.get("clientFinish"), "clientPayloadHex"));

        assertThat(server.handshakeHash()).isEqualTo(NoiseVectors.hex(t, "finalHandshakeHashHex"));
        assertThat(server.transportKeys()).isEqualTo(recordedKeys(t));
    }

    /**
     * Each side seals what it sends and opens what it receives; the recorded frames are checked from both ends,
     * in counter order per direction (directions are independent), and decoded into the recorded nodes.
     */
    private static void replayTransport(JsonNode t) {
        TransportKeys keys = recordedKeys(t);
        TransportCiphers client = keys.clientCiphers();
        TransportCiphers server = keys.serverCiphers();
        FrameEncoder wire = FrameEncoder.server();
        // A second set of ciphers and readers, kept in step, takes the paths connections use: a node sealed straight
        // into its frame (checked for what the client sends, whose plaintext our encoder reproduces), and each
        // frame opened and decoded inside the reader's buffer.
        TransportCipher clientInPlaceSender = keys.clientCiphers().outbound();
        TransportCipher clientInPlaceReceiver = keys.clientCiphers().inbound();
        TransportCipher serverInPlaceReceiver = keys.serverCiphers().inbound();
        FrameEncoder sealingWire = FrameEncoder.server();
        FrameReader clientInPlaceReader = FrameReader.forClient();
        FrameReader serverInPlaceReader = FrameReader.forServer();
        serverInPlaceReader.feed(IntroHeader.forRoutingInfo(NoiseVectors.optionalHex(t, "routingInfoHex")).encode());
        FrameReader clientReader = FrameReader.forClient();
        // The server's reader expects the intro first, as it would on a real connection.
        FrameReader serverReader = FrameReader.forServer();
        serverReader.feed(IntroHeader.forRoutingInfo(NoiseVectors.optionalHex(t, "routingInfoHex")).encode());

        for (JsonNode frame : NoiseVectors.list(t.get("transportFrames"))) {
            byte[] plaintext = NoiseVectors.hex(frame, "plaintextHex");
            byte[] ciphertext = NoiseVectors.hex(frame, "ciphertextHex");
            byte[] frameBytes = NoiseVectors.hex(frame, "frameHex");
            long counter = frame.get("counter").asLong();
            String direction = frame.get("direction").asText();
            TransportCipher sender = switch (direction) {
                case CLIENT_TO_SERVER -> client.outbound();
                case SERVER_TO_CLIENT -> server.outbound();
                default -> throw new IllegalStateException("unknown direction " + direction);
            };
            TransportCipher receiver = direction.equals(CLIENT_TO_SERVER) ? server.inbound() : client.inbound();
            FrameReader receiverReader = direction.equals(CLIENT_TO_SERVER) ? serverReader : clientReader;
            TransportCipher inPlaceReceiver = direction.equals(CLIENT_TO_SERVER) ? serverInPlaceReceiver : clientInPlaceReceiver;
            FrameReader inPlaceReader = direction.equals(CLIENT_TO_SERVER) ? serverInPlaceReader : clientInPlaceReader;

            assertThat(sender.counter()).as("send counter").isEqualTo(counter);
            byte[] sealed = sender.encrypt(plaintext);
            assertThat(sealed).isEqualTo(ciphertext);
            assertThat(wire.encode(sealed)).isEqualTo(frameBytes);

            assertThat(receiver.counter()).as("receive counter").isEqualTo(counter);
            List<byte[]> received = receiverReader.feed(frameBytes);
            assertThat(received).hasSize(1);
            byte[] opened = receiver.decrypt(received.getFirst());
            assertThat(opened).isEqualTo(plaintext);
            List<Node> openedInPlace = new ArrayList<>();
            inPlaceReader.feed(frameBytes, payload -> openedInPlace.add(inPlaceReceiver.decryptNode(payload)));
            assertThat(openedInPlace).hasSize(1);

            // Beyond byte equality: the plaintext is the recorded node (compressed frames included), and what the
            // client sends is exactly our encoder's output for that node.
            Node recorded = TranscriptNodes.fromJson(frame.get("node"));
            assertThat(TranscriptNodes.canonical(BinaryNodes.decode(opened))).isEqualTo(TranscriptNodes.canonical(recorded));
            assertThat(TranscriptNodes.canonical(openedInPlace.getFirst())).as("opened in the reader's buffer")
                    .isEqualTo(TranscriptNodes.canonical(recorded));
            if (direction.equals(CLIENT_TO_SERVER)) {
                assertThat(BinaryNodes.encode(recorded)).isEqualTo(plaintext);
                assertThat(sealingWire.encodeSealed(clientInPlaceSender, recorded)).as("sealed into the frame").isEqualTo(frameBytes);
            }
        }
    }

    private static TransportKeys recordedKeys(JsonNode t) {
        JsonNode keys = t.get("transportKeys");
        return new TransportKeys(NoiseVectors.hex(keys, "clientToServerHex"), NoiseVectors.hex(keys, "serverToClientHex"));
    }
}
