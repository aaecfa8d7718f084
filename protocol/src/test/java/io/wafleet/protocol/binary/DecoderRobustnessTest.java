package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/**
 * Hostile and damaged input: every frame must end in a node or a {@link MalformedNodeException}, never another
 * exception, a hang or a huge allocation. The timeouts are hang guards only, far above the real run time.
 */
class DecoderRobustnessTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final long SEED = 20_261_127L;
    private static final int RANDOM_FRAMES = 20_000;
    /** Bytes that steer random input into the decoder's interesting branches. */
    private static final int[] TAG_BYTES = {0x00, 0x01, 0x03, 0x11, 0x19, 0xEC, 0xEF, 0xF0, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0xFA, 0xFB, 0xFC, 0xFD, 0xFE, 0xFF};
    private static final int LARGEST_TRUNCATED_CASE = 4096;

    private int decoded;
    private int rejected;

    @Test
    void randomFramesDecodeOrAreRejected() {
        Random random = new Random(SEED);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < RANDOM_FRAMES; i++) {
                byte[] frame = new byte[random.nextInt(96)];
                for (int j = 0; j < frame.length; j++) {
                    frame[j] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : TAG_BYTES[random.nextInt(TAG_BYTES.length)]);
                }
                if (frame.length > 0 && random.nextInt(8) != 0) {
                    frame[0] = 0;
                }
                decodeOrReject(frame);
            }
        });
        assertThat(decoded + rejected).isEqualTo(RANDOM_FRAMES);
    }

    @Test
    void mutatedEncodingsOfRandomNodesDecodeOrAreRejected() {
        Random random = new Random(SEED + 2);
        RandomNodes nodes = new RandomNodes(SEED + 3);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < RANDOM_FRAMES; i++) {
                byte[] frame = BinaryNodes.encode(nodes.node(2));
                for (int mutations = 1 + random.nextInt(3); mutations > 0; mutations--) {
                    frame = mutate(frame, random);
                }
                decodeOrReject(frame);
            }
        });
        assertThat(decoded + rejected).isEqualTo(RANDOM_FRAMES);
        assertThat(decoded).as("mutations inside strings and bytes still decode").isPositive();
        assertThat(rejected).as("mutations of the structure are rejected").isPositive();
    }

    /** Flips, deletes or inserts one byte after the flags byte, or cuts the frame short. */
    private static byte[] mutate(byte[] frame, Random random) {
        if (frame.length < 2) {
            return frame;
        }
        int at = 1 + random.nextInt(frame.length - 1);
        return switch (random.nextInt(4)) {
            case 0 -> {
                byte[] flipped = frame.clone();
                flipped[at] ^= (byte) (1 + random.nextInt(255));
                yield flipped;
            }
            case 1 -> {
                byte[] shorter = new byte[frame.length - 1];
                System.arraycopy(frame, 0, shorter, 0, at);
                System.arraycopy(frame, at + 1, shorter, at, frame.length - at - 1);
                yield shorter;
            }
            case 2 -> {
                byte[] longer = new byte[frame.length + 1];
                System.arraycopy(frame, 0, longer, 0, at);
                longer[at] = (byte) TAG_BYTES[random.nextInt(TAG_BYTES.length)];
                System.arraycopy(frame, at, longer, at + 1, frame.length - at);
                yield longer;
            }
            default -> Arrays.copyOf(frame, at);
        };
    }

    @Test
    void everyTruncationOfAVectorEncodingIsRejected() {
        List<byte[]> encodings = vectorEncodings();
        int[] truncations = {0};
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (byte[] encoding : encodings) {
                for (int length = 0; length < encoding.length; length++) {
                    byte[] prefix = Arrays.copyOf(encoding, length);
                    assertThatThrownBy(() -> BinaryNodes.decode(prefix)).as("prefix %s", HexFormat.of().formatHex(prefix))
                            .isInstanceOf(MalformedNodeException.class);
                    truncations[0]++;
                }
            }
        });
        assertThat(truncations[0]).isGreaterThan(1_000);
    }

    @Test
    void flippedBytesInVectorEncodingsDecodeOrAreRejected() {
        Random random = new Random(SEED + 1);
        List<byte[]> encodings = vectorEncodings();
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (byte[] encoding : encodings) {
                for (int position = 1; position < encoding.length; position++) {
                    byte[] damaged = encoding.clone();
                    damaged[position] ^= (byte) (1 + random.nextInt(255));
                    decodeOrReject(damaged);
                }
            }
        });
        assertThat(decoded).as("damage in string bytes still decodes").isPositive();
        assertThat(rejected).as("damage in structure is rejected").isPositive();
    }

    @Test
    void declaredSizesBeyondTheInputAreRejectedBeforeAllocating() {
        String[] frames = {
            "00f8021dfeffffffff", // 4 GiB byte content
            "00f8021dfd0fffff00", // 1 MiB byte content, 1 byte present
            "00f80219f9ffff", // 65,535 children, none present
            "00f9ffff19", // 32,767 attributes, none present
            "00f8031908fb7f12", // packed string of 127 bytes, 1 present
            "00f8031908", // attribute key without its value
        };
        for (String hex : frames) {
            assertThatThrownBy(() -> BinaryNodes.decode(HexFormat.of().parseHex(hex))).as(hex).isInstanceOf(MalformedNodeException.class);
        }
    }

    @Test
    void nestingIsLimitedWithoutExhaustingTheStack() {
        ByteArrayOutputStream deepLists = new ByteArrayOutputStream();
        deepLists.write(0);
        for (int i = 0; i < 200_000; i++) {
            deepLists.writeBytes(new byte[] {(byte) 0xF8, 0x02, 0x19, (byte) 0xF8, 0x01});
        }
        byte[] deepJid = new byte[1_000_000];
        Arrays.fill(deepJid, (byte) WireTag.JID_PAIR);
        System.arraycopy(new byte[] {0x00, (byte) 0xF8, 0x02, 0x19}, 0, deepJid, 0, 4);

        assertThatThrownBy(() -> BinaryNodes.decode(deepLists.toByteArray())).isInstanceOf(MalformedNodeException.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> BinaryNodes.decode(deepJid)).isInstanceOf(MalformedNodeException.class).hasMessageContaining("nested");
    }

    @Test
    void nodesNestedUpToTheLimitDecode() {
        Node atLimit = nested(NodeDecoder.MAX_DEPTH);
        assertThat(BinaryNodes.decode(BinaryNodes.encode(atLimit))).isEqualTo(atLimit);
        assertThatThrownBy(() -> BinaryNodes.decode(BinaryNodes.encode(nested(NodeDecoder.MAX_DEPTH + 1))))
                .isInstanceOf(MalformedNodeException.class);
    }

    @Test
    void compressedFramesInflateOnlyUpToTheCap() {
        byte[] node = BinaryNodes.encode(Node.builder("enc").bytes(new byte[BinaryNodes.MAX_INFLATED_SIZE - 16]).build());
        byte[] justUnder = compressedFrame(Arrays.copyOfRange(node, 1, node.length));
        assertThat(BinaryNodes.decode(justUnder).contentBytes()).hasValueSatisfying(b -> assertThat(b).hasSize(BinaryNodes.MAX_INFLATED_SIZE - 16));

        byte[] bomb = compressedFrame(new byte[BinaryNodes.MAX_INFLATED_SIZE + 1]);
        assertThatThrownBy(() -> BinaryNodes.decode(bomb)).isInstanceOf(MalformedNodeException.class).hasMessageContaining("more than");
    }

    @Test
    void damagedCompressedFramesAreRejected() {
        byte[] frame = compressedFrame(Arrays.copyOfRange(BinaryNodes.encode(Node.of("iq", "type", "get")), 1, 3));
        byte[] truncated = Arrays.copyOf(frame, frame.length - 3);
        byte[] garbage = {0x02, 0x12, 0x34, 0x56};
        byte[] trailing = Arrays.copyOf(frame, frame.length + 1);

        for (byte[] bad : List.of(truncated, garbage, trailing, new byte[] {0x02})) {
            assertThatThrownBy(() -> BinaryNodes.decode(bad)).as(HexFormat.of().formatHex(bad)).isInstanceOf(MalformedNodeException.class);
        }
    }

    private static Node nested(int depth) {
        Node node = Node.of("iq");
        for (int level = 1; level < depth; level++) {
            node = Node.builder("iq").child(node).build();
        }
        return node;
    }

    private static byte[] compressedFrame(byte[] inflated) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        deflater.setInput(inflated);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x02);
        byte[] chunk = new byte[8192];
        while (!deflater.finished()) {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    /** The encodings of the vector cases that are small enough to truncate at every offset. */
    private static List<byte[]> vectorEncodings() {
        List<byte[]> encodings = new ArrayList<>();
        for (JsonNode c : Vectors.load("binary-node.json").get("cases")) {
            byte[] encoding = Vectors.hex(c.get("encodedHex").asText());
            if (encoding.length <= LARGEST_TRUNCATED_CASE) {
                encodings.add(encoding);
            }
        }
        return encodings;
    }

    /** Any exception other than MalformedNodeException escapes and fails the test. */
    private void decodeOrReject(byte[] frame) {
        try {
            assertThat(BinaryNodes.decode(frame).tag()).isNotEmpty();
            decoded++;
        } catch (MalformedNodeException expected) {
            rejected++;
        }
    }
}
