package io.wafleet.simulator.session;

import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.binary.MalformedNodeException;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import io.wafleet.protocol.noise.ClientFinished;
import io.wafleet.protocol.noise.FrameEncoder;
import io.wafleet.protocol.noise.FramePayload;
import io.wafleet.protocol.noise.FrameReader;
import io.wafleet.protocol.noise.NoiseException;
import io.wafleet.protocol.noise.ServerHandshake;
import io.wafleet.protocol.noise.TransportCipher;
import io.wafleet.protocol.noise.TransportCiphers;
import io.wafleet.protocol.proto.ClientPayload;
import io.wafleet.simulator.device.Ban;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.LiveConnection;
import io.wafleet.simulator.device.SignedPreKey;
import io.wafleet.simulator.device.StreamErrorKind;
import io.wafleet.simulator.crypto.IndependentSignatureVerifier;
import io.wafleet.simulator.messaging.InboundMessage;
import io.wafleet.simulator.messaging.MessageSink;
import io.wafleet.simulator.websocket.CloseCodes;
import io.wafleet.simulator.websocket.WebSocketConnection;
import io.wafleet.simulator.websocket.WebSocketListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server side of one WhatsApp Web connection, as an explicit state machine:
 * <pre>
 *   AwaitingHello → AwaitingFinish → Registering (QR shown, waiting for a phone) → Ended (515 after pairing)
 *                                  → LoggedIn (success; iqs answered)            → Ended
 * </pre>
 * Inbound frames are handled on the connection's own virtual thread, in order. Outbound stanzas may come from
 * any thread (a phone pairing, a fault, a replacing login), so "encrypt, then write" is one critical section:
 * the transport counter must advance in wire order. While silenced, inbound frames are still decrypted (to keep
 * the counter in step) but nothing is answered or sent.
 */
final class ChatConnection implements WebSocketListener, LiveConnection, PairingChannel, MessageSink {
    /** How long the server waits after a stream error or failure before closing, so the stanza arrives first. */
    private static final Duration CLOSE_GRACE = Duration.ofMillis(100);
    private static final int QR_REFS = 6;

    private sealed interface Phase {
        record AwaitingHello() implements Phase {}

        record AwaitingFinish(ServerHandshake handshake) implements Phase {}

        record Registering(RegistrationRequest request) implements Phase {}

        record LoggedIn(Jid device) implements Phase {}

        record Ended() implements Phase {}
    }

    private final ServerContext context;
    private final long number;
    private final IqResponder iqResponder;
    private final FrameReader frameReader = FrameReader.forServer();
    private final FrameEncoder frameEncoder = FrameEncoder.server();
    private final ReentrantLock sendLock = new ReentrantLock();
    private final Map<String, CompletableFuture<Node>> awaitedReplies = new ConcurrentHashMap<>();
    private final AtomicLong stanzaIds = new AtomicLong();
    /** One pair-success per registration, even if two phones scan the same QR at once. */
    private final AtomicBoolean pairingClaimed = new AtomicBoolean();
    private volatile Phase phase = new Phase.AwaitingHello();
    private volatile Instant silentUntil = Instant.MIN;
    /** Queued messages handed over at login; the {@code <ib><offline count>} after going active reports them. */
    private volatile int offlineDelivered;
    /** Set once on open, read by fault injections on other threads. */
    private volatile WebSocketConnection socket;
    /** Read-thread only. */
    private TransportCipher inbound;
    /** Guarded by {@link #sendLock}. */
    private TransportCipher outbound;

    ChatConnection(ServerContext context, long number) {
        this.context = context;
        this.number = number;
        this.iqResponder = new IqResponder(context.registry(), context.router());
    }

    @Override
    public void onOpen(WebSocketConnection connection) {
        this.socket = connection;
    }

    @Override
    public void onBinary(WebSocketConnection connection, byte[] message) {
        try {
            frameReader.feed(message, this::onFrame);
        } catch (NoiseException | MalformedNodeException | InvalidProtocolBufferException e) {
            // A peer that breaks framing, the handshake or the cipher cannot be talked to any more.
            end();
            connection.abort();
        }
    }

    @Override
    public void onClose(WebSocketConnection connection, int code, String reason) {
        end();
        awaitedReplies.values().forEach(reply -> reply.completeExceptionally(
                new IllegalStateException("connection closed (" + code + " " + reason + ")")));
        awaitedReplies.clear();
    }

    /** Runs inside {@link FrameReader#feed}; {@code frame} is readable only meanwhile. */
    private void onFrame(FramePayload frame) throws InvalidProtocolBufferException {
        switch (phase) {
            case Phase.AwaitingHello() -> respondToHello(frame.toByteArray());
            case Phase.AwaitingFinish(ServerHandshake handshake) -> finishHandshake(handshake, frame.toByteArray());
            case Phase.Registering(RegistrationRequest request) -> onRegistrationStanza(inbound.decryptNode(frame));
            case Phase.LoggedIn(Jid device) -> onLoggedInStanza(inbound.decryptNode(frame), device);
            case Phase.Ended() -> { }
        }
    }

    private void respondToHello(byte[] frame) {
        Duration delay = context.faults().handshakeDelay();
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        ServerHandshake handshake = ServerHandshake.start(context.serverStatic(),
                context.certificates().chain(context.faults().certChainDefect()));
        byte[] serverHello = handshake.respondToClientHello(frame);
        phase = new Phase.AwaitingFinish(handshake);
        sendRaw(frameEncoder.encode(serverHello));
    }

    private void finishHandshake(ServerHandshake handshake, byte[] frame) throws InvalidProtocolBufferException {
        ClientFinished finished = handshake.readClientFinish(frame);
        TransportCiphers ciphers = handshake.transportKeys().serverCiphers();
        inbound = ciphers.inbound();
        sendLock.lock();
        try {
            outbound = ciphers.outbound();
        } finally {
            sendLock.unlock();
        }
        context.counters().handshakeCompleted();
        ClientPayload payload = ClientPayload.parseFrom(finished.clientPayload());
        if (payload.hasDevicePairingData()) {
            register(finished.clientStaticKey(), payload.getDevicePairingData());
        } else if (payload.hasUsername()) {
            login(finished.clientStaticKey(), payload);
        } else {
            failAndClose(Stanzas.failure(400));
        }
    }

    // ---- registration -------------------------------------------------------------------------------

    private void register(byte[] noiseKey, ClientPayload.DevicePairingRegistrationData data) {
        Optional<RegistrationRequest> request = registrationRequest(noiseKey, data);
        if (request.isEmpty()) {
            failAndClose(Stanzas.failure(400));
            return;
        }
        List<byte[]> refs = new ArrayList<>(QR_REFS);
        for (int i = 0; i < QR_REFS; i++) {
            refs.add(PairingDesk.newRef(context.random()));
        }
        phase = new Phase.Registering(request.get());
        context.pairingDesk().open(refs, this);
        context.counters().qrCodesIssued(refs.size());
        send(Stanzas.mdSet(nextId(), context.clock().instant(), Stanzas.pairDevice(refs)));
    }

    /** Checks the registration data's shape and its signed pre-key signature (independently verified). */
    private static Optional<RegistrationRequest> registrationRequest(byte[] noiseKey,
            ClientPayload.DevicePairingRegistrationData data) {
        byte[] regId = data.getERegid().toByteArray();
        byte[] identity = data.getEIdent().toByteArray();
        byte[] skeyId = data.getESkeyId().toByteArray();
        byte[] skeyValue = data.getESkeyVal().toByteArray();
        byte[] skeySignature = data.getESkeySig().toByteArray();
        if (regId.length != 4 || identity.length != 32 || skeyId.length != 3 || skeyValue.length != 32
                || skeySignature.length != 64) {
            return Optional.empty();
        }
        byte[] signed = new byte[33];
        signed[0] = 5;
        System.arraycopy(skeyValue, 0, signed, 1, 32);
        if (!IndependentSignatureVerifier.verify(identity, signed, skeySignature)) {
            return Optional.empty();
        }
        int registrationId = ((regId[0] & 0xFF) << 24) | ((regId[1] & 0xFF) << 16) | ((regId[2] & 0xFF) << 8) | (regId[3] & 0xFF);
        int signedPreKeyId = ((skeyId[0] & 0xFF) << 16) | ((skeyId[1] & 0xFF) << 8) | (skeyId[2] & 0xFF);
        return Optional.of(new RegistrationRequest(noiseKey, identity, registrationId,
                new SignedPreKey(signedPreKeyId, skeyValue, skeySignature)));
    }

    private void onRegistrationStanza(Node node) {
        if (isSilenced() || completeAwaitedReply(node)) {
            return;
        }
        if (node.tag().equals("iq") && isRequest(node)) {
            String id = node.attr("id").orElse("");
            boolean ping = node.attr("xmlns").equals(Optional.of("w:p"));
            send(ping ? Stanzas.iqResult(id) : Stanzas.iqError(id, 501, "feature-not-implemented"));
        }
    }

    @Override
    public RegistrationRequest registration() {
        if (phase instanceof Phase.Registering(RegistrationRequest request)) {
            return request;
        }
        throw new IllegalStateException("connection is no longer waiting for a scan");
    }

    @Override
    public CompletableFuture<Node> sendPairSuccess(Node pairSuccess) {
        CompletableFuture<Node> reply = new CompletableFuture<>();
        if (!pairingClaimed.compareAndSet(false, true)) {
            reply.completeExceptionally(new IllegalStateException("another phone is already pairing this connection"));
            return reply;
        }
        String id = nextId();
        awaitedReplies.put(id, reply);
        if (phase instanceof Phase.Ended) {
            awaitedReplies.remove(id);
            reply.completeExceptionally(new IllegalStateException("connection closed before pair-success"));
            return reply;
        }
        context.pairingDesk().close(this);
        send(Stanzas.mdSet(id, context.clock().instant(), pairSuccess));
        return reply;
    }

    @Override
    public void pairingCompleted() {
        context.later(CLOSE_GRACE, () -> sendStreamError(StreamErrorKind.RESTART_REQUIRED));
    }

    // ---- login ----------------------------------------------------------------------------------------

    private void login(byte[] noiseKey, ClientPayload payload) {
        Jid device = Jid.of(Long.toUnsignedString(payload.getUsername()), JidServer.WHATSAPP, payload.getDevice());
        Instant now = context.clock().instant();
        Optional<DeviceRecord> record = context.registry().find(device)
                .filter(candidate -> !candidate.removed() && candidate.hasNoiseKey(noiseKey));
        if (record.isEmpty()) {
            context.counters().loginFailed();
            failAndClose(Stanzas.failure(401));
            return;
        }
        Optional<Ban> ban = record.get().activeBan(now);
        if (ban.isPresent()) {
            context.counters().loginFailed();
            failAndClose(Stanzas.banFailure(ban.get(), now));
            return;
        }
        phase = new Phase.LoggedIn(device);
        List<LiveConnection> replaced = context.registry().attach(device, this);
        context.registry().update(device, current -> current.withLogin(now), false);
        context.counters().loginSucceeded();
        send(Stanzas.success(now, record.get().pairedAt(), record.get().lid()));
        replaced.forEach(previous -> previous.sendStreamError(StreamErrorKind.REPLACED));
        // Only after <success>: a message must never reach a client that does not know it is logged in yet.
        offlineDelivered = context.router().online(device, this);
    }

    private void onLoggedInStanza(Node node, Jid device) {
        if (isSilenced() || completeAwaitedReply(node)) {
            return;
        }
        switch (node.tag()) {
            case "iq" -> {
                if (isRequest(node) && node.attr("id").isPresent()) {
                    answerIq(node, device);
                }
            }
            case "message" -> onMessage(node, device);
            case "receipt" -> {
                send(receiptAck(node));
                context.router().receiptFromDevice(device, node);
            }
            case "ack" -> node.attr("id").filter(id -> node.attr("class").equals(Optional.of("message")))
                    .ifPresent(id -> context.router().acknowledgedBy(device, id));
            default -> { }
        }
    }

    private void answerIq(Node iq, Jid device) {
        if (iq.attr("xmlns").filter(context.faults().withheldIqNamespaces()::contains).isPresent()) {
            return;
        }
        Optional<Node> removal = iq.child("remove-companion-device");
        if (iq.attr("xmlns").equals(Optional.of("md")) && removal.isPresent()) {
            send(Stanzas.iqResult(iq.attr("id").orElseThrow()));
            context.registry().update(device, DeviceRecord::asRemoved, true);
            context.registry().liveConnections(device).forEach(live -> live.sendStreamError(StreamErrorKind.DEVICE_REMOVED));
            return;
        }
        iqResponder.answer(iq, device).forEach(this::send);
        if (iq.attr("xmlns").equals(Optional.of("passive")) && iq.child("active").isPresent()) {
            send(Stanzas.offlineDone(offlineDelivered));
        }
    }

    /** Acks first (the sender may forget the message then), then routes the copies to their devices. */
    private void onMessage(Node message, Jid device) {
        switch (context.router().accept(device, message)) {
            case InboundMessage.Accepted accepted -> {
                send(messageAck(message, accepted.acceptedAt()));
                context.router().route(accepted);
            }
            case InboundMessage.Rejected(int code, String reason) -> {
                context.counters().messageRejected();
                send(Node.builder("ack").attrs(messageAck(message, context.clock().instant()).attrs())
                        .attr("error", Integer.toString(code)).build());
            }
        }
    }

    @Override
    public void deliver(Node stanza) {
        send(stanza);
    }

    /** The server's ack of a receipt, addressed from the stanza's recipient, with the receipt's type. */
    private static Node receiptAck(Node receipt) {
        Node.Builder ack = ackBuilder(receipt, "receipt");
        receipt.attr("type").ifPresent(type -> ack.attr("type", type));
        return ack.build();
    }

    /** The server's ack of a message, stamped with the time the server took it. */
    private static Node messageAck(Node message, Instant acceptedAt) {
        return ackBuilder(message, "message").attr("t", Stanzas.seconds(acceptedAt)).build();
    }

    private static Node.Builder ackBuilder(Node stanza, String stanzaClass) {
        return Node.builder("ack").attr("class", stanzaClass).attr("id", stanza.attr("id").orElse(""))
                .attr("from", stanza.attr("to").orElse(Stanzas.SERVER));
    }

    // ---- faults and endings ----------------------------------------------------------------------------

    @Override
    public void sendStreamError(StreamErrorKind kind) {
        if (phase instanceof Phase.Ended) {
            return;
        }
        if (kind == StreamErrorKind.DEVICE_REMOVED && phase instanceof Phase.LoggedIn(Jid device)) {
            context.registry().update(device, DeviceRecord::asRemoved, true);
        }
        context.counters().streamErrorSent();
        failAndClose(Stanzas.streamError(kind));
    }

    @Override
    public void sendBan(Ban ban) {
        failAndClose(Stanzas.banFailure(ban, context.clock().instant()));
    }

    @Override
    public void sendFailure(int reason) {
        failAndClose(Stanzas.failure(reason));
    }

    @Override
    public void endStream() {
        failAndClose(Stanzas.streamEnd());
    }

    @Override
    public void closeSocket() {
        end();
        socket.close(CloseCodes.NORMAL, "");
    }

    @Override
    public void drop() {
        end();
        if (socket != null) {
            socket.abort();
        }
    }

    @Override
    public void silence(Duration duration) {
        Instant until = context.clock().instant().plus(duration);
        silentUntil = until;
        if (socket != null) {
            socket.silenceUntil(until);
        }
    }

    private boolean isSilenced() {
        return context.clock().instant().isBefore(silentUntil);
    }

    /** Sends the final stanza, stops answering, and closes after a short grace. */
    private void failAndClose(Node finalStanza) {
        send(finalStanza);
        end();
        context.later(CLOSE_GRACE, () -> socket.close(CloseCodes.NORMAL, ""));
    }

    /** No more stanzas in either direction; the registry forgets the connection at once. */
    private void end() {
        Phase last = phase;
        phase = new Phase.Ended();
        if (last instanceof Phase.LoggedIn(Jid device)) {
            context.router().offline(device, this);
            context.registry().detach(device, this);
        }
        context.pairingDesk().close(this);
    }

    // ---- wire ------------------------------------------------------------------------------------------

    private void send(Node node) {
        sendLock.lock();
        try {
            if (outbound == null || phase instanceof Phase.Ended || isSilenced()) {
                return;
            }
            sendRaw(frameEncoder.encodeSealed(outbound, node));
        } finally {
            sendLock.unlock();
        }
    }

    private void sendRaw(byte[] bytes) {
        socket.sendBinary(bytes);
    }

    private boolean completeAwaitedReply(Node node) {
        if (!node.tag().equals("iq") || isRequest(node)) {
            return false;
        }
        CompletableFuture<Node> awaited = node.attr("id").map(awaitedReplies::remove).orElse(null);
        if (awaited == null) {
            return true;
        }
        awaited.complete(node);
        return true;
    }

    private static boolean isRequest(Node iq) {
        String type = iq.attr("type").orElse("");
        return type.equals("get") || type.equals("set");
    }

    private String nextId() {
        return number + "." + stanzaIds.incrementAndGet();
    }

    @Override
    public String toString() {
        return "ChatConnection[" + number + ", " + phase.getClass().getSimpleName() + "]";
    }
}
