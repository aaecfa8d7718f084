package io.wafleet.protocol.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Session files that are not what libsignal-node writes are refused with a reason, never half-converted. */
class LibsignalSessionConverterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusesFilesThatAreNotV1SessionRecords() {
        assertRefused("not json");
        assertRefused("[]");
        assertRefused("{\"_sessions\":{},\"version\":\"v0\"}");
        assertRefused("{\"_sessions\":{}}");
        assertThat(SessionRecordCodec.decode(LibsignalSessionConverter.toStoredRecord("{\"_sessions\":{},\"version\":\"v1\"}")).isEmpty()).isTrue();
    }

    @Test
    void refusesInconsistentEntries() throws Exception {
        String genuine = someSessionFile();
        assertRefused(edit(genuine, entry -> ((ObjectNode) entry.get("currentRatchet")).put("rootKey", "AAAA")));
        assertRefused(edit(genuine, entry -> ((ObjectNode) entry.get("indexInfo")).put("baseKeyType", 3)));
        assertRefused(edit(genuine, entry -> ((ObjectNode) entry.get("indexInfo")).remove("remoteIdentityKey")));
        assertRefused(edit(genuine, entry -> ((ObjectNode) entry.get("currentRatchet").get("ephemeralKeyPair"))
                .put("privKey", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
        assertRefused(edit(genuine, entry -> entry.get("_chains").properties().forEach(chain ->
                ((ObjectNode) chain.getValue()).put("chainType", 7))));
    }

    private static String someSessionFile() {
        for (JsonNode conversation : SignalVectors.conversations()) {
            for (JsonNode step : conversation.get("steps")) {
                if (!step.get("sessionAfter").isNull()) {
                    return step.get("sessionAfter").asText();
                }
            }
        }
        throw new IllegalStateException("no session file in the vectors");
    }

    private static String edit(String file, java.util.function.Consumer<JsonNode> change) throws Exception {
        JsonNode root = JSON.readTree(file);
        root.get("_sessions").properties().forEach(entry -> change.accept(entry.getValue()));
        return JSON.writeValueAsString(root);
    }

    private static void assertRefused(String file) {
        assertThatThrownBy(() -> LibsignalSessionConverter.toStoredRecord(file))
                .isInstanceOfSatisfying(SignalException.class, e -> assertThat(e.reason()).isEqualTo(SignalException.Reason.MALFORMED));
    }
}
