package io.wafleet.protocol.jid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JidMaskingTest {
    @Test
    void keepsThreeLeadingAndTwoTrailingDigitsOfTheUserPartOnly() {
        assertThat(JidMasking.mask("40712345612:3@s.whatsapp.net")).isEqualTo("407******12:3@s.whatsapp.net");
        assertThat(JidMasking.mask("40712345612@s.whatsapp.net")).isEqualTo("407******12@s.whatsapp.net");
        assertThat(JidMasking.mask("40712345612")).isEqualTo("407******12");
    }

    @Test
    void leavesShortUsersAndNonDigitsAlone() {
        assertThat(JidMasking.mask("12345@lid")).isEqualTo("12345@lid");
        assertThat(JidMasking.mask("status@broadcast")).isEqualTo("status@broadcast");
    }
}
