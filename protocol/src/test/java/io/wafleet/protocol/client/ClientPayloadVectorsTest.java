package io.wafleet.protocol.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.TextFormat;
import io.wafleet.protocol.proto.ClientPayload;
import io.wafleet.protocol.proto.DeviceProps;
import io.wafleet.protocol.testing.Vectors;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ClientPayload Baileys built for client-payload.json, and the ones inside the Noise handshake
 * transcripts, rebuilt from the same creds and config.
 */
class ClientPayloadVectorsTest {

    private static final String FILE = "client-payload.json";

    @TestFactory
    Stream<DynamicTest> everyCaseIsByteExact() {
        JsonNode vectors = Vectors.load(FILE);
        List<JsonNode> cases = StreamSupport.stream(vectors.get("cases").spliterator(), false).toList();
        assertThat(cases).isNotEmpty();
        Vectors.report(FILE, "cases (registration)", countKind(cases, "registration"));
        Vectors.report(FILE, "cases (login)", countKind(cases, "login"));
        RegistrationData keys = registrationData(vectors.get("creds"));
        return cases.stream().map(vector -> dynamicTest(vector.get("name").asText(), () -> check(vector, keys)));
    }

    @TestFactory
    Stream<DynamicTest> handshakeTranscriptPayloadsAreByteExact() {
        String file = "noise-handshake.json";
        List<JsonNode> transcripts = StreamSupport.stream(Vectors.load(file).get("transcripts").spliterator(), false).toList();
        assertThat(transcripts).isNotEmpty();
        Vectors.report(file, "transcripts[].clientFinish.clientPayloadHex", transcripts.size());
        return transcripts.stream().map(transcript -> dynamicTest(transcript.get("name").asText(), () -> {
            JsonNode creds = transcript.get("creds");
            ClientConfig config = config(transcript.get("config"));
            String kind = transcript.get("clientPayloadKind").asText();
            ClientPayload built = switch (kind) {
                case "registration" -> ClientPayloads.registration(registrationData(creds), config);
                case "login" -> ClientPayloads.login(creds.get("me").get("id").asText(), config);
                default -> throw new IllegalStateException("unknown payload kind " + kind);
            };
            assertSamePayload(built, Vectors.hex(transcript.get("clientFinish").get("clientPayloadHex")));
        }));
    }

    private static void check(JsonNode vector, RegistrationData keys) throws InvalidProtocolBufferException {
        ClientConfig config = config(vector.get("config"));
        String kind = vector.get("kind").asText();
        ClientPayload built = switch (kind) {
            case "registration" -> ClientPayloads.registration(keys, config);
            case "login" -> ClientPayloads.login(vector.get("meId").asText(), config);
            default -> throw new IllegalStateException("unknown case kind " + kind);
        };
        byte[] expected = Vectors.hex(vector.get("payloadHex"));
        assertSamePayload(built, expected);

        if (kind.equals("registration")) {
            assertThat(Vectors.toHex(config.version().buildHash())).as("build hash")
                    .isEqualTo(vector.get("buildHashHex").asText());
        }
        if (kind.equals("login") && vector.get("meId").asText().contains(":")) {
            ClientPayload fromNumbers = ClientPayloads.login(built.getUsername(), built.getDevice(), config);
            assertThat(fromNumbers.toByteArray()).as("login from user and device").isEqualTo(expected);
        }
    }

    private static void assertSamePayload(ClientPayload built, byte[] expected) throws InvalidProtocolBufferException {
        // Decoded first, so that a mismatch shows which field differs rather than two hex strings.
        assertThat(describe(built.toByteArray())).as("decoded payload").isEqualTo(describe(expected));
        assertThat(Vectors.toHex(built.toByteArray())).as("payload bytes").isEqualTo(Vectors.toHex(expected));
    }

    /** The payload as protobuf text, with the DeviceProps nested in the pairing data decoded too. */
    private static String describe(byte[] payloadBytes) throws InvalidProtocolBufferException {
        ClientPayload payload = ClientPayload.parseFrom(payloadBytes);
        String text = TextFormat.printer().printToString(payload);
        if (payload.hasDevicePairingData()) {
            DeviceProps props = DeviceProps.parseFrom(payload.getDevicePairingData().getDeviceProps());
            text += "# deviceProps decoded:\n" + TextFormat.printer().printToString(props);
        }
        return text;
    }

    private static int countKind(List<JsonNode> cases, String kind) {
        return (int) cases.stream().filter(vector -> vector.get("kind").asText().equals(kind)).count();
    }

    private static RegistrationData registrationData(JsonNode creds) {
        JsonNode signedPreKey = creds.get("signedPreKey");
        return new RegistrationData(
                creds.get("registrationId").asInt(),
                Vectors.hex(creds.get("signedIdentityKey").get("publicHex")),
                signedPreKey.get("keyId").asInt(),
                Vectors.hex(signedPreKey.get("keyPair").get("publicHex")),
                Vectors.hex(signedPreKey.get("signatureHex")));
    }

    private static ClientConfig config(JsonNode config) {
        JsonNode version = config.get("version");
        JsonNode browser = config.get("browser");
        return new ClientConfig(
                new WebVersion(version.get(0).asInt(), version.get(1).asInt(), version.get(2).asInt()),
                new Browser(browser.get(0).asText(), browser.get(1).asText(), browser.get(2).asText()),
                config.get("syncFullHistory").asBoolean(),
                optionalText(config.get("countryCode")),
                optionalText(config.get("pushName")));
    }

    private static Optional<String> optionalText(JsonNode node) {
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
