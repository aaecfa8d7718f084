package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Check 1 of the vector README: every conversation replayed in both directions from the parties' key material,
 * with libsignal's generated keys and clock injected. Sent ciphertexts, decrypted plaintexts, refused messages and
 * the stored session record after every step must match what Baileys' libsignal produced.
 */
class FullReplayTest {
    /** One dynamic test per conversation, then one that checks the totals against the file's own stats. */
    @TestFactory
    Stream<DynamicTest> everyConversationReplaysByteForByte() {
        StepReplay.Counts counts = new StepReplay.Counts();
        Stream<DynamicTest> conversations = StreamSupport.stream(SignalVectors.conversations().spliterator(), false)
                .map(conversation -> DynamicTest.dynamicTest(conversation.get("name").asText(), () -> replay(conversation, counts)));
        return Stream.concat(conversations, Stream.of(DynamicTest.dynamicTest("totals", () -> assertTotals(counts))));
    }

    private static void replay(JsonNode conversation, StepReplay.Counts counts) {
        Map<String, Party> parties = SignalVectors.parties(conversation);
        for (JsonNode step : conversation.get("steps")) {
            Party party = parties.get(step.get("party").asText());
            Party peer = parties.get(step.get("peer").asText());
            StepReplay.run(conversation, step, party, peer.address, counts);
            StepReplay.assertRecordMatches(conversation, step, party, peer.address);
            counts.add("step");
        }
        assertSessionsStillWork(conversation, parties, counts);
    }

    private static void assertTotals(StepReplay.Counts counts) {
        JsonNode stats = SignalVectors.file().get("description").get("stats");
        assertThat(counts.get("step")).isEqualTo(stats.get("steps").asInt());
        assertThat(counts.get("build-session")).isEqualTo(stats.get("buildSession").asInt());
        assertThat(counts.get("send pkmsg")).isEqualTo(stats.get("sendPkmsg").asInt());
        assertThat(counts.get("send msg")).isEqualTo(stats.get("sendMsg").asInt());
        assertThat(counts.get("decrypt pkmsg") + counts.get("decrypt msg")).isEqualTo(stats.get("receiveDecrypt").asInt());
        assertThat(counts.get("fail pkmsg") + counts.get("fail msg")).isEqualTo(stats.get("receiveFail").asInt());
        Vectors.report(SignalVectors.FILE, "full replay steps (sessionAfter compared after each)", counts.get("step"));
        Vectors.report(SignalVectors.FILE, "full replay build-session", counts.get("build-session"));
        Vectors.report(SignalVectors.FILE, "full replay send pkmsg", counts.get("send pkmsg"));
        Vectors.report(SignalVectors.FILE, "full replay send msg", counts.get("send msg"));
        Vectors.report(SignalVectors.FILE, "full replay receive decrypt", counts.get("decrypt pkmsg") + counts.get("decrypt msg"));
        Vectors.report(SignalVectors.FILE, "full replay receive fail", counts.get("fail pkmsg") + counts.get("fail msg"));
        Vectors.report(SignalVectors.FILE, "round trips after the transcript", counts.get("extra round trip"));
    }

    /**
     * After the transcript, every pair that holds sessions both ways still talks, with fresh random keys. In conv-4
     * this is where libsignal-node's stored failed attempt would break Bob's next message to Alice.
     */
    private static void assertSessionsStillWork(JsonNode conversation, Map<String, Party> parties, StepReplay.Counts counts) {
        List<Party> all = new ArrayList<>(parties.values());
        all.forEach(party -> party.keys.switchToRandom());
        for (Party sender : all) {
            for (Party receiver : all) {
                if (sender != receiver && sender.cipher.hasOpenSession(receiver.address)
                        && receiver.store.loadSession(sender.address).isPresent()) {
                    byte[] padded = MessagePadding.pad(("after " + conversation.get("name").asText()).getBytes(StandardCharsets.UTF_8), 3);
                    EncryptedMessage message = sender.cipher.encrypt(receiver.address, padded);
                    assertThat(receiver.cipher.decrypt(sender.address, message)).isEqualTo(padded);
                    counts.add("extra round trip");
                }
            }
        }
    }
}
