package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.wafleet.protocol.proto.SignalSessionData;
import io.wafleet.protocol.proto.SignalSessionRecordData;
import io.wafleet.protocol.testing.Vectors;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs one transcript step on a party and checks its outcome against the vectors. */
final class StepReplay {
    /** How many of each kind of check ran, for the build log. */
    static final class Counts {
        private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void add(String kind) {
            counts.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }

        int get(String kind) {
            AtomicInteger count = counts.get(kind);
            return count == null ? 0 : count.get();
        }
    }

    private StepReplay() {}

    static String label(JsonNode conversation, JsonNode step) {
        return conversation.get("name").asText() + " step " + step.get("step").asInt() + " (" + step.get("action").asText()
                + " " + step.path("message").asText("") + " by " + step.get("party").asText() + ")";
    }

    /** Performs the step with the step's keys and clock and checks ciphertext, plaintext or failure. */
    static void run(JsonNode conversation, JsonNode step, Party party, SignalAddress peer, Counts counts) {
        String label = label(conversation, step);
        party.clock.set(step.get("clockMs").asLong());
        party.keys.script(SignalVectors.keysWeGenerate(step));
        switch (step.get("action").asText()) {
            case "build-session" -> {
                party.cipher.processBundle(peer, SignalVectors.bundle(step.get("bundle"), peer.deviceId()));
                counts.add("build-session");
            }
            case "send" -> {
                JsonNode message = SignalVectors.message(conversation, step.get("message").asText());
                EncryptedMessage sent = party.cipher.encrypt(peer, Vectors.hex(message.get("paddedPlaintextHex")));
                assertThat(sent.type().attribute()).as(label).isEqualTo(message.get("type").asText());
                assertThat(Vectors.toHex(sent.body())).as(label).isEqualTo(message.get("ciphertextHex").asText());
                counts.add("send " + sent.type().attribute());
            }
            case "receive" -> receive(conversation, step, party, peer, counts, label);
            default -> throw new AssertionError("unknown action in " + label);
        }
        assertThat(party.keys.remaining()).as(label + ": key pairs libsignal generated that we did not").isZero();
    }

    private static void receive(JsonNode conversation, JsonNode step, Party party, SignalAddress peer, Counts counts, String label) {
        JsonNode message = SignalVectors.message(conversation, step.get("message").asText());
        EncryptedMessage incoming = new EncryptedMessage(EncryptedMessage.Type.fromAttribute(step.get("type").asText()),
                Vectors.hex(message.get("ciphertextHex")));
        if ("decrypt".equals(step.get("expect").asText())) {
            byte[] plaintext = party.cipher.decrypt(peer, incoming);
            assertThat(Vectors.toHex(plaintext)).as(label).isEqualTo(message.get("paddedPlaintextHex").asText());
            assertThat(Vectors.toHex(MessagePadding.unpad(plaintext))).as(label).isEqualTo(message.get("messageProtoHex").asText());
            assertFileChanges(step, party, peer, label);
            counts.add("decrypt " + step.get("type").asText());
        } else {
            assertFailsWithoutTrace(party, peer, incoming, label);
            counts.add("fail " + step.get("type").asText());
        }
    }

    /** The message is refused and nothing the party stores changes: session, one-time pre-keys, peer identity. */
    static SignalException assertFailsWithoutTrace(Party party, SignalAddress peer, EncryptedMessage incoming, String label) {
        Optional<byte[]> sessionBefore = party.store.loadSession(peer);
        Set<Integer> preKeysBefore = party.store.preKeyIds();
        Optional<String> identityBefore = party.store.peerIdentity(peer).map(Vectors::toHex);
        SignalException[] thrown = new SignalException[1];
        assertThatThrownBy(() -> party.cipher.decrypt(peer, incoming)).as(label)
                .isInstanceOfSatisfying(SignalException.class, e -> thrown[0] = e);
        assertThat(SignalVectors.describe(party.store.loadSession(peer))).as(label + " session").isEqualTo(SignalVectors.describe(sessionBefore));
        assertThat(party.store.preKeyIds()).as(label + " one-time pre-keys").isEqualTo(preKeysBefore);
        assertThat(party.store.peerIdentity(peer).map(Vectors::toHex)).as(label + " peer identity").isEqualTo(identityBefore);
        return thrown[0];
    }

    /** A pkmsg that decrypted consumed the pre-key Baileys deleted and recorded the identity Baileys stored. */
    private static void assertFileChanges(JsonNode step, Party party, SignalAddress peer, String label) {
        for (JsonNode change : step.get("otherFileChanges")) {
            String file = change.get("file").asText();
            if (file.startsWith("pre-key-") && change.get("content").isNull()) {
                int id = Integer.parseInt(file.substring("pre-key-".length(), file.length() - ".json".length()));
                assertThat(party.store.preKeyIds()).as(label + " consumed pre-key").doesNotContain(id);
            } else if (file.equals("identity-key-" + peer.encoded() + ".json")) {
                byte[] stored = bufferJson(change.get("content").asText());
                assertThat(party.store.peerIdentity(peer).map(Vectors::toHex)).as(label + " identity")
                        .contains(Vectors.toHex(PublicKeys.decode(stored, "identity")));
            }
        }
    }

    /**
     * Our record after the step equals libsignal's {@code sessionAfter}, converted. Where libsignal also stored a
     * failed attempt on another session ({@code sessionAfterNote}), we store only the session that decrypted: the
     * others must equal {@code sessionBefore}.
     */
    static void assertRecordMatches(JsonNode conversation, JsonNode step, Party party, SignalAddress peer) {
        String label = label(conversation, step);
        Optional<byte[]> ours = party.store.loadSession(peer);
        Optional<byte[]> expected = SignalVectors.convertedRecord(step.get("sessionAfter"));
        if (step.hasNonNull("sessionAfterNote")) {
            expected = Optional.of(withoutFailedAttempts(step).toByteArray());
        }
        assertThat(SignalVectors.describe(ours)).as(label + " session record").isEqualTo(SignalVectors.describe(expected));
    }

    private static SignalSessionRecordData withoutFailedAttempts(JsonNode step) {
        SignalSessionRecordData before = parse(SignalVectors.convertedRecord(step.get("sessionBefore")).orElseThrow());
        SignalSessionRecordData after = parse(SignalVectors.convertedRecord(step.get("sessionAfter")).orElseThrow());
        Set<ByteString> decrypted = new java.util.HashSet<>();
        for (String baseKey : SignalVectors.sessionsUsedAt(step.get("sessionAfter"), step.get("clockMs").asLong())) {
            decrypted.add(ByteString.copyFrom(PublicKeys.decode(Base64.getDecoder().decode(baseKey), "base key")));
        }
        SignalSessionRecordData.Builder merged = before.toBuilder().clearSessions();
        for (SignalSessionData session : before.getSessionsList()) {
            merged.addSessions(decrypted.contains(session.getBaseKey())
                    ? after.getSessionsList().stream().filter(s -> s.getBaseKey().equals(session.getBaseKey())).findFirst().orElseThrow()
                    : session);
        }
        return merged.build();
    }

    private static SignalSessionRecordData parse(byte[] bytes) {
        try {
            return SignalSessionRecordData.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bufferJson(String content) {
        try {
            return Base64.getDecoder().decode(new ObjectMapper().readTree(content).get("data").asText());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
