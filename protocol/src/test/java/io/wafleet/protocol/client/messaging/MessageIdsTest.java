package io.wafleet.protocol.client.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.InstantSource;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void idsHaveWhatsAppWebsShapeAndDoNotRepeat() {
        MessageIds ids = new MessageIds("15550000001", InstantSource.system());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertThat(id).startsWith("3EB0").hasSize(22).matches("3EB0[0-9A-F]{18}");
            assertThat(MessageIds.looksGenerated(id)).isTrue();
            seen.add(id);
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void otherShapesAreNotMistakenForGeneratedIds() {
        assertThat(MessageIds.looksGenerated("3EB0abc")).isFalse();
        assertThat(MessageIds.looksGenerated("ABCD" + "0".repeat(18))).isFalse();
        assertThat(MessageIds.looksGenerated("3EB0" + "g".repeat(18))).isFalse();
    }
}
