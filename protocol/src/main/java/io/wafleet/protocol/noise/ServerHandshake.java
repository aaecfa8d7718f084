package io.wafleet.protocol.noise;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.proto.HandshakeMessage;

/**
 * The responder side of WhatsApp Web's Noise XX handshake, as the simulator runs it:
 *
 * <pre>
 *   ServerHandshake handshake = ServerHandshake.start(serverStatic, certChainBytes);
 *   send(handshake.respondToClientHello(received));      // the ServerHello
 *   ClientFinished client = handshake.readClientFinish(received);
 *   TransportCiphers ciphers = handshake.transportKeys().serverCiphers();
 * </pre>
 *
 * The certificate chain is sent as given; it is the caller's job to issue one whose leaf certifies
 * {@code serverStatic} (see {@link CertChainIssuer}) — or, in tests of a client, deliberately not. Any failure
 * throws {@link NoiseHandshakeException} and leaves the object unusable. Not thread-safe.
 */
public final class ServerHandshake {
    private enum Stage { AWAITING_CLIENT_HELLO, AWAITING_CLIENT_FINISH, FINISHED, FAILED }

    private final KeyPair serverStatic;
    private final KeyPair ephemeral;
    private final byte[] certChain;
    private final SymmetricState state = new SymmetricState();
    private Stage stage = Stage.AWAITING_CLIENT_HELLO;

    private ServerHandshake(KeyPair serverStatic, KeyPair ephemeral, byte[] certChain) {
        this.serverStatic = serverStatic;
        this.ephemeral = ephemeral;
        this.certChain = certChain.clone();
    }

    /** A fresh ephemeral key for this connection. */
    public static ServerHandshake start(KeyPair serverStatic, byte[] certChain) {
        return start(serverStatic, X25519.generateKeyPair(), certChain);
    }

    /** With a chosen ephemeral key: for replaying recorded transcripts. */
    public static ServerHandshake start(KeyPair serverStatic, KeyPair ephemeral, byte[] certChain) {
        return new ServerHandshake(serverStatic, ephemeral, certChain);
    }

    /** Reads the ClientHello and returns the ServerHello {@code HandshakeMessage} to send back. */
    public byte[] respondToClientHello(byte[] clientHelloMessage) {
        expect(Stage.AWAITING_CLIENT_HELLO);
        // Pessimistic until the step completes: any exception below leaves the handshake unusable.
        stage = Stage.FAILED;
        HandshakeMessage parsed = parse(clientHelloMessage);
        if (!parsed.hasClientHello()) {
            throw new NoiseHandshakeException("expected a ClientHello, got a HandshakeMessage without one");
        }
        byte[] clientEphemeral = HandshakeFields.exactly(parsed.getClientHello().getEphemeral(), HandshakeFields.KEY_BYTES, "ClientHello ephemeral");

        state.mixHash(clientEphemeral);
        byte[] ephemeralPublic = ephemeral.publicKey();
        state.mixHash(ephemeralPublic);
        state.mixKey(HandshakeFields.dh(ephemeral.privateKey(), clientEphemeral, "client ephemeral key"));
        byte[] encryptedStatic = state.encryptAndHash(serverStatic.publicKey());
        state.mixKey(HandshakeFields.dh(serverStatic.privateKey(), clientEphemeral, "client ephemeral key"));
        byte[] encryptedCertChain = state.encryptAndHash(certChain);
        stage = Stage.AWAITING_CLIENT_FINISH;
        return HandshakeMessage.newBuilder()
                .setServerHello(HandshakeMessage.ServerHello.newBuilder()
                        .setEphemeral(ByteString.copyFrom(ephemeralPublic))
                        .setStatic(ByteString.copyFrom(encryptedStatic))
                        .setPayload(ByteString.copyFrom(encryptedCertChain)))
                .build()
                .toByteArray();
    }

    /** Reads the ClientFinish: the client's authenticated noise static key and its (still encoded) ClientPayload. */
    public ClientFinished readClientFinish(byte[] clientFinishMessage) {
        expect(Stage.AWAITING_CLIENT_FINISH);
        stage = Stage.FAILED;
        HandshakeMessage parsed = parse(clientFinishMessage);
        if (!parsed.hasClientFinish()) {
            throw new NoiseHandshakeException("expected a ClientFinish, got a HandshakeMessage without one");
        }
        HandshakeMessage.ClientFinish finish = parsed.getClientFinish();
        byte[] encryptedStatic = HandshakeFields.exactly(finish.getStatic(), HandshakeFields.ENCRYPTED_KEY_BYTES, "ClientFinish static");
        if (finish.getPayload().isEmpty()) {
            throw new NoiseHandshakeException("ClientFinish carries no ClientPayload");
        }
        byte[] clientStatic = state.decryptAndHash(encryptedStatic);
        state.mixKey(HandshakeFields.dh(ephemeral.privateKey(), clientStatic, "client static key"));
        byte[] clientPayload = state.decryptAndHash(finish.getPayload().toByteArray());
        stage = Stage.FINISHED;
        return new ClientFinished(clientStatic, clientPayload);
    }

    /** The transport keys; available once the ClientFinish was read. */
    public TransportKeys transportKeys() {
        expect(Stage.FINISHED);
        return state.split();
    }

    /** The final handshake hash, binding the whole transcript (available once finished). */
    public byte[] handshakeHash() {
        expect(Stage.FINISHED);
        return state.handshakeHash();
    }

    private static HandshakeMessage parse(byte[] message) {
        try {
            return HandshakeMessage.parseFrom(message);
        } catch (InvalidProtocolBufferException e) {
            throw new NoiseHandshakeException("handshake frame is not a valid HandshakeMessage protobuf", e);
        }
    }

    private void expect(Stage expected) {
        if (stage != expected) {
            throw new IllegalStateException("server handshake is " + stage + ", not " + expected);
        }
    }

    @Override
    public String toString() {
        return "ServerHandshake[" + stage + "]";
    }
}
