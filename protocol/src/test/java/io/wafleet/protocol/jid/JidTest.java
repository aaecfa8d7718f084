package io.wafleet.protocol.jid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JidTest {
    @Test
    void constantsPrintTheirWireForm() {
        assertThat(Jid.SERVER).hasToString("@s.whatsapp.net");
        assertThat(Jid.STATUS_BROADCAST).hasToString("status@broadcast");
        assertThat(Jid.STATUS_BROADCAST.isStatusBroadcast()).isTrue();
    }

    @Test
    void devicesAreAddedAndRemoved() {
        Jid user = Jid.of("15550000001", JidServer.WHATSAPP);
        Jid device = user.withDevice(7);

        assertThat(device).hasToString("15550000001:7@s.whatsapp.net");
        assertThat(device.deviceId()).isEqualTo(7);
        assertThat(device.toNormalizedUser()).isEqualTo(user);
        assertThat(device.isSameUser(user)).isTrue();
        assertThat(user.deviceId()).isZero();
    }

    @Test
    void partsThatAreNotNumbersAreKeptApartFromAbsentOnes() {
        Jid notANumber = Jid.parse("1:x@s.whatsapp.net").orElseThrow();
        Jid absent = Jid.parse("1:@s.whatsapp.net").orElseThrow();

        assertThat(notANumber.device()).isEqualTo(JidNumber.NOT_A_NUMBER);
        assertThat(notANumber.deviceId()).isZero();
        assertThat(absent.device()).isEqualTo(JidNumber.ABSENT);
        assertThat(notANumber).hasToString("1@s.whatsapp.net");
    }

    @Test
    void agentReadsLeadingDigitsLikeParseInt() {
        assertThat(JidNumber.parseAgent("12x")).isEqualTo(JidNumber.of(12));
        assertThat(JidNumber.parseAgent("x12")).isEqualTo(JidNumber.NOT_A_NUMBER);
        assertThat(JidNumber.parseDevice("12x")).isEqualTo(JidNumber.NOT_A_NUMBER);
        assertThat(JidNumber.parseDevice("99999999999")).isEqualTo(JidNumber.NOT_A_NUMBER);
        assertThat(Jid.parse("1_128:2@s.whatsapp.net").orElseThrow().domainType()).hasValue(JidServer.DOMAIN_HOSTED);
    }

    @Test
    void stringsWithoutAnAtSignAreNotJids() {
        assertThat(Jid.parse("s.whatsapp.net")).isEmpty();
        assertThat(Jid.areSameUser("abc", "15550000001@s.whatsapp.net")).isFalse();
    }
}
