package io.wafleet.protocol.client;

import io.wafleet.protocol.binary.MalformedNodeException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.client.messaging.Messenger;
import io.wafleet.protocol.concurrent.SerialExecutor;
import io.wafleet.protocol.client.messaging.ServerLink;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.noise.ClientHandshake;
import io.wafleet.protocol.noise.FrameEncoder;
import io.wafleet.protocol.noise.FramePayload;
import io.wafleet.protocol.noise.FrameReader;
import io.wafleet.protocol.noise.FramingException;
import io.wafleet.protocol.noise.IntroHeader;
import io.wafleet.protocol.noise.NoiseException;
import io.wafleet.protocol.noise.TransportCiphers;
import io.wafleet.protocol.proto.ClientPayload;
import io.wafleet.protocol.store.AuthStore;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.store.Me;
import io.wafleet.protocol.store.StateChange;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * One WebSocket's life: Noise handshake, then either pairing (QR refs, pair-success, pair-device-sign) or login
 * ({@code <success>}), then keepalive until it ends with exactly one {@link ClientEvent.Closed}.
 *
 * <p>Threads: inbound bytes arrive on the WebSocket's callback thread, timers on the shared timer thread; both
 * take this object's monitor, so state changes are serial and cheap. Listener calls leave through a
 * {@link SerialExecutor}, never under the monitor.
 */
final class Connection implements WebSocketTransport.Sink, ServerLink {
    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    private static final String SERVER = Jid.SERVER.toString();
    private static final Node PING = Node.of("ping");

    private enum Stage { HANDSHAKE, AWAITING_SERVER, PAIRING, LOGGED_IN, CLOSED }

    private final AuthStore store;
    private final ClientOptions options;
    private final ClientRuntime runtime;
    private final SerialExecutor events;
    private final ClientListener listener;
    private final PendingRequests<Node> pending;
    /** Sent messages awaiting the server's {@code <ack class='message'>}, by message id. */
    private final PendingRequests<Node> messageAcks;
    private final Messenger messenger;
    private final FrameReader frames = FrameReader.forClient();
    private final String idPrefix;
    private final AtomicLong idCounter = new AtomicLong();

    private Credentials credentials;
    private Stage stage = Stage.HANDSHAKE;
    private WebSocketTransport transport;
    private ClientHandshake handshake;
    private FrameEncoder encoder;
    private TransportCiphers ciphers;
    private volatile long lastReceivedNanos = System.nanoTime();
    private ScheduledFuture<?> connectDeadline;
    private ScheduledFuture<?> keepAliveTimer;
    private ScheduledFuture<?> qrTimer;

    Connection(AuthStore store, ClientOptions options, ClientRuntime runtime, ClientListener listener, SerialExecutor events,
               Messenger messenger) {
        this.store = store;
        this.messenger = messenger;
        this.options = options;
        this.runtime = runtime;
        this.listener = listener;
        this.events = events;
        this.pending = new PendingRequests<>(runtime.timers(), options.maxPendingQueries());
        this.messageAcks = new PendingRequests<>(runtime.timers(), options.maxPendingQueries());
        this.credentials = store.state().credentials()
                .orElseThrow(() -> new IllegalStateException("the auth store holds no credentials: generate them first"));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.idPrefix = random.nextInt(1 << 16) + "." + random.nextInt(1 << 16) + "-";
    }

    /** Opens the socket; the listener hears the connection's one terminal event when it ends. */
    void start() {
        synchronized (this) {
            connectDeadline = runtime.timers().schedule(
                    () -> finish(DisconnectClassifier.connectTimeout(stage.name().toLowerCase())),
                    options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        WebSocketTransport.open(runtime.http(), options.serverUri(), options.connectTimeout(), this)
                .whenComplete((opened, error) -> {
                    if (error != null) {
                        finish(DisconnectClassifier.transportClosed("connect failed: " + rootMessage(error)));
                    } else {
                        onOpen(opened);
                    }
                });
    }

    /** Sends {@code iq} and completes with the server's answer (type result or error), or fails on deadline/close. */
    @Override
    public CompletableFuture<Node> query(Node iq) {
        String id = iq.attr("id").orElseGet(this::nextId);
        Node withId = iq.attr("id").isPresent() ? iq : Node.builder(iq.tag()).attrs(iq.attrs()).attr("id", id)
                .children(iq.children()).build();
        CompletableFuture<Node> reply = pending.register(id, options.queryTimeout());
        if (!reply.isDone()) {
            send(withId);
        }
        return reply;
    }

    /** Sends a {@code <message>} and completes with the server's ack for its id, or fails on deadline/close. */
    @Override
    public CompletableFuture<Node> sendMessage(Node message) {
        String id = message.attr("id").orElseThrow(() -> new IllegalArgumentException("a message needs an id"));
        CompletableFuture<Node> ack = messageAcks.register(id, options.queryTimeout());
        if (!ack.isDone()) {
            send(message);
        }
        return ack;
    }

    /** Ends the connection from our side. */
    void close() {
        finish(DisconnectClassifier.transportClosed("closed-locally"));
    }

    private synchronized void onOpen(WebSocketTransport opened) {
        transport = opened;
        if (stage == Stage.CLOSED) {
            opened.abort();
            return;
        }
        handshake = ClientHandshake.start(credentials.noiseKey(), options.trustedRoot(), options.clock());
        encoder = FrameEncoder.client(IntroHeader.forRoutingInfo(credentials.routingInfo()));
        transport.send(encoder.encode(handshake.clientHello()));
    }

    @Override
    public void onBytes(ByteBuffer data) {
        lastReceivedNanos = System.nanoTime();
        synchronized (this) {
            if (stage == Stage.CLOSED) {
                return;
            }
            try {
                frames.feed(data, this::onFrame);
            } catch (FramingException e) {
                finishLocked(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 500, "bad-frame: " + e.getMessage()));
            }
        }
    }

    @Override
    public void onClosed(String detail) {
        finish(DisconnectClassifier.transportClosed(detail));
    }

    /** Runs inside {@link FrameReader#feed}, under this object's lock; {@code frame} is readable only meanwhile. */
    private void onFrame(FramePayload frame) {
        if (stage == Stage.CLOSED) {
            return;
        }
        if (stage == Stage.HANDSHAKE) {
            finishHandshake(frame.toByteArray());
            return;
        }
        Node node;
        try {
            node = ciphers.inbound().decryptNode(frame);
        } catch (CryptoException | NoiseException | MalformedNodeException e) {
            finishLocked(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 500, "undecodable-frame: " + e.getMessage()));
            return;
        }
        dispatch(node);
    }

    private void finishHandshake(byte[] serverHello) {
        try {
            handshake.readServerHello(serverHello);
        } catch (NoiseException e) {
            // An untrusted or broken server: never send it our payload. Transient, because a misrouted network
            // can heal, but the detail names the failed check for the operator.
            finishLocked(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 400, "untrusted-server: " + e.getMessage()));
            return;
        }
        ClientPayload payload = credentials.me()
                .map(me -> ClientPayloads.login(me.jid(), options.payload()))
                .orElseGet(() -> ClientPayloads.registration(registrationData(credentials), options.payload()));
        transport.send(encoder.encode(handshake.clientFinish(payload.toByteArray())));
        ciphers = handshake.transportKeys().clientCiphers();
        handshake = null;
        stage = Stage.AWAITING_SERVER;
    }

    private void dispatch(Node node) {
        switch (node.tag()) {
            case "iq" -> onIq(node);
            case "success" -> onSuccess(node);
            case "failure" -> finishLocked(DisconnectClassifier.failure(
                    node.attr("reason"), node.attr("expire"), node.attr("code"), options.clock().instant()));
            case "stream:error" -> finishLocked(streamError(node));
            case "xmlstreamend" -> finishLocked(DisconnectClassifier.streamEnd());
            case "ib" -> onInfoBroadcast(node);
            case "message" -> messenger.onMessage(this, node);
            case "receipt" -> {
                acknowledge(node);
                Receipts.statusOf(node).ifPresent(this::emit);
                messenger.onReceipt(this, node);
            }
            case "ack" -> onAck(node);
            case "notification", "call" -> acknowledge(node);
            default -> LOG.log(System.Logger.Level.DEBUG, "ignoring <{0}>", node.tag());
        }
    }

    private void onIq(Node iq) {
        String type = iq.attr("type").orElse("");
        if (type.equals("result") || type.equals("error")) {
            iq.attr("id").ifPresent(id -> pending.complete(id, iq));
            return;
        }
        Optional<Node> first = iq.children().stream().findFirst();
        String child = first.map(Node::tag).orElse("");
        switch (child) {
            case "pair-device" -> onPairDevice(iq);
            case "pair-success" -> onPairSuccess(iq);
            case "ping" -> send(Node.of("iq", "to", SERVER, "type", "result", "id", iq.attr("id").orElse("")));
            default -> LOG.log(System.Logger.Level.DEBUG, "unhandled iq with <{0}>", child);
        }
    }

    private void onAck(Node ack) {
        if (ack.attr("class").filter("message"::equals).isPresent()) {
            ack.attr("id").ifPresent(id -> messageAcks.complete(id, ack));
        }
    }

    private void onPairDevice(Node iq) {
        cancel(connectDeadline);
        send(Node.of("iq", "to", SERVER, "type", "result", "id", iq.attr("id").orElse("")));
        List<String> refs = new ArrayList<>();
        iq.child("pair-device").ifPresent(p -> p.childrenByTag("ref").forEach(ref ->
                ref.contentBytes().ifPresent(bytes -> refs.add(new String(bytes, java.nio.charset.StandardCharsets.UTF_8)))));
        if (refs.isEmpty()) {
            finishLocked(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 500, "pair-device-without-refs"));
            return;
        }
        stage = Stage.PAIRING;
        offerQr(refs, 0);
    }

    private void offerQr(List<String> refs, int index) {
        if (stage != Stage.PAIRING) {
            return;
        }
        if (index >= refs.size()) {
            finishLocked(DisconnectClassifier.qrRefsExhausted());
            return;
        }
        Duration lifetime = index == 0 ? options.firstQrLifetime() : options.laterQrLifetime();
        String qr = PairingQr.build(refs.get(index), credentials.noiseKey().publicKey(),
                credentials.signedIdentityKey().publicKey(),
                java.util.Base64.getEncoder().encodeToString(credentials.advSecretKey()), options.payload().browser());
        emit(new ClientEvent.QrCode(qr, options.clock().instant().plus(lifetime)));
        qrTimer = runtime.timers().schedule(() -> {
            synchronized (this) {
                offerQr(refs, index + 1);
            }
        }, lifetime.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onPairSuccess(Node iq) {
        cancel(qrTimer);
        CompanionPairing.Outcome outcome;
        try {
            outcome = CompanionPairing.complete(iq, credentials);
        } catch (PairingException e) {
            send(CompanionPairing.refusal(iq));
            finishLocked(DisconnectReason.of(DisconnectReason.Category.TRANSIENT, 500, "pairing-refused: " + e.getMessage()));
            return;
        }
        // Durable before we answer: once the phone sees our signature it lists this device as linked, and
        // a crash must not leave it linked to credentials we no longer have.
        store.apply(StateChange.of(outcome.credentials()));
        credentials = outcome.credentials();
        send(outcome.reply());
        emit(outcome.paired());
        emit(new ClientEvent.CredentialsChanged(Set.of("me", "account", "platform", "signalIdentities")));
    }

    private void onSuccess(Node success) {
        cancel(connectDeadline);
        stage = Stage.LOGGED_IN;
        Me me = credentials.me().orElseThrow();
        Optional<String> lid = success.attr("lid");
        if (lid.isPresent() && !lid.equals(me.lid())) {
            updateCredentials(latest -> latest.me(new Me(me.jid(), lid, me.pushName())));
            emit(new ClientEvent.CredentialsChanged(Set.of("me.lid")));
        }
        // Before the owner hears of the login, so a send in reaction to Connected finds the connection.
        messenger.loggedIn(this);
        emit(new ClientEvent.Connected(me.jid(), me.pushName()));
        query(Node.builder("iq").attr("to", SERVER).attr("xmlns", "passive").attr("type", "set")
                .child(Node.of("active")).build());
        keepAliveTimer = runtime.timers().schedule(this::sendPing, keepAliveInterval(), TimeUnit.MILLISECONDS);
    }

    private void onInfoBroadcast(Node ib) {
        ib.child("edge_routing").flatMap(e -> e.child("routing_info")).flatMap(Node::contentBytes).ifPresent(routing -> {
            updateCredentials(latest -> latest.routingInfo(routing));
            emit(new ClientEvent.CredentialsChanged(Set.of("routingInfo")));
        });
    }

    /**
     * Rewrites one field of the stored credentials. The messaging layer advances pre-key counters in the same
     * record from another thread, so every read-modify-write starts from the stored state, under the store's monitor.
     */
    private void updateCredentials(UnaryOperator<Credentials.Builder> edit) {
        synchronized (store) {
            Credentials latest = store.state().credentials().orElse(credentials);
            credentials = edit.apply(latest.toBuilder()).build();
            store.apply(StateChange.of(credentials));
        }
    }

    /** Acknowledges a stanza so the server does not redeliver it. Messages are acked by the messaging layer. */
    private void acknowledge(Node stanza) {
        Node.Builder ack = Node.builder("ack").attr("id", stanza.attr("id").orElse("")).attr("class", stanza.tag());
        stanza.attr("from").ifPresent(from -> ack.attr("to", from));
        stanza.attr("participant").ifPresent(p -> ack.attr("participant", p));
        if (!stanza.tag().equals("receipt")) {
            stanza.attr("type").ifPresent(t -> ack.attr("type", t));
        }
        send(ack.build());
    }

    /** A pause between pings, drawn anew each time so 500 accounts restored together do not ping together. */
    private long keepAliveInterval() {
        long min = options.keepAliveMin().toMillis();
        long max = options.keepAliveMax().toMillis();
        return min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    /**
     * The keepalive is one timer per connection that alternates between two steps: send a ping, and
     * {@code pingTimeout} later check that something (the answer or anything else) arrived since. Nothing is
     * registered or cancelled per ping: at 500 idle accounts the pings are most of the process's work, and
     * a request with its own deadline task, future and map entry for each one cost more than the ping itself.
     * The answer is matched by nobody; receiving any byte is what proves the peer alive.
     */
    private synchronized void sendPing() {
        if (stage != Stage.LOGGED_IN) {
            return;
        }
        if (System.nanoTime() - lastReceivedNanos > options.deadPeerAfter().toNanos()) {
            finishLocked(DisconnectClassifier.keepAliveTimeout());
            return;
        }
        long sentAt = System.nanoTime();
        send(Node.builder("iq").attr("id", nextId()).attr("to", SERVER).attr("type", "get").attr("xmlns", "w:p")
                .child(PING).build());
        keepAliveTimer = runtime.timers().schedule(() -> checkPing(sentAt), options.pingTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void checkPing(long sentAt) {
        if (stage != Stage.LOGGED_IN) {
            return;
        }
        if (lastReceivedNanos - sentAt < 0) {
            // Neither the answer nor anything else arrived within the ping deadline: a silent peer.
            finishLocked(DisconnectClassifier.keepAliveTimeout());
            return;
        }
        // The check already waited pingTimeout of the interval; a timeout longer than the interval spaces the pings by it.
        long untilNextPing = Math.max(0, keepAliveInterval() - options.pingTimeout().toMillis());
        keepAliveTimer = runtime.timers().schedule(this::sendPing, untilNextPing, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void send(Node node) {
        if (stage == Stage.CLOSED || ciphers == null) {
            return;
        }
        transport.send(encoder.encodeSealed(ciphers.outbound(), node));
    }

    private void finish(DisconnectReason reason) {
        synchronized (this) {
            finishLocked(reason);
        }
    }

    private void finishLocked(DisconnectReason reason) {
        if (stage == Stage.CLOSED) {
            return;
        }
        stage = Stage.CLOSED;
        cancel(connectDeadline);
        cancel(keepAliveTimer);
        cancel(qrTimer);
        pending.close(new java.io.IOException("connection closed: " + reason));
        messageAcks.close(new java.io.IOException("connection closed: " + reason));
        messenger.disconnected(this);
        if (transport != null) {
            transport.close();
        }
        Duration silent = Duration.ofNanos(System.nanoTime() - lastReceivedNanos);
        ClientEvent.Closed event = ClosedEvents.of(reason, silent);
        events.execute(() -> listener.onEvent(event));
    }

    private void emit(ClientEvent event) {
        events.execute(() -> listener.onEvent(event));
    }

    private String nextId() {
        return idPrefix + idCounter.incrementAndGet();
    }

    private static DisconnectReason streamError(Node node) {
        Optional<Node> first = node.children().stream().findFirst();
        Optional<String> conflictType = node.child("conflict").flatMap(c -> c.attr("type"));
        return DisconnectClassifier.streamError(node.attr("code"), first.map(Node::tag), conflictType);
    }

    private static RegistrationData registrationData(Credentials credentials) {
        return new RegistrationData(credentials.registrationId(), credentials.signedIdentityKey().publicKey(),
                credentials.signedPreKey().id(), credentials.signedPreKey().keyPair().publicKey(),
                credentials.signedPreKey().signature());
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    @Override
    public String toString() {
        return "Connection[" + stage + "]";
    }
}
