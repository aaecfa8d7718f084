package io.wafleet.server.ops;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneMaskingTest {

    @Test
    void masksPhoneNumbersInTheOperatorStyle() {
        assertThat(PhoneMasking.maskPhone("40712345612")).isEqualTo("+40 7** *** *12");
        assertThat(PhoneMasking.maskAll("call +40712345612 now")).isEqualTo("call +40 7** *** *12 now");
        assertThat(PhoneMasking.maskAll("call +40 712 345 612.")).isEqualTo("call +40 7** *** *12.");
        assertThat(PhoneMasking.maskAll("bare 40712345612 here")).isEqualTo("bare +40 7** *** *12 here");
    }

    @Test
    void masksJidUserPartsAndKeepsTheirShape() {
        assertThat(PhoneMasking.maskAll("from 40712345612:12@s.whatsapp.net ok"))
                .isEqualTo("from 407******12:12@s.whatsapp.net ok");
        assertThat(PhoneMasking.maskAll("<iq to=\"40712345612@c.us\"/>")).isEqualTo("<iq to=\"407******12@c.us\"/>");
        assertThat(PhoneMasking.maskAll("lid 123456789012345@lid")).isEqualTo("lid 123**********45@lid");
        assertThat(PhoneMasking.phoneOfJid("40712345612:3@s.whatsapp.net")).contains("+40 7** *** *12");
        assertThat(PhoneMasking.phoneOfJid("123456789012345@lid")).isEmpty();
    }

    @Test
    void leavesOrdinaryLogTextAlone() {
        String line = "2026-11-27T07:25:42.858Z INFO [main] WA-01 port 8080 pid 96541 took 1234 ms, 515 restart-required";
        assertThat(PhoneMasking.maskAll(line)).isEqualTo(line);
        assertThat(PhoneMasking.maskAll("+40 7** *** *12")).isEqualTo("+40 7** *** *12");
        assertThat(PhoneMasking.maskAll(null)).isNull();
    }

    @Test
    void maskingIsIdempotent() {
        String once = PhoneMasking.maskAll("a +40712345612 b 40712345612@s.whatsapp.net c 4412345678901");
        assertThat(PhoneMasking.maskAll(once)).isEqualTo(once);
        assertThat(once).doesNotContainPattern("\\d{6,}");
    }
}
