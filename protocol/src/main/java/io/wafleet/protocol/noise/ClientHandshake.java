package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.proto.HandshakeMessage;
import java.time.Clock;

/**
 * The initiator side of WhatsApp Web's Noise XX handshake, as our client runs it:
 *
 * <pre>
 *   ClientHandshake handshake = ClientHandshake.start(noiseKey, trustedRoot, clock);
 *   send(handshake.clientHello());
 *   handshake.readServerHello(received);                 // verifies the certificate chain
 *   send(handshake.clientFinish(clientPayloadBytes));
 *   TransportCiphers ciphers = handshake.transportKeys().clientCiphers();
 * </pre>
 *
 * Messages are bare {@code HandshakeMessage} protobufs; framing (and the intro header) is {@link FrameEncoder}'s
 * job. Any failure throws {@link NoiseHandshakeException} and leaves the object unusable. Not thread-safe.
 */
public final class ClientHandshake {
    private enum Stage { AWAITING_SERVER_HELLO, AWAITING_CLIENT_FINISH, FINISHED, FAILED }

    private final KeyPair noiseStatic;
    private final KeyPair ephemeral;
    private final CertChainVerifier verifier;
    private final SymmetricState state = new SymmetricState();
    private final byte[] clientHello;
    private byte[] serverEphemeral;
    private Stage stage = Stage.AWAITING_SERVER_HELLO;

    private ClientHandshake(KeyPair noiseStatic, KeyPair ephemeral, TrustedRoot root, Clock clock) {
        this.noiseStatic = noiseStatic;
        this.ephemeral = ephemeral;
        this.verifier = new CertChainVerifier(root, clock);
        byte[] ephemeralPublic = ephemeral.publicKey();
        state.mixHash(ephemeralPublic);
        this.clientHello = HandshakeMessage.newBuilder()
                .setClientHello(HandshakeMessage.ClientHello.newBuilder().setEphemeral(ByteString.copyFrom(ephemeralPublic)))
                .build()
                .toByteArray();
    }

    /** Production defaults: WhatsApp's root, the system clock, a fresh ephemeral key. */
    public static ClientHandshake start(KeyPair noiseStatic) {
        return start(noiseStatic, TrustedRoot.whatsApp(), Clock.systemUTC());
    }

    /** A fresh ephemeral key for this connection. */
    public static ClientHandshake start(KeyPair noiseStatic, TrustedRoot root, Clock clock) {
        return start(noiseStatic, X25519.generateKeyPair(), root, clock);
    }

    /** With a chosen ephemeral key: for replaying recorded transcripts. Never reuse an ephemeral key otherwise. */
    public static ClientHandshake start(KeyPair noiseStatic, KeyPair ephemeral, TrustedRoot root, Clock clock) {
        return new ClientHandshake(noiseStatic, ephemeral, root, clock);
    }

    /** The ClientHello {@code HandshakeMessage}: the first payload to send. */
    public byte[] clientHello() {
        return clientHello.clone();
    }

    /**
     * Processes the server's answer: learns the server's ephemeral and static keys, decrypts and verifies its
     * certificate chain. On success the next step is {@link #clientFinish}.
     */
    public VerifiedCertChain readServerHello(byte[] serverHelloMessage) {
        expect(Stage.AWAITING_SERVER_HELLO);
        // Pessimistic until the step completes: any exception below leaves the handshake unusable.
        stage = Stage.FAILED;
        HandshakeMessage.ServerHello hello = parse(serverHelloMessage);
        serverEphemeral = HandshakeFields.exactly(hello.getEphemeral(), HandshakeFields.KEY_BYTES, "ServerHello ephemeral");
        byte[] encryptedStatic = HandshakeFields.exactly(hello.getStatic(), HandshakeFields.ENCRYPTED_KEY_BYTES, "ServerHello static");
        if (hello.getPayload().isEmpty()) {
            throw new NoiseHandshakeException("ServerHello carries no certificate chain");
        }

        state.mixHash(serverEphemeral);
        state.mixKey(HandshakeFields.dh(ephemeral.privateKey(), serverEphemeral, "server ephemeral key"));
        byte[] serverStatic = state.decryptAndHash(encryptedStatic);
        state.mixKey(HandshakeFields.dh(ephemeral.privateKey(), serverStatic, "server static key"));
        byte[] certChain = state.decryptAndHash(hello.getPayload().toByteArray());
        VerifiedCertChain verified = verifier.verify(certChain, serverStatic);
        stage = Stage.AWAITING_CLIENT_FINISH;
        return verified;
    }

    /** The ClientFinish {@code HandshakeMessage} carrying our noise static key and the encoded ClientPayload. */
    public byte[] clientFinish(byte[] clientPayload) {
        expect(Stage.AWAITING_CLIENT_FINISH);
        stage = Stage.FAILED;
        // Same key and running nonce that decrypted the certificate chain: the static goes out with nonce 1.
        byte[] encryptedStatic = state.encryptAndHash(noiseStatic.publicKey());
        state.mixKey(HandshakeFields.dh(noiseStatic.privateKey(), serverEphemeral, "server ephemeral key"));
        byte[] encryptedPayload = state.encryptAndHash(clientPayload);
        byte[] message = HandshakeMessage.newBuilder()
                .setClientFinish(HandshakeMessage.ClientFinish.newBuilder()
                        .setStatic(ByteString.copyFrom(encryptedStatic))
                        .setPayload(ByteString.copyFrom(encryptedPayload)))
                .build()
                .toByteArray();
        stage = Stage.FINISHED;
        return message;
    }

    /** The transport keys; available once the ClientFinish was produced. */
    public TransportKeys transportKeys() {
        expect(Stage.FINISHED);
        return state.split();
    }

    /** The final handshake hash, binding the whole transcript (available once finished). */
    public byte[] handshakeHash() {
        expect(Stage.FINISHED);
        return state.handshakeHash();
    }

    private static HandshakeMessage.ServerHello parse(byte[] message) {
        try {
            HandshakeMessage parsed = HandshakeMessage.parseFrom(message);
            if (!parsed.hasServerHello()) {
                throw new NoiseHandshakeException("expected a ServerHello, got a HandshakeMessage without one");
            }
            return parsed.getServerHello();
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseHandshakeException("ServerHello is not a valid HandshakeMessage protobuf", e);
        }
    }

    private void expect(Stage expected) {
        if (stage != expected) {
            throw new IllegalStateException("client handshake is " + stage + ", not " + expected);
        }
    }

    @Override
    public String toString() {
        return "ClientHandshake[" + stage + "]";
    }
}
