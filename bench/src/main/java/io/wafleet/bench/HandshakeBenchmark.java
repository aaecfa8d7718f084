package io.wafleet.bench;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.noise.CertChainIssuer;
import io.wafleet.protocol.noise.ClientHandshake;
import io.wafleet.protocol.noise.ServerHandshake;
import io.wafleet.protocol.noise.TrustedRoot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One complete Noise XX handshake between our client and our server, in memory: both fresh ephemeral keys,
 * the six Diffie-Hellman agreements, the client's verification of the server's certificate chain (two XEdDSA
 * signatures, serials, validity, leaf key), and the transport-key split on both sides. The long-lived keys and
 * the chain are made once, as a server issues its chain once and a client keeps its noise key; framing is left
 * out because {@link TransportFrameBenchmark} covers it and it is noise next to the curve arithmetic.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class HandshakeBenchmark {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-06-01T12:00:00Z"), ZoneOffset.UTC);
    /** A registration-free login ClientPayload is a couple of hundred bytes; its content does not matter here. */
    private static final int CLIENT_PAYLOAD_BYTES = 200;

    private KeyPair clientStatic;
    private KeyPair serverStatic;
    private TrustedRoot trustedRoot;
    private byte[] certChain;
    private byte[] clientPayload;

    @Setup(Level.Trial)
    public void issueChain() {
        KeyPair root = X25519.generateKeyPair();
        clientStatic = X25519.generateKeyPair();
        serverStatic = X25519.generateKeyPair();
        trustedRoot = TrustedRoot.explicit(root.publicKey());
        certChain = new CertChainIssuer(root, X25519.generateKeyPair(), NOW).issue(serverStatic.publicKey());
        clientPayload = new byte[CLIENT_PAYLOAD_BYTES];
        new Random(1).nextBytes(clientPayload);
    }

    @Benchmark
    public void fullHandshake(Blackhole blackhole) {
        ClientHandshake client = ClientHandshake.start(clientStatic, trustedRoot, NOW);
        ServerHandshake server = ServerHandshake.start(serverStatic, certChain);

        byte[] serverHello = server.respondToClientHello(client.clientHello());
        blackhole.consume(client.readServerHello(serverHello));
        blackhole.consume(server.readClientFinish(client.clientFinish(clientPayload)));

        blackhole.consume(client.transportKeys());
        blackhole.consume(server.transportKeys());
    }
}
