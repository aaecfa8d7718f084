package io.wafleet.simulator;

import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.CertChain;
import io.wafleet.simulator.crypto.IndependentSignatureVerifier;
import io.wafleet.simulator.device.Ban;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.DeviceView;
import io.wafleet.simulator.device.LiveConnection;
import io.wafleet.simulator.device.SimulatorState;
import io.wafleet.simulator.device.StateFile;
import io.wafleet.simulator.device.StreamErrorKind;
import io.wafleet.simulator.messaging.MessageRouter;
import io.wafleet.simulator.messaging.SimulatedContact;
import io.wafleet.simulator.phone.SimulatedPhone;
import io.wafleet.simulator.session.CertificateSource;
import io.wafleet.simulator.session.ChatEndpoint;
import io.wafleet.simulator.session.PairingDesk;
import io.wafleet.simulator.session.ServerContext;
import io.wafleet.simulator.websocket.HttpResource;
import io.wafleet.simulator.websocket.WebSocketServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A WhatsApp Web server in a box, for tests:
 * <pre>
 *   try (WaSimulator sim = WaSimulator.start()) {
 *       client.connect(sim.url(), TrustedRoot.explicit(sim.rootPublicKey()));
 *       SimulatedPhone phone = sim.newPhone("+15550001");
 *       Jid device = phone.scan(qrShownByTheClient);
 *       sim.device(device).streamError(StreamErrorKind.UNAVAILABLE);
 *       assertThat(sim.stats().maxLiveConnectionsPerDevice()).isEqualTo(1);
 *   }
 * </pre>
 * It speaks the real protocol (Noise XX with a certificate chain from its own root key, binary nodes, the
 * stanzas of protocol.md) on {@code /ws/chat}, serves the service worker on {@code /sw.js}, and keeps its
 * accounts in memory or, with a state file, across restarts.
 */
public final class WaSimulator implements AutoCloseable {
    /** The WhatsApp Web revision served in {@code /sw.js} unless configured (Baileys rc14's default build). */
    public static final long DEFAULT_CLIENT_REVISION = 1043857760L;

    private final WebSocketServer server;
    private final ServerContext context;
    private final ScheduledExecutorService scheduler;

    private WaSimulator(Builder builder) throws IOException {
        Clock clock = builder.clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("sim-timers").factory());
        Optional<StateFile> stateFile = builder.stateFile.map(StateFile::new);
        SimulatorState initial = stateFile.flatMap(StateFile::load)
                .orElseGet(() -> new SimulatorState(builder.rootKey.orElseGet(X25519::generateKeyPair), List.of(), List.of()));
        DeviceRegistry registry = new DeviceRegistry(initial, stateFile, scheduler, clock);
        stateFile.ifPresent(file -> file.save(registry.snapshot()));
        KeyPair serverStatic = X25519.generateKeyPair();
        CertificateSource certificates = new CertificateSource(registry.rootKey(), serverStatic, clock);
        checkOwnChain(certificates.chain(Optional.empty()), registry.rootKey().publicKey(), serverStatic.publicKey());
        Counters counters = new Counters();
        SecureRandom random = new SecureRandom();
        this.context = new ServerContext(registry, counters, new Faults(), serverStatic, certificates,
                scheduler, new PairingDesk(), new MessageRouter(registry, counters, clock, random), clock, random);
        byte[] serviceWorker = ServiceWorkerScript.withRevision(builder.clientRevision);
        this.server = WebSocketServer.builder()
                .address(new InetSocketAddress(builder.address, builder.port))
                .endpoint(ChatEndpoint.PATH, new ChatEndpoint(context))
                .resource("/sw.js", new HttpResource("application/javascript", () -> serviceWorker))
                .start();
    }

    /** A simulator on a free loopback port with a fresh root key and no state file. */
    public static WaSimulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code ws://127.0.0.1:<port>/ws/chat}. */
    public URI url() {
        return URI.create("ws://" + hostForUrl() + ":" + server.port() + ChatEndpoint.PATH);
    }

    /** The service worker a client reads its web version from. */
    public URI serviceWorkerUrl() {
        return URI.create("http://" + hostForUrl() + ":" + server.port() + "/sw.js");
    }

    public int port() {
        return server.port();
    }

    /** The root key the certificate chain descends from; a client must be told to trust it explicitly. */
    public byte[] rootPublicKey() {
        return context.registry().rootKey().publicKey();
    }

    /** The primary phone of this number (created with a new identity key on first use). */
    public SimulatedPhone newPhone(String number) {
        return new SimulatedPhone(number, context);
    }

    /** An existing phone; empty if no phone with this number was created. */
    public Optional<SimulatedPhone> phone(String number) {
        return context.registry().findPhone(number).map(account -> new SimulatedPhone(account.number(), context));
    }

    /**
     * A WhatsApp user other accounts can write to: an account whose primary device is a simulated Signal peer
     * (identity key, signed and one-time pre-keys, LID). The same account as {@link #newPhone} for that number.
     */
    public SimulatedContact newContact(String number) {
        return context.router().contact(number);
    }

    /** Several contacts at once, in order; the new accounts cost one write of the state file in all. */
    public List<SimulatedContact> newContacts(List<String> numbers) {
        return context.router().contacts(numbers);
    }

    /** An existing account's primary device; empty if the simulator does not know the number. */
    public Optional<SimulatedContact> contact(String number) {
        return context.router().findContact(io.wafleet.simulator.device.PhoneAccount.normalizeNumber(number));
    }

    /** Every account's primary device the simulator has simulated so far. */
    public List<SimulatedContact> contacts() {
        return context.router().contacts();
    }

    /** How many messages wait for this device to log in. */
    public int queuedMessages(Jid device) {
        return context.router().queuedFor(device);
    }

    public List<DeviceView> devices() {
        return context.registry().devices();
    }

    /** Controls one linked device; throws {@link IllegalArgumentException} for an unknown JID. */
    public DeviceControl device(Jid jid) {
        if (context.registry().find(jid).isEmpty()) {
            throw new IllegalArgumentException("no such device");
        }
        return new DeviceControl(jid);
    }

    /** Server-wide fault settings (refuse connections, delay handshakes, broken certificates or pair-success). */
    public Faults faults() {
        return context.faults();
    }

    /** Every logged-in connection, for faults that hit the whole fleet at once. */
    public EveryDevice everyDevice() {
        return new EveryDevice();
    }

    public SimulatorStats stats() {
        return context.counters().snapshot(context.registry().liveConnectionCount(),
                context.registry().maxLiveConnectionsPerDevice());
    }

    @Override
    public void close() {
        server.close();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        context.registry().close();
    }

    private String hostForUrl() {
        InetAddress address = server.address();
        if (address.isAnyLocalAddress()) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
        String host = address.getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Re-checks the chain just issued with the independent verifier, so the simulator can never serve a chain
     * that only a lenient client (Baileys rc14 checks no signature) would accept.
     */
    private static void checkOwnChain(byte[] encoded, byte[] rootPublic, byte[] serverStaticPublic) {
        try {
            CertChain chain = CertChain.parseFrom(encoded);
            byte[] intermediateDetails = chain.getIntermediate().getDetails().toByteArray();
            byte[] leafDetails = chain.getLeaf().getDetails().toByteArray();
            CertChain.NoiseCertificate.Details intermediate = CertChain.NoiseCertificate.Details.parseFrom(intermediateDetails);
            CertChain.NoiseCertificate.Details leaf = CertChain.NoiseCertificate.Details.parseFrom(leafDetails);
            boolean valid = IndependentSignatureVerifier.verify(rootPublic, intermediateDetails,
                    chain.getIntermediate().getSignature().toByteArray())
                    && IndependentSignatureVerifier.verify(intermediate.getKey().toByteArray(), leafDetails,
                    chain.getLeaf().getSignature().toByteArray())
                    && intermediate.getIssuerSerial() == 0
                    && leaf.getIssuerSerial() == intermediate.getSerial()
                    && java.util.Arrays.equals(leaf.getKey().toByteArray(), serverStaticPublic);
            if (!valid) {
                throw new IllegalStateException("the simulator's own certificate chain does not verify");
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("the simulator's own certificate chain does not parse", e);
        }
    }

    /** Faults and bans for one device; actions on live connections return how many they hit. */
    public final class DeviceControl {
        private final Jid jid;

        private DeviceControl(Jid jid) {
            this.jid = jid;
        }

        public DeviceView view() {
            return context.registry().device(jid).orElseThrow();
        }

        /** Closes the device's connections without a word (no stream error, no close frame). */
        public int drop() {
            return each(LiveConnection::drop);
        }

        /** The device's connections stop answering anything for the duration. */
        public int silence(Duration duration) {
            return each(connection -> connection.silence(duration));
        }

        /**
         * Sends the stream error to the device's connections. {@link StreamErrorKind#DEVICE_REMOVED} also removes
         * the device, so its next login fails with 401, as after a real "log out this device" on the phone.
         */
        public int streamError(StreamErrorKind kind) {
            if (kind == StreamErrorKind.DEVICE_REMOVED) {
                context.registry().update(jid, DeviceRecord::asRemoved, true);
            }
            return each(connection -> connection.sendStreamError(kind));
        }

        /** {@code <failure reason='N'/>} then close: 403 (locked), 405 (client outdated), 409, 413, 418, ... */
        public int failure(int reason) {
            if (reason < 400 || reason > 599) {
                throw new IllegalArgumentException("a failure reason is an HTTP-like status from 400 to 599");
            }
            return each(connection -> connection.sendFailure(reason));
        }

        /** {@code <xmlstreamend/>} then close. */
        public int endStream() {
            return each(LiveConnection::endStream);
        }

        /** A WebSocket close frame, nothing else. */
        public int closeSocket() {
            return each(LiveConnection::closeSocket);
        }

        /** Removes the device (as the phone's "log out" does): live connections get 401 device_removed. */
        public int logout() {
            return streamError(StreamErrorKind.DEVICE_REMOVED);
        }

        /** A temporary ban (failure 402 with code and expiry) until now + duration. */
        public Ban ban(Duration duration) {
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("a temporary ban needs a positive duration");
            }
            return applyBan(Ban.temporary(context.clock().instant().plus(duration)));
        }

        /** A permanent ban (failure 406). */
        public Ban banPermanently() {
            return applyBan(Ban.permanent());
        }

        public void unban() {
            context.registry().update(jid, record -> record.withBan(Optional.empty()), true);
        }

        private Ban applyBan(Ban ban) {
            context.registry().update(jid, record -> record.withBan(Optional.of(ban)), true);
            each(connection -> connection.sendBan(ban));
            return ban;
        }

        private int each(java.util.function.Consumer<LiveConnection> action) {
            List<LiveConnection> live = context.registry().liveConnections(jid);
            live.forEach(action);
            return live.size();
        }
    }

    /** Faults applied to every logged-in connection at once (a fleet-wide outage, a server restart). */
    public final class EveryDevice {
        private EveryDevice() {}

        public int drop() {
            return each(LiveConnection::drop);
        }

        public int silence(Duration duration) {
            return each(connection -> connection.silence(duration));
        }

        /** Any kind but {@link StreamErrorKind#DEVICE_REMOVED}, which is per device. */
        public int streamError(StreamErrorKind kind) {
            if (kind == StreamErrorKind.DEVICE_REMOVED) {
                throw new IllegalArgumentException("device removal is per device, not fleet-wide");
            }
            return each(connection -> connection.sendStreamError(kind));
        }

        private int each(java.util.function.Consumer<LiveConnection> action) {
            List<LiveConnection> live = context.registry().allLiveConnections();
            live.forEach(action);
            return live.size();
        }
    }

    /** Where to listen, which root key, where to keep state. */
    public static final class Builder {
        private InetAddress address = InetAddress.getLoopbackAddress();
        private int port;
        private Optional<Path> stateFile = Optional.empty();
        private Optional<KeyPair> rootKey = Optional.empty();
        private Clock clock = Clock.systemUTC();
        private long clientRevision = DEFAULT_CLIENT_REVISION;

        private Builder() {}

        public Builder address(InetAddress address) {
            this.address = address;
            return this;
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Paired devices, phones and the root key survive restarts in this file (written crash-safely). */
        public Builder stateFile(Path file) {
            this.stateFile = Optional.of(file);
            return this;
        }

        /** The root key when there is no state file yet; by default a new one per run. */
        public Builder rootKey(KeyPair key) {
            this.rootKey = Optional.of(key);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Builder clientRevision(long revision) {
            this.clientRevision = revision;
            return this;
        }

        public WaSimulator start() {
            try {
                return new WaSimulator(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the simulator", e);
            }
        }
    }
}
