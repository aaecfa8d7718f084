package io.wafleet.simulator.session;

import static io.wafleet.protocol.crypto.Bytes.concat;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.simulator.device.DeviceRecord;
import io.wafleet.simulator.device.DeviceRegistry;
import io.wafleet.simulator.device.PhoneAccount;
import io.wafleet.simulator.device.PreKey;
import io.wafleet.simulator.device.SignedPreKey;
import io.wafleet.simulator.crypto.IndependentSignatureVerifier;
import io.wafleet.simulator.messaging.MessageRouter;
import io.wafleet.protocol.signal.PreKeyBundle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers the iqs a logged-in client sends (protocol.md §6, §8.1, §8.2): pre-key count, upload, digest and
 * bundle fetch, passive/active (the offline count is the connection's, see {@link ChatConnection}), abt props, blocklist, privacy, keepalive pings, usync, stats. Anything else gets the
 * generic {@code 501 feature-not-implemented} error, which clients turn into a failed query rather than a
 * dropped connection. Stateless apart from the registry it reads and updates.
 */
final class IqResponder {
    /** More one-time pre-keys than any client uploads at once (Baileys: 812); a bigger list is refused. */
    static final int MAX_PREKEYS_PER_UPLOAD = 2000;
    private static final byte[] KEY_TYPE_DJB = {5};

    private final DeviceRegistry registry;
    private final MessageRouter router;

    IqResponder(DeviceRegistry registry, MessageRouter router) {
        this.registry = registry;
        this.router = router;
    }

    /** The nodes to send back for one iq from {@code device}, in order. */
    List<Node> answer(Node iq, Jid device) {
        String id = iq.attr("id").orElse("");
        String type = iq.attr("type").orElse("");
        String xmlns = iq.attr("xmlns").orElse("");
        Optional<Node> first = iq.children().stream().findFirst();
        String firstTag = first.map(Node::tag).orElse("");
        return switch (xmlns + " " + type + " " + firstTag) {
            case "w:p get ping" -> List.of(Stanzas.iqResult(id));
            case "encrypt get count" -> List.of(Stanzas.iqResult(id,
                    Node.of("count", "value", Integer.toString(record(device).preKeys().size()))));
            case "encrypt get digest" -> List.of(Stanzas.iqResult(id, digest(record(device))));
            case "passive set active" -> List.of(Stanzas.iqResult(id));
            case "passive set passive" -> List.of(Stanzas.iqResult(id));
            case "abt get props", "w get props" -> List.of(Stanzas.iqResult(id, props()));
            case "blocklist get ", "blocklist get list" -> List.of(Stanzas.iqResult(id, Node.builder("list").children(List.of()).build()));
            case "privacy get privacy" -> List.of(Stanzas.iqResult(id, privacySettings()));
            case "privacy set tokens", "w:stats set add" -> List.of(Stanzas.iqResult(id));
            case "usync get usync" -> List.of(Stanzas.iqResult(id, usync(first.orElseThrow())));
            case "encrypt get key" -> List.of(Stanzas.iqResult(id, bundles(first.orElseThrow())));
            default -> xmlns.equals("encrypt") && type.equals("set") && iq.child("registration").isPresent()
                    ? List.of(upload(iq, id, device))
                    : List.of(Stanzas.iqError(id, 501, "feature-not-implemented"));
        };
    }

    private DeviceRecord record(Jid device) {
        return registry.find(device).orElseThrow(() -> new IllegalStateException("logged-in device vanished"));
    }

    /** Stores uploaded pre-keys after checking the signed pre-key's signature with the independent verifier. */
    private Node upload(Node iq, String id, Jid device) {
        DeviceRecord current = record(device);
        Optional<Node> skey = iq.child("skey");
        List<Node> keys = iq.child("list").map(Node::children).orElse(List.of());
        if (skey.isEmpty() || keys.size() > MAX_PREKEYS_PER_UPLOAD) {
            return Stanzas.iqError(id, 400, "bad-request");
        }
        Optional<SignedPreKey> signedPreKey = signedPreKey(skey.get());
        if (signedPreKey.isEmpty() || !IndependentSignatureVerifier.verify(current.identityKey(),
                concat(KEY_TYPE_DJB, signedPreKey.get().publicKey()), signedPreKey.get().signature())) {
            return Stanzas.iqError(id, 400, "bad-request");
        }
        List<PreKey> preKeys = new ArrayList<>(keys.size());
        for (Node key : keys) {
            Optional<Integer> keyId = bytes(key, "id").filter(b -> b.length == 3).map(IqResponder::unsigned);
            Optional<byte[]> value = bytes(key, "value").filter(b -> b.length == 32);
            if (keyId.isEmpty() || value.isEmpty()) {
                return Stanzas.iqError(id, 400, "bad-request");
            }
            preKeys.add(new PreKey(keyId.get(), value.get()));
        }
        registry.update(device, record -> record.withUploadedKeys(signedPreKey.get(), preKeys), false);
        return Stanzas.iqResult(id);
    }

    private static Optional<SignedPreKey> signedPreKey(Node skey) {
        Optional<byte[]> id = bytes(skey, "id").filter(b -> b.length == 3);
        Optional<byte[]> value = bytes(skey, "value").filter(b -> b.length == 32);
        Optional<byte[]> signature = bytes(skey, "signature").filter(b -> b.length == 64);
        if (id.isEmpty() || value.isEmpty() || signature.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SignedPreKey(unsigned(id.get()), value.get(), signature.get()));
    }

    /**
     * The key digest: what the server holds for this device. Clients only check that it exists (Baileys
     * re-uploads when it does not); the hash is a SHA-1 over the public key material.
     */
    private static Node digest(DeviceRecord device) {
        SignedPreKey skey = device.signedPreKey();
        List<PreKey> preKeys = device.preKeys().stream().sorted(Comparator.comparingInt(PreKey::id)).toList();
        MessageDigest sha1 = sha1();
        sha1.update(device.identityKey());
        sha1.update(skey.publicKey());
        sha1.update(skey.signature());
        preKeys.forEach(key -> sha1.update(key.publicKey()));
        return Node.builder("digest")
                .child(bytesNode("registration", ByteBuffer.allocate(4).putInt(device.registrationId()).array()))
                .child(bytesNode("type", KEY_TYPE_DJB))
                .child(bytesNode("identity", device.identityKey()))
                .child(Node.builder("skey")
                        .child(bytesNode("id", threeBytes(skey.id())))
                        .child(bytesNode("value", skey.publicKey()))
                        .child(bytesNode("signature", skey.signature()))
                        .build())
                .child(Node.builder("list").children(preKeys.stream().map(key -> bytesNode("id", threeBytes(key.id()))).toList()).build())
                .child(bytesNode("hash", sha1.digest()))
                .build();
    }

    /**
     * Pre-key bundles for the requested devices (protocol.md §8.2), companions and simulated primary devices
     * alike, each one-time key handed out once; an unknown or removed device gets a per-user 404.
     */
    private Node bundles(Node keyRequest) {
        List<Node> users = new ArrayList<>();
        for (Node user : keyRequest.childrenByTag("user")) {
            Optional<String> jidText = user.attr("jid");
            if (jidText.isEmpty()) {
                continue;
            }
            Optional<PreKeyBundle> bundle = Jid.parse(jidText.get()).flatMap(router::takeBundle);
            Node.Builder answer = Node.builder("user").attr("jid", jidText.get());
            if (bundle.isEmpty()) {
                answer.child(Node.of("error", "code", "404", "text", "item-not-found"));
            } else {
                PreKeyBundle keys = bundle.get();
                answer.child(bytesNode("registration", ByteBuffer.allocate(4).putInt(keys.registrationId()).array()))
                        .child(bytesNode("type", KEY_TYPE_DJB))
                        .child(bytesNode("identity", keys.identityKey()))
                        .child(Node.builder("skey")
                                .child(bytesNode("id", threeBytes(keys.signedPreKeyId())))
                                .child(bytesNode("value", keys.signedPreKey()))
                                .child(bytesNode("signature", keys.signedPreKeySignature()))
                                .build());
                keys.oneTimePreKey().ifPresent(key -> answer.child(Node.builder("key")
                        .child(bytesNode("id", threeBytes(key.id())))
                        .child(bytesNode("value", key.publicKey()))
                        .build()));
            }
            users.add(answer.build());
        }
        return Node.builder("list").children(users).build();
    }

    private static Node props() {
        return Node.builder("props").attr("protocol", "1").attr("hash", "sim-props-1").children(List.of()).build();
    }

    private static Node privacySettings() {
        List<Node> categories = new ArrayList<>();
        for (String name : List.of("last", "online", "profile", "status", "groupadd", "readreceipts", "calladd")) {
            categories.add(Node.of("category", "name", name, "value", name.equals("readreceipts") ? "all" : "contacts"));
        }
        return Node.builder("privacy").children(categories).build();
    }

    /**
     * Device lists and LIDs for the queried users (protocol.md §8.1). A known phone lists device 0 (the phone)
     * and its linked companions with their key index, whether asked by number or by LID; an unknown user lists
     * only device 0.
     */
    private Node usync(Node request) {
        List<String> protocols = request.child("query").map(Node::children).orElse(List.of()).stream().map(Node::tag).toList();
        List<Node> users = new ArrayList<>();
        for (Node user : request.child("list").map(Node::children).orElse(List.of())) {
            Optional<Jid> jid = user.attr("jid").flatMap(Jid::parse);
            if (jid.isEmpty()) {
                continue;
            }
            // A LID names the same account as its number; WhatsApp lists the same devices for either.
            String number = jid.get().isLidUser()
                    ? registry.findPhoneByLid(jid.get().user()).map(PhoneAccount::number).orElse(jid.get().user())
                    : jid.get().user();
            Node.Builder answer = Node.builder("user").attr("jid", jid.get().toNormalizedUser().toString());
            answer.children(List.of());
            if (protocols.contains("devices")) {
                Node.Builder deviceList = Node.builder("device-list").child(Node.of("device", "id", "0"));
                registry.activeDevicesOf(number).forEach(device -> deviceList.child(Node.of("device",
                        "id", Integer.toString(device.jid().deviceId()), "key-index", Integer.toString(device.keyIndex()))));
                answer.child(Node.builder("devices").child(deviceList.build()).build());
            }
            if (protocols.contains("lid")) {
                registry.findPhoneExact(number).ifPresent(phone ->
                        answer.child(Node.of("lid", "val", phone.lidUser() + "@lid")));
            }
            if (protocols.contains("contact")) {
                answer.child(Node.of("contact", "type", registry.findPhoneExact(number).isPresent() ? "in" : "out"));
            }
            users.add(answer.build());
        }
        Node.Builder result = Node.builder("result");
        result.children(List.of());
        for (String protocol : protocols) {
            if (protocol.equals("devices") || protocol.equals("lid")) {
                result.child(Node.of(protocol, "refresh", "604800"));
            }
        }
        return Node.builder("usync")
                .attr("sid", request.attr("sid").orElse(""))
                .attr("index", "0")
                .attr("last", "true")
                .child(result.build())
                .child(Node.builder("list").children(users).build())
                .build();
    }

    private static Optional<byte[]> bytes(Node parent, String childTag) {
        return parent.child(childTag).flatMap(Node::contentBytes);
    }

    private static Node bytesNode(String tag, byte[] bytes) {
        return Node.builder(tag).bytes(bytes).build();
    }

    private static int unsigned(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }

    static byte[] threeBytes(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }
}
