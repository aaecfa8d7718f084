package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Check 3 of the vector README: for every step that starts from a stored Baileys session file, convert
 * {@code sessionBefore} into our record, run the step from there, and compare the outcome and the record with
 * libsignal's {@code sessionAfter} (converted too).
 */
class ConverterReplayTest {

    @Test
    void everyStepRunsFromTheConvertedBaileysRecord() {
        StepReplay.Counts counts = new StepReplay.Counts();
        int steps = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            Map<String, Party> initial = SignalVectors.parties(conversation);
            for (JsonNode step : conversation.get("steps")) {
                if (step.get("sessionBefore").isNull()) {
                    continue;
                }
                JsonNode partyNode = conversation.get("parties").get(step.get("party").asText());
                Optional<java.util.Set<Integer>> preKeys = step.has("preKeyIdsBefore")
                        ? Optional.of(SignalVectors.ids(step.get("preKeyIdsBefore")))
                        : Optional.empty();
                Party party = SignalVectors.party(partyNode, preKeys);
                SignalAddress peer = initial.get(step.get("peer").asText()).address;
                party.store.putSession(peer, LibsignalSessionConverter.toStoredRecord(step.get("sessionBefore").asText()));
                StepReplay.run(conversation, step, party, peer, counts);
                StepReplay.assertRecordMatches(conversation, step, party, peer);
                steps++;
            }
        }
        assertThat(steps).isPositive();
        Vectors.report(SignalVectors.FILE, "converted sessionBefore, steps run", steps);
        Vectors.report(SignalVectors.FILE, "converted sessionBefore, sends", counts.get("send pkmsg") + counts.get("send msg"));
        Vectors.report(SignalVectors.FILE, "converted sessionBefore, decrypts", counts.get("decrypt pkmsg") + counts.get("decrypt msg"));
        Vectors.report(SignalVectors.FILE, "converted sessionBefore, refusals", counts.get("fail pkmsg") + counts.get("fail msg"));
    }

    @Test
    void everyStoredSessionFileConvertsAndSurvivesOurEncoding() {
        int files = 0;
        for (JsonNode conversation : SignalVectors.conversations()) {
            for (JsonNode step : conversation.get("steps")) {
                for (String field : new String[] {"sessionBefore", "sessionAfter"}) {
                    if (!step.get(field).isNull()) {
                        byte[] stored = LibsignalSessionConverter.toStoredRecord(step.get(field).asText());
                        assertThat(SessionRecordCodec.encode(SessionRecordCodec.decode(stored))).isEqualTo(stored);
                        files++;
                    }
                }
            }
        }
        Vectors.report(SignalVectors.FILE, "session files converted", files);
    }
}
