package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.util.Base64;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every pairing QR string of qr.json: built exactly, and read back by the phone's parser. */
class QrVectorsTest {

    private static final String FILE = "qr.json";

    @TestFactory
    Stream<DynamicTest> everyCaseBuildsAndParses() {
        List<JsonNode> cases = StreamSupport.stream(Vectors.load(FILE).get("cases").spliterator(), false).toList();
        assertThat(cases).isNotEmpty();
        Vectors.report(FILE, "cases", cases.size());
        return cases.stream().map(vector -> dynamicTest(vector.get("name").asText(), () -> check(vector)));
    }

    private static void check(JsonNode vector) {
        String ref = vector.get("ref").asText();
        byte[] noise = Vectors.hex(vector.get("noisePublicHex"));
        byte[] identity = Vectors.hex(vector.get("identityPublicHex"));
        String advSecret = vector.get("advSecretKeyBase64").asText();
        JsonNode tuple = vector.get("browser");
        Browser browser = new Browser(tuple.get(0).asText(), tuple.get(1).asText(), tuple.get(2).asText());
        int platformId = Integer.parseInt(vector.get("companionPlatformId").asText());
        String expectedQr = vector.get("qr").asText();

        assertThat(browser.companionPlatformId()).as("companion platform id").isEqualTo(platformId);
        assertThat(PairingQr.build(ref, noise, identity, advSecret, browser)).isEqualTo(expectedQr);

        PairingQrData expected = new PairingQrData(ref, noise, identity, Base64.getDecoder().decode(advSecret), OptionalInt.of(platformId));
        assertThat(PairingQr.parse(expectedQr)).as("parsed link form").isEqualTo(expected);
        String bareForm = expectedQr.substring(PairingQr.LINK_PREFIX.length());
        assertThat(PairingQr.parse(bareForm)).as("parsed bare form").isEqualTo(expected);
    }
}
