package io.wafleet.protocol.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.proto.HandshakeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our client against our server, in memory, with fresh keys and a freshly issued chain: the simulator's setup. */
class LiveHandshakeTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);

    private final KeyPair root = X25519.generateKeyPair();
    private final KeyPair serverStatic = X25519.generateKeyPair();
    private final KeyPair clientStatic = X25519.generateKeyPair();
    private final CertChainIssuer issuer = CertChainIssuer.withFreshIntermediate(root, NOW);
    private final byte[] clientPayload = "a ClientPayload stand-in".getBytes(StandardCharsets.UTF_8);

    @Test
    void clientAndServerAgreeOnKeysAndPayloadAndTalkBothWays() {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));
        Wire wire = new Wire(IntroHeader.withRoutingInfo(new byte[] {1, 2, 3, 4}));

        byte[] serverHello = server.respondToClientHello(wire.toServer(client.clientHello()));
        VerifiedCertChain chain = client.readServerHello(wire.toClient(serverHello));
        ClientFinished finished = server.readClientFinish(wire.toServer(client.clientFinish(clientPayload)));

        assertThat(chain.intermediateSerial()).isEqualTo(CertChainIssuer.INTERMEDIATE_SERIAL);
        assertThat(chain.leafSerial()).isEqualTo(CertChainIssuer.LEAF_SERIAL);
        assertThat(chain.leafNotBefore()).isEqualTo(NOW.instant().minus(CertChainIssuer.BACKDATE));
        assertThat(chain.leafNotAfter()).isEqualTo(NOW.instant().plus(CertChainIssuer.LIFETIME));
        assertThat(wire.serverReader.intro()).contains(IntroHeader.withRoutingInfo(new byte[] {1, 2, 3, 4}));
        assertThat(finished.clientStaticKey()).isEqualTo(clientStatic.publicKey());
        assertThat(finished.clientPayload()).isEqualTo(clientPayload);
        assertThat(client.transportKeys()).isEqualTo(server.transportKeys());
        assertThat(client.handshakeHash()).isEqualTo(server.handshakeHash());

        TransportCiphers clientSide = client.transportKeys().clientCiphers();
        TransportCiphers serverSide = server.transportKeys().serverCiphers();
        for (int i = 0; i < 5; i++) {
            byte[] up = ("up " + i).getBytes(StandardCharsets.UTF_8);
            byte[] down = ("down " + i).getBytes(StandardCharsets.UTF_8);
            assertThat(serverSide.inbound().decrypt(wire.toServer(clientSide.outbound().encrypt(up)))).isEqualTo(up);
            assertThat(clientSide.inbound().decrypt(wire.toClient(serverSide.outbound().encrypt(down)))).isEqualTo(down);
        }
        assertThat(clientSide.outbound().counter()).isEqualTo(5);
        assertThat(serverSide.inbound().counter()).isEqualTo(5);
    }

    @Test
    void theIssuedChainPassesEveryCheckOnItsOwn() {
        VerifiedCertChain verified = new CertChainVerifier(TrustedRoot.explicit(root.publicKey()), NOW)
                .verify(issuer.issue(serverStatic.publicKey()), serverStatic.publicKey());

        assertThat(verified.leafSerial()).isEqualTo(CertChainIssuer.LEAF_SERIAL);
    }

    @ParameterizedTest
    @EnumSource(CertChainDefect.class)
    void clientRejectsEveryDefectiveChainOnTheMatchingCheck(CertChainDefect defect) {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issueDefective(serverStatic.publicKey(), defect));
        byte[] serverHello = server.respondToClientHello(client.clientHello());

        NoiseHandshakeException rejection =
                catchThrowableOfType(NoiseHandshakeException.class, () -> client.readServerHello(serverHello));

        assertThat(rejection).as(defect + " must be rejected").isNotNull();
        assertThat(rejection.failedCheck()).as(rejection.getMessage()).contains(defect.expectedFailure());
        assertThatThrownBy(() -> client.clientFinish(clientPayload)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void productionClientDoesNotTrustASimulatorRoot() {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.whatsApp(), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));

        NoiseHandshakeException rejection = catchThrowableOfType(NoiseHandshakeException.class,
                () -> client.readServerHello(server.respondToClientHello(client.clientHello())));

        assertThat(rejection.failedCheck()).contains(CertificateCheck.INTERMEDIATE_SIGNED_BY_ROOT);
    }

    @Test
    void chainIsRejectedBeforeItsValidityStarts() {
        Clock beforeIssue = Clock.offset(NOW, CertChainIssuer.BACKDATE.plus(Duration.ofSeconds(1)).negated());
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), beforeIssue);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));

        NoiseHandshakeException rejection = catchThrowableOfType(NoiseHandshakeException.class,
                () -> client.readServerHello(server.respondToClientHello(client.clientHello())));

        assertThat(rejection.failedCheck()).contains(CertificateCheck.INTERMEDIATE_VALID_NOW);
    }

    @Test
    void serverRejectsATamperedClientFinish() {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));
        client.readServerHello(server.respondToClientHello(client.clientHello()));
        byte[] finish = client.clientFinish(clientPayload);
        finish[finish.length - 1] ^= 1;

        assertThatThrownBy(() -> server.readClientFinish(finish))
                .isInstanceOf(NoiseHandshakeException.class)
                .hasMessageContaining("does not authenticate");
        assertThatThrownBy(server::transportKeys).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void clientRejectsAServerStaticItCannotDecrypt() throws Exception {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));
        HandshakeMessage genuine = HandshakeMessage.parseFrom(server.respondToClientHello(client.clientHello()));
        byte[] flipped = genuine.getServerHello().getStatic().toByteArray();
        flipped[0] ^= 1;
        byte[] serverHello = genuine.toBuilder()
                .setServerHello(genuine.getServerHello().toBuilder().setStatic(ByteString.copyFrom(flipped)))
                .build().toByteArray();

        NoiseHandshakeException rejection =
                catchThrowableOfType(NoiseHandshakeException.class, () -> client.readServerHello(serverHello));

        assertThat(rejection).hasMessageContaining("does not authenticate");
        assertThat(rejection.failedCheck()).isEmpty();
    }

    @Test
    void malformedHandshakeMessagesAreRejectedClearly() {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        byte[] shortEphemeral = HandshakeMessage.newBuilder()
                .setClientHello(HandshakeMessage.ClientHello.newBuilder()
                        .setEphemeral(ByteString.copyFrom(new byte[31])))
                .build().toByteArray();

        assertThatThrownBy(() -> client.readServerHello(new byte[] {(byte) 0xFF, 0x01}))
                .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("protobuf");
        assertThatThrownBy(() -> ServerHandshake.start(serverStatic, new byte[0]).respondToClientHello(shortEphemeral))
                .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("ClientHello ephemeral must be 32 bytes");
        assertThatThrownBy(() -> ServerHandshake.start(serverStatic, new byte[0]).respondToClientHello(new byte[0]))
                .isInstanceOf(NoiseHandshakeException.class).hasMessageContaining("without one");
    }

    @Test
    void aSmallOrderServerEphemeralAbortsTheHandshake() throws Exception {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));
        HandshakeMessage genuine = HandshakeMessage.parseFrom(server.respondToClientHello(client.clientHello()));
        byte[] serverHello = genuine.toBuilder()
                .setServerHello(genuine.getServerHello().toBuilder().setEphemeral(ByteString.copyFrom(new byte[32])))
                .build().toByteArray();

        assertThatThrownBy(() -> client.readServerHello(serverHello))
                .isInstanceOf(NoiseHandshakeException.class)
                .hasMessageContaining("key agreement with the server ephemeral key failed");
    }

    @Test
    void stepsOutOfOrderAreRefused() {
        ClientHandshake client = ClientHandshake.start(clientStatic, TrustedRoot.explicit(root.publicKey()), NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, issuer.issue(serverStatic.publicKey()));

        assertThatThrownBy(() -> client.clientFinish(clientPayload)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(client::transportKeys).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> server.readClientFinish(new byte[0])).isInstanceOf(IllegalStateException.class);
    }

    /** Carries messages through real framing in both directions, as a WebSocket would. */
    private static final class Wire {
        final FrameEncoder clientEncoder;
        final FrameEncoder serverEncoder = FrameEncoder.server();
        final FrameReader serverReader = FrameReader.forServer();
        final FrameReader clientReader = FrameReader.forClient();

        Wire(IntroHeader intro) {
            clientEncoder = FrameEncoder.client(intro);
        }

        byte[] toServer(byte[] payload) {
            return single(serverReader.feed(clientEncoder.encode(payload)));
        }

        byte[] toClient(byte[] payload) {
            return single(clientReader.feed(serverEncoder.encode(payload)));
        }

        private static byte[] single(List<byte[]> frames) {
            assertThat(frames).hasSize(1);
            return frames.getFirst();
        }
    }
}
