package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Check 1 of the vector README: every conversation replayed in both directions from the parties' key material,
 * with libsignal's generated keys and clock injected. Sent ciphertexts, decrypted plaintexts, refused messages and
 * the stored session record after every step must match what Baileys' libsignal produced.
 */
class FullReplayTest {
    private static final StepReplay.Counts COUNTS = new StepReplay.Counts();

    @Test
    void everyConversationReplaysByteForByte() {
        int steps = 0;
        int records = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            Map<String, Party> parties = SignalVectors.parties(conversation);
            for (JsonNode step : conversation.get("steps")) {
                Party party = parties.get(step.get("party").asText());
                Party peer = parties.get(step.get("peer").asText());
                StepReplay.run(conversation, step, party, peer.address, COUNTS);
                StepReplay.assertRecordMatches(conversation, step, party, peer.address);
                steps++;
                records++;
            }
            assertSessionsStillWork(conversation, parties);
        }
        JsonNode stats = SignalVectors.file().get("description").get("stats");
        assertThat(steps).isEqualTo(stats.get("steps").asInt());
        assertThat(COUNTS.get("build-session")).isEqualTo(stats.get("buildSession").asInt());
        assertThat(COUNTS.get("send pkmsg")).isEqualTo(stats.get("sendPkmsg").asInt());
        assertThat(COUNTS.get("send msg")).isEqualTo(stats.get("sendMsg").asInt());
        assertThat(COUNTS.get("decrypt pkmsg") + COUNTS.get("decrypt msg")).isEqualTo(stats.get("receiveDecrypt").asInt());
        assertThat(COUNTS.get("fail pkmsg") + COUNTS.get("fail msg")).isEqualTo(stats.get("receiveFail").asInt());
        Vectors.report(SignalVectors.FILE, "conversations[].steps (full replay)", steps);
        Vectors.report(SignalVectors.FILE, "conversations[].steps sessionAfter compared", records);
        Vectors.report(SignalVectors.FILE, "full replay build-session", COUNTS.get("build-session"));
        Vectors.report(SignalVectors.FILE, "full replay send pkmsg", COUNTS.get("send pkmsg"));
        Vectors.report(SignalVectors.FILE, "full replay send msg", COUNTS.get("send msg"));
        Vectors.report(SignalVectors.FILE, "full replay receive decrypt", COUNTS.get("decrypt pkmsg") + COUNTS.get("decrypt msg"));
        Vectors.report(SignalVectors.FILE, "full replay receive fail", COUNTS.get("fail pkmsg") + COUNTS.get("fail msg"));
        Vectors.report(SignalVectors.FILE, "round trips after the transcript", COUNTS.get("extra round trip"));
    }

    /**
     * After the transcript, every pair that holds sessions both ways still talks, with fresh random keys. In conv-4
     * this is where libsignal-node's stored failed attempt would break Bob's next message to Alice.
     */
    private static void assertSessionsStillWork(JsonNode conversation, Map<String, Party> parties) {
        List<Party> all = new ArrayList<>(parties.values());
        all.forEach(party -> party.keys.switchToRandom());
        for (Party sender : all) {
            for (Party receiver : all) {
                if (sender != receiver && sender.cipher.hasOpenSession(receiver.address)
                        && receiver.store.loadSession(sender.address).isPresent()) {
                    byte[] padded = MessagePadding.pad(("after " + conversation.get("name").asText()).getBytes(StandardCharsets.UTF_8), 3);
                    EncryptedMessage message = sender.cipher.encrypt(receiver.address, padded);
                    assertThat(receiver.cipher.decrypt(sender.address, message)).isEqualTo(padded);
                    COUNTS.add("extra round trip");
                }
            }
        }
    }
}
