package io.wafleet.protocol.client.messaging;

import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.crypto.CryptoException;
import io.wafleet.protocol.crypto.X25519;
import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.signal.OneTimePreKey;
import io.wafleet.protocol.signal.PreKeyBundle;
import io.wafleet.protocol.store.Credentials;
import io.wafleet.protocol.signal.SignedPreKeyPair;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key elements of the {@code encrypt} namespace (protocol.md §6, §8.2): our pre-key upload, the bundle
 * fetch and its answer. Ids travel as 3-byte big-endian numbers, the registration id as 4 bytes, keys as 32
 * bytes (a leading {@code 05} type byte is tolerated on input).
 */
final class KeyNodes {
    private static final byte[] KEY_TYPE_DJB = {X25519.DJB_TYPE};

    private KeyNodes() {}

    static Node countQuery() {
        return Node.builder("iq").attr("to", Jid.SERVER.toString()).attr("xmlns", "encrypt").attr("type", "get")
                .child(Node.of("count")).build();
    }

    static int parseCount(Node reply) {
        IqReplies.requireResult(reply, "pre-key count");
        String value = reply.child("count").flatMap(c -> c.attr("value"))
                .orElseThrow(() -> new MessagingException("pre-key count answer without a value"));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new MessagingException("pre-key count is not a number: " + value, e);
        }
    }

    /** {@code <iq xmlns='encrypt' type='set'>} with our registration, identity, one-time keys and signed pre-key. */
    static Node upload(Credentials credentials, List<OneTimePreKey> keys) {
        List<Node> list = keys.stream().map(key -> keyNode("key", key.id(), key.keyPair().publicKey())).toList();
        return Node.builder("iq").attr("to", Jid.SERVER.toString()).attr("xmlns", "encrypt").attr("type", "set")
                .child(bytes("registration", fourBytes(credentials.registrationId())))
                .child(bytes("type", KEY_TYPE_DJB))
                .child(bytes("identity", credentials.signedIdentityKey().publicKey()))
                .child(Node.builder("list").children(list).build())
                .child(signedKeyNode(credentials.signedPreKey()))
                .build();
    }

    /**
     * The {@code <keys>} a retry receipt carries so the sender can build a fresh session without asking the
     * server: type, identity, the signed pre-key and our signed device identity. No one-time key: one handed to a
     * single peer here would also sit in the server's stock under the same id, and whichever of the two used it
     * second would fail; a session on the signed pre-key alone is sound.
     */
    static Node retryKeys(Credentials credentials) {
        Node.Builder keys = Node.builder("keys")
                .child(bytes("type", KEY_TYPE_DJB))
                .child(bytes("identity", credentials.signedIdentityKey().publicKey()))
                .child(signedKeyNode(credentials.signedPreKey()));
        credentials.account().ifPresent(account -> keys.child(bytes("device-identity", account)));
        return keys.build();
    }

    /** Asks for the bundles of {@code devices}; {@code reason='identity'} makes the server send fresh ones. */
    static Node bundleQuery(List<Jid> devices) {
        List<Node> users = devices.stream().map(device -> Node.of("user", "jid", device.toString())).toList();
        return Node.builder("iq").attr("to", Jid.SERVER.toString()).attr("xmlns", "encrypt").attr("type", "get")
                .child(Node.builder("key").children(users).build())
                .build();
    }

    /** The bundles in a fetch answer by the device jid the server named; users answered with an error are absent. */
    static Map<String, PreKeyBundle> parseBundles(Node reply) {
        IqReplies.requireResult(reply, "pre-key bundle fetch");
        Node list = reply.child("list").orElseThrow(() -> new MessagingException("bundle answer without a list"));
        Map<String, PreKeyBundle> bundles = new LinkedHashMap<>();
        for (Node user : list.childrenByTag("user")) {
            Optional<Jid> jid = user.attr("jid").flatMap(Jid::parse);
            if (jid.isEmpty() || user.child("error").isPresent()) {
                continue;
            }
            bundles.put(jid.get().toString(), bundle(user, jid.get().deviceId()));
        }
        return bundles;
    }

    /** A bundle from a user's key elements (a fetch answer's {@code <user>} or a retry receipt's {@code <keys>}). */
    static PreKeyBundle bundle(Node keys, int deviceId) {
        try {
            // A retry receipt carries the registration id next to its <keys>, not inside: absent reads as 0.
            int registration = keys.child("registration").isPresent() ? unsigned(required(keys, "registration", 4)) : 0;
            byte[] identity = key(required(keys, "identity"));
            Node skey = keys.child("skey").orElseThrow(() -> new MessagingException("key bundle without a signed pre-key"));
            Optional<PreKeyBundle.OneTimeKey> oneTime = keys.child("key").map(k ->
                    new PreKeyBundle.OneTimeKey(unsigned(required(k, "id", 3)), key(required(k, "value"))));
            return new PreKeyBundle(registration, deviceId, identity, unsigned(required(skey, "id", 3)),
                    key(required(skey, "value")), required(skey, "signature", 64), oneTime);
        } catch (IllegalArgumentException | CryptoException e) {
            throw new MessagingException("malformed key bundle: " + e.getMessage(), e);
        }
    }

    /** The bundle a retry receipt offers: its {@code <keys>}, with the registration id that sits next to them. */
    static Optional<PreKeyBundle> retryBundle(Node receipt, int deviceId) {
        return receipt.child("keys").map(keys -> {
            Node.Builder withRegistration = Node.builder("keys").children(keys.children());
            receipt.child("registration").ifPresent(withRegistration::child);
            return bundle(withRegistration.build(), deviceId);
        });
    }

    static byte[] fourBytes(int value) {
        return ByteBuffer.allocate(4).putInt(value).array();
    }

    static byte[] threeBytes(int value) {
        return new byte[] {(byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static Node signedKeyNode(SignedPreKeyPair signedPreKey) {
        return Node.builder("skey")
                .child(bytes("id", threeBytes(signedPreKey.id())))
                .child(bytes("value", signedPreKey.keyPair().publicKey()))
                .child(bytes("signature", signedPreKey.signature()))
                .build();
    }

    private static Node keyNode(String tag, int id, byte[] publicKey) {
        return Node.builder(tag).child(bytes("id", threeBytes(id))).child(bytes("value", publicKey)).build();
    }

    private static Node bytes(String tag, byte[] value) {
        return Node.builder(tag).bytes(value).build();
    }

    private static byte[] required(Node parent, String tag) {
        return parent.child(tag).flatMap(Node::contentBytes)
                .orElseThrow(() -> new MessagingException("key bundle without " + tag));
    }

    private static byte[] required(Node parent, String tag, int length) {
        byte[] value = required(parent, tag);
        if (value.length != length) {
            throw new MessagingException(tag + " must be " + length + " bytes, got " + value.length);
        }
        return value;
    }

    private static byte[] key(byte[] wire) {
        return X25519.stripTypePrefix(wire);
    }

    private static int unsigned(byte[] bigEndian) {
        int value = 0;
        for (byte b : bigEndian) {
            value = (value << 8) | (b & 0xFF);
        }
        return value;
    }
}
