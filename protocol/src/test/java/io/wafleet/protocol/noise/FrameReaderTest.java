package io.wafleet.protocol.noise;

import static io.wafleet.protocol.crypto.Bytes.concat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameReaderTest {
    private static final int RANDOM_STREAMS = 400;
    private static final int GARBAGE_CASES = 5000;

    @Test
    void recordedClientBytesReassembleAtEverySplitPoint() {
        List<JsonNode> transcripts = NoiseVectors.list(NoiseVectors.file().get("transcripts"));
        int cases = 0;
        for (JsonNode t : transcripts) {
            byte[] hello = NoiseVectors.hex(t.get("clientHello"), "frameHex");
            byte[] finish = NoiseVectors.hex(t.get("clientFinish"), "frameHex");
            byte[] stream = concat(hello, finish);
            List<byte[]> expected = List.of(
                    NoiseVectors.hex(t.get("clientHello"), "handshakeMessageHex"),
                    NoiseVectors.hex(t.get("clientFinish"), "handshakeMessageHex"));
            IntroHeader intro = IntroHeader.forRoutingInfo(NoiseVectors.optionalHex(t, "routingInfoHex"));
            for (int split = 0; split <= stream.length; split++) {
                FrameReader reader = FrameReader.forServer();
                List<byte[]> frames = new ArrayList<>(reader.feed(stream, 0, split));
                frames.addAll(reader.feed(stream, split, stream.length - split));
                assertThat(frames).as("split at %d", split).containsExactlyElementsOf(expected);
                assertThat(reader.intro()).contains(intro);
                assertThat(reader.bufferedBytes()).isZero();
                cases++;
            }
            FrameReader byteByByte = FrameReader.forServer();
            List<byte[]> frames = new ArrayList<>();
            for (byte b : stream) {
                frames.addAll(byteByByte.feed(new byte[] {b}));
            }
            assertThat(frames).containsExactlyElementsOf(expected);
            cases++;
        }
        Vectors.report(NoiseVectors.FILE, "transcripts (client frames split at every offset)", cases);
    }

    @Test
    void seededRandomSplitsAndConcatenationsReassembleExactly() {
        for (int seed = 0; seed < RANDOM_STREAMS; seed++) {
            Random random = new Random(seed);
            boolean server = random.nextBoolean();
            Optional<IntroHeader> intro = server ? Optional.of(randomIntro(random)) : Optional.empty();
            List<byte[]> payloads = randomPayloads(random);
            byte[] stream = stream(intro, payloads);
            FrameReader reader = server ? FrameReader.forServer() : FrameReader.forClient();

            List<byte[]> received = new ArrayList<>();
            for (byte[] chunk : randomChunks(random, stream)) {
                received.addAll(feedOneOfFourWays(reader, chunk, random));
                assertThat(reader.bufferCapacity()).as("seed %d", seed).isLessThanOrEqualTo(2 * stream.length + 8);
            }

            assertThat(received).as("seed %d", seed).containsExactlyElementsOf(payloads);
            assertThat(reader.intro()).isEqualTo(intro);
            assertThat(reader.bufferedBytes()).isZero();
        }
    }

    @Test
    void aHandedOutPayloadIsReadableOnlyWhileItsHandlerRuns() {
        FrameReader reader = FrameReader.forClient();
        List<FramePayload> handedOut = new ArrayList<>();
        List<byte[]> copies = new ArrayList<>();

        reader.feed(concat(Frames.encode(new byte[] {1, 2}), Frames.encode(new byte[] {3})), payload -> {
            handedOut.add(payload);
            copies.add(payload.toByteArray());
        });

        assertThat(copies).containsExactly(new byte[] {1, 2}, new byte[] {3});
        assertThat(handedOut).hasSize(2);
        assertThatThrownBy(() -> handedOut.getFirst().toByteArray()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> handedOut.getLast().length()).isInstanceOf(IllegalStateException.class);
        assertThat(handedOut.getFirst()).hasToString("FramePayload[closed]");
    }

    @Test
    void aHandlerMayNotFeedTheReaderThatCalledIt() {
        FrameReader reader = FrameReader.forClient();
        byte[] frame = Frames.encode(new byte[] {1});

        assertThatThrownBy(() -> reader.feed(frame, payload -> reader.feed(frame)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must not feed");
        assertThat(reader.feed(frame)).containsExactly(new byte[] {1});
    }

    @Test
    void aFailingHandlerConsumesItsFrameAndLeavesTheRestBuffered() {
        FrameReader reader = FrameReader.forClient();
        byte[] stream = concat(Frames.encode(new byte[] {1}), Frames.encode(new byte[] {2, 2}));

        assertThatThrownBy(() -> reader.feed(stream, payload -> {
            throw new IllegalArgumentException("handler gave up on " + payload.length() + " bytes");
        })).hasMessage("handler gave up on 1 bytes");

        assertThat(reader.bufferedBytes()).isEqualTo(Frames.LENGTH_BYTES + 2);
        assertThat(reader.feed(new byte[0])).containsExactly(new byte[] {2, 2});
    }

    @Test
    void garbageAndTruncatedStreamsEndInFramesOrAClearException() {
        int rejected = 0;
        int incompleteOrFramed = 0;
        for (int seed = 0; seed < GARBAGE_CASES; seed++) {
            Random random = new Random(1_000_000L + seed);
            boolean server = random.nextBoolean();
            byte[] input = switch (seed % 3) {
                case 0 -> randomBytes(random, random.nextInt(48));
                case 1 -> truncated(random, stream(server ? Optional.of(randomIntro(random)) : Optional.empty(), randomPayloads(random)));
                default -> mutated(random, stream(server ? Optional.of(randomIntro(random)) : Optional.empty(), randomPayloads(random)));
            };
            int cap = random.nextBoolean() ? Frames.MAX_FRAME_LENGTH : random.nextInt(4096);
            FrameReader reader = server ? FrameReader.forServer(cap) : FrameReader.forClient(cap);
            int fed = 0;
            boolean failed = false;
            for (byte[] chunk : randomChunks(random, input)) {
                fed += chunk.length;
                try {
                    for (byte[] frame : reader.feed(chunk)) {
                        assertThat(frame.length).isLessThanOrEqualTo(cap);
                    }
                } catch (FramingException e) {
                    assertThat(e.getMessage()).isNotBlank();
                    failed = true;
                    break;
                }
                assertThat(reader.bufferedBytes()).isLessThanOrEqualTo(fed);
                assertThat(reader.bufferCapacity()).as("seed %d", seed).isLessThanOrEqualTo(2 * fed + 8);
            }
            if (failed) {
                rejected++;
                assertThatThrownBy(() -> reader.feed(new byte[1])).isInstanceOf(FramingException.class).hasMessageContaining("already failed");
            } else {
                incompleteOrFramed++;
            }
        }
        assertThat(rejected + incompleteOrFramed).isEqualTo(GARBAGE_CASES);
        assertThat(rejected).as("garbage must actually exercise the error paths").isPositive();
        assertThat(incompleteOrFramed).isPositive();
    }

    @Test
    void anOversizeLengthIsRejectedAsSoonAsItsThreeBytesArrive() {
        FrameReader reader = FrameReader.forClient(1000);

        assertThatThrownBy(() -> reader.feed(new byte[] {0x00, 0x03, (byte) 0xE9}))
                .isInstanceOf(FramingException.class)
                .hasMessageContaining("1001")
                .hasMessageContaining("maximum of 1000");
        assertThat(reader.bufferCapacity()).isZero();
    }

    @Test
    void aHugeDeclaredFrameCostsOnlyTheBytesThatArrived() {
        FrameReader reader = FrameReader.forClient();

        assertThat(reader.feed(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 2, 3})).isEmpty();

        assertThat(reader.bufferCapacity()).isLessThanOrEqualTo(16);
    }

    @Test
    void aDrainedReaderReleasesALargeBuffer() {
        FrameReader reader = FrameReader.forClient();
        byte[] big = new byte[100_000];

        assertThat(reader.feed(Frames.encode(big))).hasSize(1);

        assertThat(reader.bufferCapacity()).isZero();
    }

    @Test
    void serverRejectsABadIntro() {
        assertThatThrownBy(() -> FrameReader.forServer().feed(new byte[] {0x00, 0x00, 0x01, 0x00}))
                .isInstanceOf(FramingException.class).hasMessageContaining("intro header");
        assertThatThrownBy(() -> FrameReader.forServer().feed(new byte[] {0x57, 0x41, 0x05}))
                .isInstanceOf(FramingException.class).hasMessageContaining("intro header");
        byte[] tooLong = concat(IntroHeader.edgeRoutingPrefix(), new byte[] {0x00, 0x10, 0x01});
        assertThatThrownBy(() -> FrameReader.forServer().feed(tooLong))
                .isInstanceOf(FramingException.class).hasMessageContaining("routing info of 4097 bytes");
        byte[] noWaHeader = concat(IntroHeader.edgeRoutingPrefix(), new byte[] {0x00, 0x00, 0x01, 0x7F, 0x57, 0x41, 0x06, 0x04});
        assertThatThrownBy(() -> FrameReader.forServer().feed(noWaHeader))
                .isInstanceOf(FramingException.class).hasMessageContaining("not followed by the WA header");
    }

    @Test
    void clientEncoderSendsTheIntroOnlyOnce() {
        FrameEncoder encoder = FrameEncoder.client(IntroHeader.withRoutingInfo(new byte[] {9}));

        assertThat(encoder.encode(new byte[] {1})).isEqualTo(new byte[] {0x45, 0x44, 0x00, 0x01, 0, 0, 1, 9, 0x57, 0x41, 0x06, 0x03, 0, 0, 1, 1});
        assertThat(encoder.encode(new byte[] {2})).isEqualTo(new byte[] {0, 0, 1, 2});
    }

    @Test
    void payloadsBeyondTheLengthFieldCannotBeFramed() {
        byte[] tooBig = new byte[Frames.MAX_FRAME_LENGTH + 1];

        assertThatThrownBy(() -> Frames.encode(tooBig)).isInstanceOf(FramingException.class).hasMessageContaining("16777216");
        assertThatThrownBy(() -> FrameEncoder.server().encode(tooBig)).isInstanceOf(FramingException.class);
        assertThat(Frames.encode(new byte[0])).isEqualTo(new byte[3]);
    }

    /** The list forms copy every payload; the handler forms hand out windows, which the handler copies here. */
    private static List<byte[]> feedOneOfFourWays(FrameReader reader, byte[] chunk, Random random) {
        List<byte[]> frames = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> frames.addAll(reader.feed(chunk));
            case 1 -> frames.addAll(reader.feed(ByteBuffer.wrap(chunk)));
            case 2 -> reader.feed(chunk, payload -> frames.add(payload.toByteArray()));
            default -> reader.feed(ByteBuffer.wrap(chunk), payload -> frames.add(payload.toByteArray()));
        }
        return frames;
    }

    private static IntroHeader randomIntro(Random random) {
        return random.nextBoolean() ? IntroHeader.plain() : IntroHeader.withRoutingInfo(randomBytes(random, random.nextInt(40)));
    }

    private static List<byte[]> randomPayloads(Random random) {
        List<byte[]> payloads = new ArrayList<>();
        int count = random.nextInt(12);
        for (int i = 0; i < count; i++) {
            int size = random.nextInt(20) == 0 ? 4096 + random.nextInt(70_000) : random.nextInt(600);
            payloads.add(randomBytes(random, size));
        }
        return payloads;
    }

    private static byte[] stream(Optional<IntroHeader> intro, List<byte[]> payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        intro.ifPresent(header -> out.writeBytes(header.encode()));
        payloads.forEach(payload -> out.writeBytes(Frames.encode(payload)));
        return out.toByteArray();
    }

    /** Cuts at random points: sometimes the whole stream in one message, sometimes many tiny or empty pieces. */
    private static List<byte[]> randomChunks(Random random, byte[] stream) {
        List<byte[]> chunks = new ArrayList<>();
        int maxChunk = switch (random.nextInt(4)) {
            case 0 -> stream.length + 1;
            case 1 -> 4;
            case 2 -> 64;
            default -> 5000;
        };
        int offset = 0;
        while (offset < stream.length) {
            int size = Math.min(stream.length - offset, random.nextInt(maxChunk + 1));
            byte[] chunk = new byte[size];
            System.arraycopy(stream, offset, chunk, 0, size);
            chunks.add(chunk);
            offset += size;
        }
        return chunks;
    }

    private static byte[] truncated(Random random, byte[] stream) {
        byte[] cut = new byte[stream.length == 0 ? 0 : random.nextInt(stream.length)];
        System.arraycopy(stream, 0, cut, 0, cut.length);
        return cut;
    }

    private static byte[] mutated(Random random, byte[] stream) {
        byte[] copy = stream.clone();
        int flips = 1 + random.nextInt(4);
        for (int i = 0; i < flips && copy.length > 0; i++) {
            copy[random.nextInt(Math.min(copy.length, 24))] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
