package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Base64;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairingQrTest {

    private static final String REF = "2@c2ltdWxhdG9yLXJlZg==";
    private static final byte[] NOISE = filled(32, 0x11);
    private static final byte[] IDENTITY = filled(32, 0x22);
    private static final byte[] ADV_SECRET = filled(32, 0x33);
    private static final String NOISE_B64 = base64(NOISE);
    private static final String IDENTITY_B64 = base64(IDENTITY);
    private static final String ADV_B64 = base64(ADV_SECRET);

    @Test
    void readsTheBareFourFieldFormWithoutPlatformId() {
        PairingQrData data = PairingQr.parse(String.join(",", REF, NOISE_B64, IDENTITY_B64, ADV_B64));

        assertThat(data).isEqualTo(new PairingQrData(REF, NOISE, IDENTITY, ADV_SECRET, OptionalInt.empty()));
    }

    @Test
    void roundTripsWhatItBuilds() {
        String qr = PairingQr.build(REF, NOISE, IDENTITY, ADV_B64, Browser.windows("Desktop"));

        assertThat(qr).startsWith(PairingQr.LINK_PREFIX);
        assertThat(PairingQr.parse(qr)).isEqualTo(new PairingQrData(REF, NOISE, IDENTITY, ADV_SECRET, OptionalInt.of(8)));
    }

    @Test
    void toStringRevealsNeitherRefNorKeys() {
        PairingQrData data = PairingQr.parse(PairingQr.build(REF, NOISE, IDENTITY, ADV_B64, Browser.macOS("Chrome")));

        assertThat(data.toString())
                .doesNotContain(REF, NOISE_B64, IDENTITY_B64, ADV_B64, "1111", "2222", "3333")
                .contains("platformId=1");
    }

    @Test
    void returnedKeysAreCopies() {
        PairingQrData data = PairingQr.parse(String.join(",", REF, NOISE_B64, IDENTITY_B64, ADV_B64));

        data.advSecret()[0] ^= 1;

        assertThat(data.advSecret()).isEqualTo(ADV_SECRET);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        PairingQr.LINK_PREFIX,
        "only,three,fields",
        "a,b,c,d,e,f",
    })
    void rejectsTheWrongNumberOfFields(String qr) {
        assertThatThrownBy(() -> PairingQr.parse(qr))
                .isInstanceOf(ClientFormatException.class)
                .hasMessageContaining("field");
    }

    @Test
    void rejectsAnEmptyRef() {
        assertRejected(String.join(",", "", NOISE_B64, IDENTITY_B64, ADV_B64, "1"), "ref");
    }

    @Test
    void rejectsKeysThatAreNotBase64() {
        assertRejected(String.join(",", REF, "not base64!", IDENTITY_B64, ADV_B64, "1"), "noise public key");
        assertRejected(String.join(",", REF, NOISE_B64, "%%%%", ADV_B64, "1"), "identity public key");
        assertRejected(String.join(",", REF, NOISE_B64, IDENTITY_B64, "-_-_", "1"), "adv secret");
    }

    @Test
    void rejectsKeysOfTheWrongLength() {
        assertRejected(String.join(",", REF, base64(new byte[31]), IDENTITY_B64, ADV_B64, "1"), "noise public key must be 32 bytes");
        assertRejected(String.join(",", REF, NOISE_B64, base64(new byte[33]), ADV_B64, "1"), "identity public key must be 32 bytes");
        assertRejected(String.join(",", REF, NOISE_B64, IDENTITY_B64, base64(new byte[16]), "1"), "adv secret must be 32 bytes");
        assertRejected(String.join(",", REF, "", IDENTITY_B64, ADV_B64, "1"), "noise public key must be 32 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "-1", "+1", "1.0", " 1", "1234567890"})
    void rejectsAPlatformIdThatIsNotASmallDecimalNumber(String platformId) {
        assertRejected(String.join(",", REF, NOISE_B64, IDENTITY_B64, ADV_B64, platformId), "platform id");
    }

    @Test
    void rejectsTextLongerThanAQrCodeCanHold() {
        String qr = String.join(",", REF + "A".repeat(PairingQr.MAX_LENGTH), NOISE_B64, IDENTITY_B64, ADV_B64, "1");

        assertRejected(qr, "more than a QR code can hold");
    }

    @Test
    void errorMessagesDoNotQuoteTheSecretFields() {
        String corruptedSecret = ADV_B64.substring(0, 10) + "!" + ADV_B64.substring(11);

        assertThatThrownBy(() -> PairingQr.parse(String.join(",", REF, NOISE_B64, IDENTITY_B64, corruptedSecret, "1")))
                .isInstanceOf(ClientFormatException.class)
                .hasNoCause()
                .message().doesNotContain(corruptedSecret, REF);
    }

    @Test
    void buildRejectsInputThePhoneCouldNotRead() {
        Browser chrome = Browser.macOS("Chrome");
        assertThatThrownBy(() -> PairingQr.build("a,b", NOISE, IDENTITY, ADV_B64, chrome)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> PairingQr.build("", NOISE, IDENTITY, ADV_B64, chrome)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> PairingQr.build(REF, new byte[33], IDENTITY, ADV_B64, chrome)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> PairingQr.build(REF, NOISE, new byte[0], ADV_B64, chrome)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> PairingQr.build(REF, NOISE, IDENTITY, "not base64!", chrome)).isInstanceOf(ClientFormatException.class);
        assertThatThrownBy(() -> PairingQr.build(REF, NOISE, IDENTITY, base64(new byte[16]), chrome)).isInstanceOf(ClientFormatException.class);
    }

    private static void assertRejected(String qr, String messagePart) {
        assertThatThrownBy(() -> PairingQr.parse(qr))
                .isInstanceOf(ClientFormatException.class)
                .hasMessageContaining(messagePart);
    }

    private static byte[] filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
