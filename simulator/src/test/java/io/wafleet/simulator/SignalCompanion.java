package io.wafleet.simulator;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.proto.Message;
import io.wafleet.protocol.signal.EncryptedMessage;
import io.wafleet.protocol.signal.InMemorySignalStore;
import io.wafleet.protocol.signal.KeyPairSource;
import io.wafleet.protocol.signal.MessagePadding;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.signal.SessionCipher;
import io.wafleet.protocol.signal.SignalAddress;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * A linked companion with just enough Signal to exchange texts through the simulator over the wire: uploads
 * pre-keys, decrypts {@code <message>} stanzas, fetches bundles and sends a fan-out with its device identity.
 * Test scaffolding built from the protocol pieces; the real client's messaging lives in {@code protocol/}.
 */
final class SignalCompanion implements AutoCloseable {
    private final TestCompanion keys;
    private final Jid device;
    private final MiniClient client;
    private final InMemorySignalStore store;
    private final SessionCipher cipher;
    private final Deque<Node> unread = new ArrayDeque<>();
    private final java.util.Map<String, Jid> lidToPn = new java.util.HashMap<>();
    private int iqIds;

    private SignalCompanion(TestCompanion keys, Jid device, MiniClient client) {
        this.keys = keys;
        this.device = device;
        this.client = client;
        this.store = keys.signalStore();
        this.cipher = new SessionCipher(store, KeyPairSource.random(), Clock.systemUTC());
    }

    /** Logs in, reads {@code <success>}; nothing else is read, so queued messages stay in order for the caller. */
    static SignalCompanion login(WaSimulator simulator, TestCompanion keys, Jid device) {
        SignalCompanion companion = new SignalCompanion(keys, device, keys.login(simulator, device));
        companion.next("success");
        return companion;
    }

    /** Tells the companion which phone number a LID user stands for (a real client learns it from usync). */
    void knowLid(Jid lid, Jid phoneNumber) {
        lidToPn.put(lid.user(), phoneNumber);
    }

    Jid device() {
        return device;
    }

    /** Uploads {@code count} one-time pre-keys with ids from {@code firstId} (and the signed pre-key). */
    void uploadPreKeys(int firstId, int count) {
        List<Node> list = new ArrayList<>();
        for (int id = firstId; id < firstId + count; id++) {
            OneTimePreKey key = new OneTimePreKey(id, X25519.generateKeyPair());
            store.addPreKey(key);
            list.add(Node.builder("key").child(bytes("id", threeBytes(id))).child(bytes("value", key.keyPair().publicKey())).build());
        }
        SignedPreKeyPair signed = store.loadSignedPreKey(1).orElseThrow();
        iq(Node.builder("iq").attr("xmlns", "encrypt").attr("type", "set")
                .child(bytes("registration", ByteBuffer.allocate(4).putInt(keys.registrationId).array()))
                .child(bytes("type", new byte[] {5}))
                .child(bytes("identity", keys.identity.publicKey()))
                .child(Node.builder("list").children(list).build())
                .child(Node.builder("skey").child(bytes("id", threeBytes(1)))
                        .child(bytes("value", signed.keyPair().publicKey())).child(bytes("signature", signed.signature())).build()));
    }

    /** Sends an iq and returns its answer (other stanzas that arrive first are kept for {@link #next}). */
    Node iq(Node.Builder iq) {
        String id = "t." + (++iqIds);
        client.send(iq.attr("id", id).attr("to", "@s.whatsapp.net").build());
        while (true) {
            Node node = client.next();
            if (node.tag().equals("iq") && node.attr("id").equals(Optional.of(id))) {
                return node;
            }
            unread.add(node);
        }
    }

    /** The next stanza with this tag, in arrival order; others stay unread. */
    Node next(String tag) {
        for (Node node : unread) {
            if (node.tag().equals(tag)) {
                unread.remove(node);
                return node;
            }
        }
        while (true) {
            Node node = client.next();
            if (node.tag().equals(tag)) {
                return node;
            }
            unread.add(node);
        }
    }

    void send(Node node) {
        client.send(node);
    }

    /** A decrypted incoming text. */
    record Text(String id, Jid from, String text, EncryptedMessage.Type encryption, Node stanza) {}

    /** Reads the next {@code <message>}, decrypts it and sends the delivery receipt. */
    Text receive() throws Exception {
        Node message = next("message");
        Jid from = Jid.parse(message.attr("from").orElseThrow()).orElseThrow();
        Node enc = message.child("enc").orElseThrow();
        EncryptedMessage encrypted = new EncryptedMessage(EncryptedMessage.Type.fromAttribute(enc.attr("type").orElseThrow()),
                enc.contentBytes().orElseThrow());
        byte[] plaintext = MessagePadding.unpad(cipher.decrypt(address(from), encrypted));
        Message parsed = Message.parseFrom(plaintext);
        String id = message.attr("id").orElseThrow();
        client.send(Node.of("receipt", "id", id, "to", from.toNormalizedUser().toString()));
        Message content = parsed.hasDeviceSentMessage() ? parsed.getDeviceSentMessage().getMessage() : parsed;
        return new Text(id, from, content.getConversation(), encrypted.type(), message);
    }

    /**
     * Sends a text to {@code to}'s primary device plus a DeviceSentMessage copy to our own phone, fetching
     * bundles for devices without a session; returns the message id. (Device lists come from the caller:
     * this is not a client.)
     */
    String sendText(Jid to, String text, String messageId) {
        return sendText(to, text, messageId, Jid.of(to.user(), to.server(), 0), List.of(Jid.of(device.user(), device.server(), 0)));
    }

    /** As {@link #sendText(Jid, String, String)}, to the given recipient device address and own devices. */
    String sendText(Jid to, String text, String messageId, Jid recipientDevice, List<Jid> ownDevices) {
        byte[] direct = MessagePadding.pad(Message.newBuilder().setConversation(text).build().toByteArray(), 3);
        byte[] copy = MessagePadding.pad(Message.newBuilder().setDeviceSentMessage(Message.DeviceSentMessage.newBuilder()
                .setDestinationJid(to.toString()).setMessage(Message.newBuilder().setConversation(text))).build().toByteArray(), 5);
        List<Node> participants = new ArrayList<>();
        participants.add(encryptedFor(recipientDevice, direct));
        ownDevices.forEach(own -> participants.add(encryptedFor(own, copy)));
        boolean anyPkmsg = participants.stream().anyMatch(p -> p.child("enc").flatMap(e -> e.attr("type")).equals(Optional.of("pkmsg")));
        Node.Builder stanza = Node.builder("message").attr("id", messageId).attr("to", to.toString()).attr("type", "text")
                .child(Node.builder("participants").children(participants).build());
        if (anyPkmsg) {
            stanza.child(bytes("device-identity", keys.signedIdentity));
        }
        client.send(stanza.build());
        return messageId;
    }

    private Node encryptedFor(Jid target, byte[] padded) {
        SignalAddress address = address(target);
        if (!cipher.hasOpenSession(address)) {
            cipher.processBundle(address, fetchBundle(target));
        }
        EncryptedMessage encrypted = cipher.encrypt(address, padded);
        return Node.builder("to").attr("jid", target.toString())
                .child(Node.builder("enc").attr("v", "2").attr("type", encrypted.type().attribute()).bytes(encrypted.body()).build())
                .build();
    }

    PreKeyBundle fetchBundle(Jid target) {
        Node answer = iq(Node.builder("iq").attr("xmlns", "encrypt").attr("type", "get")
                .child(Node.builder("key").child(Node.of("user", "jid", target.toString())).build()));
        Node user = answer.child("list").orElseThrow().child("user").orElseThrow();
        Node skey = user.child("skey").orElseThrow();
        Optional<PreKeyBundle.OneTimeKey> oneTime = user.child("key").map(key -> new PreKeyBundle.OneTimeKey(
                unsigned(content(key, "id")), content(key, "value")));
        return new PreKeyBundle(unsigned(content(user, "registration")), target.deviceId(), content(user, "identity"),
                unsigned(content(skey, "id")), content(skey, "value"), content(skey, "signature"), oneTime);
    }

    /** Sessions by phone-number address; a LID address is only a wire form here (the tests know the mapping). */
    private SignalAddress address(Jid device) {
        Jid pn = lidToPn.getOrDefault(device.user(), device);
        return SignalAddress.phoneNumber(pn.user(), device.deviceId());
    }

    private static byte[] content(Node parent, String tag) {
        return parent.child(tag).flatMap(Node::contentBytes).orElseThrow();
    }

    private static int unsigned(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    private static Node bytes(String tag, byte[] content) {
        return Node.builder(tag).bytes(content).build();
    }

    private static byte[] threeBytes(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    @Override
    public void close() {
        client.close();
    }
}
