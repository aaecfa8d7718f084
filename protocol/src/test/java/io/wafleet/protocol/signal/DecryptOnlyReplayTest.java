package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Check 2 of the vector README: a party that never builds a session (every bob) replays only its receive steps,
 * from its key material and no session, with the ratchet keys it generated injected.
 */
class DecryptOnlyReplayTest {

    @Test
    void respondersDecryptTheirWholeTranscriptFromKeyMaterial() {
        StepReplay.Counts counts = new StepReplay.Counts();
        int parties = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            Set<String> builders = new HashSet<>();
            conversation.get("steps").forEach(step -> {
                if ("build-session".equals(step.get("action").asText())) {
                    builders.add(step.get("party").asText());
                }
            });
            Map<String, Party> all = SignalVectors.parties(conversation);
            for (Map.Entry<String, JsonNode> entry : conversation.get("parties").properties()) {
                if (builders.contains(entry.getKey())) {
                    continue;
                }
                Party party = SignalVectors.party(entry.getValue(), Optional.empty());
                for (JsonNode step : conversation.get("steps")) {
                    if (step.get("party").asText().equals(entry.getKey()) && "receive".equals(step.get("action").asText())) {
                        StepReplay.run(conversation, step, party, all.get(step.get("peer").asText()).address, counts);
                    }
                }
                parties++;
            }
        }
        int decrypts = counts.get("decrypt pkmsg") + counts.get("decrypt msg");
        int failures = counts.get("fail pkmsg") + counts.get("fail msg");
        assertThat(parties).isPositive();
        assertThat(decrypts).isPositive();
        Vectors.report(SignalVectors.FILE, "decrypt-only parties", parties);
        Vectors.report(SignalVectors.FILE, "decrypt-only receive decrypt", decrypts);
        Vectors.report(SignalVectors.FILE, "decrypt-only receive fail", failures);
    }
}
