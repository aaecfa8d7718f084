package io.wafleet.protocol.signal;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.proto.SignalSessionRecordData;
import io.wafleet.protocol.testing.Vectors;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads signal-1to1.json into the objects the Signal tests work with. Every value comes from the file. */
final class SignalVectors {
    static final String FILE = "signal-1to1.json";
    private static JsonNode cached;

    private SignalVectors() {}

    static synchronized JsonNode file() {
        if (cached == null) {
            cached = Vectors.loadSignal(FILE);
        }
        return cached;
    }

    static Iterable<JsonNode> conversations() {
        return file().get("conversations");
    }

    static JsonNode conversation(String name) {
        for (JsonNode conversation : conversations()) {
            if (conversation.get("name").asText().equals(name)) {
                return conversation;
            }
        }
        throw new IllegalArgumentException("no conversation " + name);
    }

    static JsonNode message(JsonNode conversation, String id) {
        for (JsonNode message : conversation.get("messages")) {
            if (message.get("id").asText().equals(id)) {
                return message;
            }
        }
        throw new IllegalArgumentException("no message " + id);
    }

    static KeyPair keyPair(JsonNode node) {
        return new KeyPair(Vectors.hex(node.get("privateHex")), Vectors.hex(node.get("publicHex")));
    }

    static byte[] rawKey(JsonNode prefixedHex) {
        return PublicKeys.decode(Vectors.hex(prefixedHex), "vector key");
    }

    /** Every party of a conversation, in its initial state (all its one-time pre-keys, no session). */
    static Map<String, Party> parties(JsonNode conversation) {
        Map<String, Party> parties = new LinkedHashMap<>();
        conversation.get("parties").properties().forEach(entry -> parties.put(entry.getKey(), party(entry.getValue(), Optional.empty())));
        return parties;
    }

    /** One party, holding only the one-time pre-keys in {@code preKeyIds} when given, else all of them. */
    static Party party(JsonNode node, Optional<Set<Integer>> preKeyIds) {
        InMemorySignalStore store = new InMemorySignalStore(keyPair(node.get("identityKeyPair")), node.get("registrationId").asInt());
        JsonNode signed = node.get("signedPreKey");
        store.addSignedPreKey(new SignedPreKeyPair(signed.get("keyId").asInt(), keyPair(signed.get("keyPair")),
                Vectors.hex(signed.get("signatureHex"))));
        for (JsonNode preKey : node.get("preKeys")) {
            int id = preKey.get("keyId").asInt();
            if (preKeyIds.map(ids -> ids.contains(id)).orElse(true)) {
                store.addPreKey(new OneTimePreKey(id, keyPair(preKey.get("keyPair"))));
            }
        }
        return new Party(SignalAddress.parse(node.get("signalAddress").asText()), store);
    }

    static Party partyOf(JsonNode reference) {
        JsonNode conversation = conversation(reference.get("conversation").asText());
        return party(conversation.get("parties").get(reference.get("party").asText()), Optional.empty());
    }

    static Set<Integer> ids(JsonNode array) {
        Set<Integer> ids = new HashSet<>();
        array.forEach(id -> ids.add(id.asInt()));
        return ids;
    }

    static PreKeyBundle bundle(JsonNode bundle, int deviceId) {
        JsonNode signed = bundle.get("signedPreKey");
        JsonNode preKey = bundle.get("preKey");
        Optional<PreKeyBundle.OneTimeKey> oneTime = preKey == null || preKey.isNull()
                ? Optional.empty()
                : Optional.of(new PreKeyBundle.OneTimeKey(preKey.get("keyId").asInt(), rawKey(preKey.get("publicKeyHex"))));
        return new PreKeyBundle(bundle.get("registrationId").asInt(), deviceId, rawKey(bundle.get("identityKeyHex")),
                signed.get("keyId").asInt(), rawKey(signed.get("publicKeyHex")), Vectors.hex(signed.get("signatureHex")), oneTime);
    }

    /**
     * The keys our implementation generates in a step. libsignal steps the ratchet (and generates a key) before it
     * checks the MAC; we generate only once a message authenticated. So a receive uses only the keys libsignal kept
     * for the session that decrypted: those tagged with a session base key whose session the step marked used.
     */
    static List<KeyPair> keysWeGenerate(JsonNode step) {
        List<KeyPair> keys = new ArrayList<>();
        JsonNode generated = step.get("generatedKeyPairs");
        if (!"receive".equals(step.get("action").asText())) {
            generated.forEach(key -> keys.add(keyPair(key)));
            return keys;
        }
        Set<String> decryptingSessions = sessionsUsedAt(step.get("sessionAfter"), step.get("clockMs").asLong());
        for (JsonNode key : generated) {
            if (key.hasNonNull("sessionBaseKeyHex")
                    && decryptingSessions.contains(java.util.Base64.getEncoder().encodeToString(Vectors.hex(key.get("sessionBaseKeyHex"))))) {
                keys.add(keyPair(key));
            }
        }
        return keys;
    }

    /** Base keys (base64) of the sessions libsignal marked used during the step: the ones that decrypted. */
    static Set<String> sessionsUsedAt(JsonNode sessionFile, long clockMs) {
        Set<String> used = new HashSet<>();
        if (sessionFile == null || sessionFile.isNull()) {
            return used;
        }
        try {
            JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sessionFile.asText());
            record.get("_sessions").properties().forEach(entry -> {
                if (entry.getValue().get("indexInfo").get("used").asLong() == clockMs) {
                    used.add(entry.getKey());
                }
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("sessionAfter is not JSON", e);
        }
        return used;
    }

    static Optional<byte[]> convertedRecord(JsonNode sessionFile) {
        return sessionFile == null || sessionFile.isNull()
                ? Optional.empty()
                : Optional.of(LibsignalSessionConverter.toStoredRecord(sessionFile.asText()));
    }

    /** A readable form of a stored record, so a mismatch shows which field differs. */
    static String describe(Optional<byte[]> storedRecord) {
        return storedRecord.map(bytes -> {
            try {
                return SignalSessionRecordData.parseFrom(bytes).toString();
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }).orElse("<no record>");
    }
}
