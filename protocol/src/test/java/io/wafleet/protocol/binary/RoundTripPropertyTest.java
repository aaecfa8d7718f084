package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** encode then decode gives back every well-formed node, string content compared through its UTF-8. */
class RoundTripPropertyTest {
    private static final long SEED = 0x5EED_2026L;
    private static final int NODES = 3_000;

    @Test
    void randomNodesSurviveEncodeThenDecode() {
        RandomNodes random = new RandomNodes(SEED);
        for (int i = 0; i < NODES; i++) {
            Node node = random.node(4);
            byte[] encoded = BinaryNodes.encode(node);
            Node decoded = BinaryNodes.decode(encoded);
            assertThat(VectorNodes.describeContentAsBytes(decoded)).as("node %d: %s", i, node)
                    .isEqualTo(VectorNodes.describeContentAsBytes(node));
            assertThat(BinaryNodes.encode(decoded)).as("re-encoding of node %d", i).isEqualTo(encoded);
        }
    }

    @Test
    void byteContentStaysBytesAndStringAttributesStayStrings() {
        RandomNodes random = new RandomNodes(SEED + 1);
        for (int i = 0; i < 500; i++) {
            byte[] payload = random.string().getBytes(StandardCharsets.UTF_8);
            String value = random.string();
            Node node = Node.builder("enc").attr("v", value).bytes(payload).build();
            Node decoded = BinaryNodes.decode(BinaryNodes.encode(node));
            assertThat(decoded).isEqualTo(node);
            assertThat(decoded.content()).isInstanceOf(NodeContent.Bytes.class);
        }
    }
}
