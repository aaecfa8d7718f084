package io.wafleet.protocol.signal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Reads a session file Baileys stored ({@code session-<address>.json}: libsignal-node's
 * {@code SessionRecord.serialize()}, version {@code v1}) into our stored record, so an account moved from
 * Baileys keeps its sessions and needs no new pkmsg round with every contact.
 *
 * <p>libsignal-node's {@code counter} is the index of the last derived key (-1 before the first); ours is the
 * index of the next one. A {@code previousCounter} of -1 (a ratchet step without a message sent) becomes 0,
 * as our sessions write it. Everything else maps one to one; anything inconsistent is refused.
 */
public final class LibsignalSessionConverter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHAIN_SENDING = 1;
    private static final int CHAIN_RECEIVING = 2;
    private static final int BASE_KEY_OURS = 1;
    private static final int BASE_KEY_THEIRS = 2;

    private LibsignalSessionConverter() {}

    /** Our stored record bytes (as {@link SignalStore#loadSession} returns them) for one Baileys session file. */
    public static byte[] toStoredRecord(String libsignalJson) {
        return SessionRecordCodec.encode(convert(libsignalJson));
    }

    static SessionRecord convert(String libsignalJson) {
        JsonNode root;
        try {
            root = JSON.readTree(libsignalJson);
        } catch (JsonProcessingException e) {
            throw malformed("not JSON", e);
        }
        if (root == null || !root.isObject() || !"v1".equals(root.path("version").asText())) {
            throw malformed("not a version v1 session record");
        }
        JsonNode entries = object(root, "_sessions");
        List<Session> sessions = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : entries.properties()) {
            Session session;
            try {
                session = session(entry.getValue());
            } catch (IllegalArgumentException e) {
                throw malformed(e.getMessage(), e);
            }
            if (!Arrays.equals(PublicKeys.decode(base64(entry.getKey(), "_sessions key"), "_sessions key"), session.origin().baseKey())) {
                throw malformed("session keyed " + entry.getKey() + " has another base key");
            }
            sessions.add(session);
        }
        try {
            return new SessionRecord(sessions);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw malformed(e.getMessage(), e);
        }
    }

    private static Session session(JsonNode entry) {
        JsonNode ratchet = object(entry, "currentRatchet");
        JsonNode index = object(entry, "indexInfo");
        JsonNode ephemeral = object(ratchet, "ephemeralKeyPair");
        byte[] ourPublic = key(ephemeral, "pubKey");
        byte[] ourPrivate = bytes(ephemeral, "privKey", 32);
        if (!Arrays.equals(X25519.publicKey(ourPrivate), ourPublic)) {
            throw malformed("current ratchet key pair does not match");
        }
        int baseKeyType = integer(index, "baseKeyType");
        if (baseKeyType != BASE_KEY_OURS && baseKeyType != BASE_KEY_THEIRS) {
            throw malformed("unknown baseKeyType " + baseKeyType);
        }
        byte[] baseKey = key(index, "baseKey");
        long closed = number(index, "closed");
        Session.Origin origin = new Session.Origin(baseKey, baseKeyType == BASE_KEY_OURS, integer(entry, "registrationId"),
                key(index, "remoteIdentityKey"), number(index, "created"));

        Optional<ChainKey> sending = Optional.empty();
        List<ReceivingChain> receiving = new ArrayList<>();
        for (Map.Entry<String, JsonNode> chainEntry : object(entry, "_chains").properties()) {
            byte[] chainRatchetKey = PublicKeys.decode(base64(chainEntry.getKey(), "_chains key"), "_chains key");
            JsonNode chain = chainEntry.getValue();
            JsonNode chainKey = object(chain, "chainKey");
            int nextIndex = integer(chainKey, "counter") + 1;
            if (nextIndex < 0) {
                throw malformed("chain counter below -1");
            }
            Optional<byte[]> key = chainKey.hasNonNull("key") ? Optional.of(bytes(chainKey, "key", 32)) : Optional.empty();
            switch (integer(chain, "chainType")) {
                case CHAIN_SENDING -> {
                    if (sending.isPresent() || !Arrays.equals(chainRatchetKey, ourPublic) || key.isEmpty()) {
                        throw malformed("a sending chain that is not the open chain of the current ratchet key");
                    }
                    sending = Optional.of(new ChainKey(key.get(), nextIndex));
                }
                case CHAIN_RECEIVING -> receiving.add(new ReceivingChain(chainRatchetKey,
                        key.map(k -> new ChainKey(k, nextIndex)), nextIndex, messageKeys(object(chain, "messageKeys"))));
                default -> throw malformed("unknown chainType");
            }
        }
        return new Session(origin, number(index, "used"), closed == -1 ? OptionalLong.empty() : OptionalLong.of(closed),
                bytes(ratchet, "rootKey", 32), new KeyPair(ourPrivate, ourPublic), key(ratchet, "lastRemoteEphemeralKey"),
                Math.max(integer(ratchet, "previousCounter"), 0), sending, receiving, pendingPreKey(entry, baseKey));
    }

    private static Map<Integer, byte[]> messageKeys(JsonNode keys) {
        Map<Integer, byte[]> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> key : keys.properties()) {
            int index;
            try {
                index = Integer.parseInt(key.getKey());
            } catch (NumberFormatException e) {
                throw malformed("message key index " + key.getKey(), e);
            }
            if (index < 0) {
                throw malformed("negative message key index");
            }
            result.put(index, decoded(key.getValue(), "messageKeys." + index, 32));
        }
        return result;
    }

    private static Optional<PendingPreKey> pendingPreKey(JsonNode entry, byte[] baseKey) {
        JsonNode pending = entry.get("pendingPreKey");
        if (pending == null || pending.isNull()) {
            return Optional.empty();
        }
        if (!Arrays.equals(key(pending, "baseKey"), baseKey)) {
            throw malformed("pendingPreKey names another base key");
        }
        OptionalInt preKeyId = pending.hasNonNull("preKeyId") ? OptionalInt.of(integer(pending, "preKeyId")) : OptionalInt.empty();
        return Optional.of(new PendingPreKey(integer(pending, "signedKeyId"), preKeyId));
    }

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw malformed("missing object " + field);
        }
        return node;
    }

    private static int integer(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.canConvertToInt()) {
            throw malformed("missing or non-integer " + field);
        }
        return node.intValue();
    }

    private static long number(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.canConvertToLong()) {
            throw malformed("missing or non-numeric " + field);
        }
        return node.longValue();
    }

    /** A 33-byte 0x05-prefixed public key, returned raw. */
    private static byte[] key(JsonNode parent, String field) {
        return PublicKeys.decode(bytes(parent, field, PublicKeys.ENCODED_LENGTH), field);
    }

    private static byte[] bytes(JsonNode parent, String field, int length) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw malformed("missing " + field);
        }
        return decoded(node, field, length);
    }

    private static byte[] decoded(JsonNode node, String field, int length) {
        byte[] value = base64(node.asText(), field);
        if (value.length != length) {
            throw malformed(field + " is " + value.length + " bytes, expected " + length);
        }
        return value;
    }

    private static byte[] base64(String text, String field) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed(field + " is not base64", e);
        }
    }

    private static SignalException malformed(String detail) {
        return new SignalException(SignalException.Reason.MALFORMED, "libsignal session record: " + detail);
    }

    private static SignalException malformed(String detail, Throwable cause) {
        return new SignalException(SignalException.Reason.MALFORMED, "libsignal session record: " + detail, cause);
    }
}
