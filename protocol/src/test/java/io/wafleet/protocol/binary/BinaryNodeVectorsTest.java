package io.wafleet.protocol.binary;

import static io.wafleet.protocol.binary.VectorNodes.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.crypto.Hashes;
import io.wafleet.protocol.testing.Vectors;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

class BinaryNodeVectorsTest {
    private static final String FILE_NAME = "binary-node.json";
    private static final JsonNode FILE = Vectors.load(FILE_NAME);
    private static final Pattern BYTE_PATTERN = Pattern.compile("byte\\[i] = i mod (\\d+)");
    private static final Pattern CHAR_PATTERN = Pattern.compile("char\\[i] = '([^']+)'\\[i mod (\\d+)]");

    @Test
    void encodesAndDecodesEveryCase() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("cases")) {
            String name = c.get("name").asText();
            Node node = VectorNodes.fromJson(c.get("node"));
            String encodedHex = c.get("encodedHex").asText();
            if (c.get("category").asText().equals("quirk")) {
                checkQuirk(softly, name, node, encodedHex, c.get("decoded"));
            } else {
                softly.assertThat(Vectors.toHex(BinaryNodes.encode(node))).as("encoding of %s", name).isEqualTo(encodedHex);
                softly.assertThat(Vectors.toHex(encodedInsideALargerArray(node))).as("encoding of %s at an offset", name).isEqualTo(encodedHex);
                checkDecoding(softly, name, c, node, Vectors.hex(encodedHex));
            }
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report(FILE_NAME, "cases", count);
    }

    /** Decoding matches {@code decoded} when given (raw string content comes back as bytes), else the input node. */
    private static void checkDecoding(SoftAssertions softly, String name, JsonNode c, Node node, byte[] encoded) {
        String roundTrip = c.get("roundTrip").asText();
        if (roundTrip.equals("decode-error")) {
            softly.assertThatThrownBy(() -> BinaryNodes.decode(encoded)).as("decoding of %s", name).isInstanceOf(MalformedNodeException.class);
            return;
        }
        Node expected = c.has("decoded") ? VectorNodes.fromJson(c.get("decoded")) : node;
        Node decoded = BinaryNodes.decode(encoded);
        softly.assertThat(describe(decoded)).as("decoding of %s", name).isEqualTo(describe(expected));
        if (roundTrip.equals("string-content-as-bytes")) {
            softly.assertThat(VectorNodes.describeContentAsBytes(decoded)).as("UTF-8 of the content of %s", name)
                    .isEqualTo(VectorNodes.describeContentAsBytes(node));
        }
    }

    /**
     * WhatsApp Web writes strings named like JavaScript object members ("constructor") as byte 0x00. We write the
     * real string, so our bytes differ and the node survives the round trip; decoding its bytes still matches it.
     */
    private static void checkQuirk(SoftAssertions softly, String name, Node node, String encodedHex, JsonNode decoded) {
        byte[] ours = BinaryNodes.encode(node);
        softly.assertThat(Vectors.toHex(ours)).as("quirk %s must not be reproduced", name).isNotEqualTo(encodedHex);
        softly.assertThat(describe(BinaryNodes.decode(ours))).as("round trip of quirk %s", name).isEqualTo(describe(node));
        softly.assertThat(describe(BinaryNodes.decode(Vectors.hex(encodedHex)))).as("decoding Baileys' bytes of %s", name)
                .isEqualTo(describe(VectorNodes.fromJson(decoded)));
    }

    @Test
    void decodesEveryCompressedFrame() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("compressedFrames")) {
            String name = c.get("name").asText();
            String expected = describe(VectorNodes.fromJson(c.get("decoded")));
            softly.assertThat(describe(BinaryNodes.decode(Vectors.hex(c.get("frameHex"))))).as("frame %s", name).isEqualTo(expected);
            byte[] inflated = Vectors.hex(c.get("inflatedHex"));
            byte[] plain = new byte[inflated.length + 1];
            System.arraycopy(inflated, 0, plain, 1, inflated.length);
            softly.assertThat(describe(BinaryNodes.decode(plain))).as("inflated %s", name).isEqualTo(expected);
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report(FILE_NAME, "compressedFrames", count);
    }

    @Test
    void decodesEveryDecodeOnlyForm() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("decodeOnly")) {
            Node decoded = BinaryNodes.decode(Vectors.hex(c.get("frameHex")));
            softly.assertThat(describe(decoded)).as("decode-only %s", c.get("name").asText())
                    .isEqualTo(describe(VectorNodes.fromJson(c.get("decoded"))));
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report(FILE_NAME, "decodeOnly", count);
    }

    @Test
    void rejectsEveryDecodeError() {
        SoftAssertions softly = new SoftAssertions();
        int count = 0;
        for (JsonNode c : FILE.get("decodeErrors")) {
            byte[] frame = Vectors.hex(c.get("frameHex"));
            softly.assertThatThrownBy(() -> BinaryNodes.decode(frame)).as("decode error %s", c.get("name").asText())
                    .isInstanceOf(MalformedNodeException.class);
            count++;
        }
        softly.assertAll();
        assertThat(count).isPositive();
        Vectors.report(FILE_NAME, "decodeErrors", count);
    }

    @Test
    void encodesEveryLargeCase() {
        int count = 0;
        for (JsonNode c : FILE.get("largeCases")) {
            String name = c.get("name").asText();
            Node node = generate(c.get("node"), c.get("generated"));
            byte[] encoded = BinaryNodes.encode(node);
            assertThat(encoded.length).as("length of %s", name).isEqualTo(c.get("encodedLength").asInt());
            assertThat(Vectors.toHex(Arrays.copyOf(encoded, 24))).as("head of %s", name).isEqualTo(c.get("encodedHeadHex").asText());
            assertThat(Vectors.toHex(Arrays.copyOfRange(encoded, encoded.length - 8, encoded.length))).as("tail of %s", name)
                    .isEqualTo(c.get("encodedTailHex").asText());
            assertThat(Vectors.toHex(Hashes.sha256(encoded))).as("SHA-256 of %s", name).isEqualTo(c.get("encodedSha256").asText());
            assertThat(c.get("roundTrip").asText()).isEqualTo("identical");
            assertThat(BinaryNodes.decode(encoded)).as("round trip of %s", name).isEqualTo(node);
            count++;
        }
        assertThat(count).isPositive();
        Vectors.report(FILE_NAME, "largeCases", count);
    }

    /** Completes the summarised node: generated attributes go after the listed ones, generated content replaces none. */
    private static Node generate(JsonNode nodeJson, JsonNode generated) {
        Node base = VectorNodes.fromJson(nodeJson);
        Map<String, String> attrs = new LinkedHashMap<>(base.attrs());
        NodeContent content = base.content();
        if (generated.has("attrs")) {
            generated.get("attrs").properties().forEach(e -> attrs.put(e.getKey(), generatedString(e.getValue())));
        }
        if (generated.has("content")) {
            content = NodeContent.bytes(generatedBytes(generated.get("content")));
        }
        return new Node(base.tag(), attrs, content);
    }

    private static byte[] generatedBytes(JsonNode spec) {
        assertThat(spec.get("type").asText()).isEqualTo("bytes");
        Matcher pattern = BYTE_PATTERN.matcher(spec.get("pattern").asText());
        assertThat(pattern.matches()).as("known byte pattern %s", spec.get("pattern")).isTrue();
        int modulus = Integer.parseInt(pattern.group(1));
        byte[] bytes = new byte[spec.get("length").asInt()];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i % modulus);
        }
        return bytes;
    }

    private static String generatedString(JsonNode spec) {
        assertThat(spec.get("type").asText()).isEqualTo("string");
        Matcher pattern = CHAR_PATTERN.matcher(spec.get("pattern").asText());
        assertThat(pattern.matches()).as("known string pattern %s", spec.get("pattern")).isTrue();
        String alphabet = pattern.group(1);
        int modulus = Integer.parseInt(pattern.group(2));
        StringBuilder text = new StringBuilder(spec.get("length").asInt());
        for (int i = 0; i < spec.get("length").asInt(); i++) {
            text.append(alphabet.charAt(i % modulus));
        }
        return text.toString();
    }

    /** What a transport frame does: the plaintext written behind a prefix, with room for a suffix. */
    private static byte[] encodedInsideALargerArray(Node node) {
        int length = BinaryNodes.encodedLength(node);
        byte[] frame = new byte[3 + length + 16];
        int written = BinaryNodes.encodeInto(node, frame, 3);
        assertThat(written).isEqualTo(length);
        return Arrays.copyOfRange(frame, 3, 3 + written);
    }
}
