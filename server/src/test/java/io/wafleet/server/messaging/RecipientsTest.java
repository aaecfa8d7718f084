package io.wafleet.server.messaging;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecipientsTest {

    @Test
    void phoneNumbersAndUserJidsBecomeUserJids() {
        assertThat(Recipients.toJid("+40 712 345 612")).isEqualTo("40712345612@s.whatsapp.net");
        assertThat(Recipients.toJid("+1 (555) 000-0001")).isEqualTo("15550000001@s.whatsapp.net");
        assertThat(Recipients.toJid("40712345612")).isEqualTo("40712345612@s.whatsapp.net");
        assertThat(Recipients.toJid("40712345612@s.whatsapp.net")).isEqualTo("40712345612@s.whatsapp.net");
        assertThat(Recipients.toJid("40712345612@c.us")).isEqualTo("40712345612@s.whatsapp.net");
        assertThat(Recipients.toJid("123456789012345@lid")).isEqualTo("123456789012345@lid");
    }

    @Test
    void groupsDevicesAndNonsenseAreRefusedWithoutEchoingTheNumber() {
        for (String bad : List.of("", " ", "hello", "+0712345612", "123", "1234567890123456", "120363025246125486@g.us",
                "40712345612:3@s.whatsapp.net", "status@broadcast", "40712345612@example.com")) {
            assertThatThrownBy(() -> Recipients.toJid(bad)).as(bad).isInstanceOf(InvalidMessageException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("40712345612"));
        }
        assertThatThrownBy(() -> Recipients.toJid(null)).isInstanceOf(InvalidMessageException.class);
    }
}
