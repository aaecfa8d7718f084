package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wafleet.protocol.proto.ClientPayload;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientPayloadsTest {

    private static final ClientConfig DEFAULTS = ClientConfig.defaults();

    @Test
    void registrationWritesIdsBigEndianAtTheirFixedWidths() {
        RegistrationData keys = new RegistrationData(0x01020304, new byte[32], 0xABCDEF, new byte[32], new byte[64]);

        ClientPayload.DevicePairingRegistrationData pairing = ClientPayloads.registration(keys, DEFAULTS).getDevicePairingData();

        assertThat(HexFormat.of().formatHex(pairing.getERegid().toByteArray())).isEqualTo("01020304");
        assertThat(HexFormat.of().formatHex(pairing.getESkeyId().toByteArray())).isEqualTo("abcdef");
        assertThat(pairing.getEKeytype().toByteArray()).containsExactly(0x05);
    }

    @Test
    void loginWithoutDeviceLeavesTheDeviceFieldOut() {
        ClientPayload payload = ClientPayloads.login("15550000001@s.whatsapp.net", DEFAULTS);

        assertThat(payload.getUsername()).isEqualTo(15550000001L);
        assertThat(payload.hasDevice()).isFalse();
    }

    @Test
    void loginFromJidEqualsLoginFromNumbers() {
        assertThat(ClientPayloads.login("15550000001:7@s.whatsapp.net", DEFAULTS))
                .isEqualTo(ClientPayloads.login(15550000001L, 7, DEFAULTS));
    }

    @Test
    void emptyPushNameIsNotSent() {
        ClientConfig config = new ClientConfig(WebVersion.DEFAULT, Browser.macOS("Chrome"), true, Optional.of("US"), Optional.of(""));

        assertThat(ClientPayloads.login(15550000001L, 1, config).hasPushName()).isFalse();
    }

    @Test
    void absentCountryCodeIsNotSent() {
        ClientConfig config = new ClientConfig(WebVersion.DEFAULT, Browser.macOS("Chrome"), true, Optional.empty(), Optional.empty());

        assertThat(ClientPayloads.login(15550000001L, 1, config).getUserAgent().hasLocaleCountryIso31661Alpha2()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "15550000001", "@s.whatsapp.net", "abc@s.whatsapp.net", "15550000001:x@s.whatsapp.net",
        "15550000001:@s.whatsapp.net", "15550000001@lid", "15550000001:1@g.us", "015550000001@s.whatsapp.net",
        "1234567890123456@s.whatsapp.net", "15550000001:1234567890@s.whatsapp.net",
    })
    void loginRejectsJidsThatAreNotAPhoneNumberDevice(String jid) {
        assertThatThrownBy(() -> ClientPayloads.login(jid, DEFAULTS)).isInstanceOf(ClientFormatException.class);
    }

    @Test
    void loginRejectsImpossibleNumbers() {
        assertThatThrownBy(() -> ClientPayloads.login(0, 1, DEFAULTS)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> ClientPayloads.login(15550000001L, -1, DEFAULTS)).isInstanceOf(ClientFormatException.class);
    }

    @Test
    void registrationDataRejectsWrongSizes() {
        assertThatThrownBy(() -> new RegistrationData(1, new byte[33], 1, new byte[32], new byte[64]))
                .isInstanceOf(ClientFormatException.class).hasMessageContaining("identity public key");
        assertThatThrownBy(() -> new RegistrationData(1, new byte[32], 1, new byte[31], new byte[64]))
                .isInstanceOf(ClientFormatException.class).hasMessageContaining("signed pre-key public key");
        assertThatThrownBy(() -> new RegistrationData(1, new byte[32], 1, new byte[32], new byte[63]))
                .isInstanceOf(ClientFormatException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> new RegistrationData(1, new byte[32], 1 << 24, new byte[32], new byte[64]))
                .isInstanceOf(ClientFormatException.class).hasMessageContaining("24 bits");
        assertThatThrownBy(() -> new RegistrationData(-1, new byte[32], 1, new byte[32], new byte[64]))
                .isInstanceOf(ClientFormatException.class).hasMessageContaining("registration id");
    }
}
