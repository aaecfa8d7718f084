package io.wafleet.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.api.Test;

/** The frame facade: flags byte, compression, offsets, and what it refuses. */
class BinaryNodesTest {
    private static final Node IQ = Node.builder("iq").attr("id", "1.2-3").attr("to", "@s.whatsapp.net").child(Node.of("ping")).build();

    @Test
    void encodesWithAPlainFlagsByte() {
        assertThat(BinaryNodes.encode(IQ)[0]).isZero();
    }

    @Test
    void decodesAFrameInsideALargerBuffer() {
        byte[] frame = BinaryNodes.encode(IQ);
        byte[] buffer = new byte[frame.length + 10];
        Arrays.fill(buffer, (byte) 0xEE);
        System.arraycopy(frame, 0, buffer, 7, frame.length);

        assertThat(BinaryNodes.decode(buffer, 7, frame.length)).isEqualTo(IQ);
        assertThatThrownBy(() -> BinaryNodes.decode(buffer, 7, buffer.length)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void encodesIntoALargerArrayAndRefusesOneTooSmall() {
        byte[] frame = BinaryNodes.encode(IQ);
        byte[] buffer = new byte[frame.length + 10];
        Arrays.fill(buffer, (byte) 0xEE);

        assertThat(BinaryNodes.encodedLength(IQ)).isEqualTo(frame.length);
        assertThat(BinaryNodes.encodeInto(IQ, buffer, 7)).isEqualTo(frame.length);
        assertThat(Arrays.copyOfRange(buffer, 7, 7 + frame.length)).isEqualTo(frame);
        assertThat(buffer).startsWith((byte) 0xEE, (byte) 0xEE).endsWith((byte) 0xEE, (byte) 0xEE, (byte) 0xEE);
        assertThatThrownBy(() -> BinaryNodes.encodeInto(IQ, new byte[frame.length + 2], 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> BinaryNodes.encodeInto(IQ, buffer, buffer.length + 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void onlyFlagBit2MeansCompressed() throws Exception {
        byte[] frame = BinaryNodes.encode(IQ);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        compressed.write(0x02);
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(compressed)) {
            deflater.write(frame, 1, frame.length - 1);
        }
        byte[] otherFlags = frame.clone();
        otherFlags[0] = (byte) 0xFD;

        assertThat(BinaryNodes.decode(compressed.toByteArray())).isEqualTo(IQ);
        assertThat(BinaryNodes.decode(otherFlags)).isEqualTo(IQ);
    }

    @Test
    void refusesEmptyFramesAndTrailingBytes() {
        byte[] frame = BinaryNodes.encode(IQ);
        byte[] trailing = Arrays.copyOf(frame, frame.length + 1);

        assertThatThrownBy(() -> BinaryNodes.decode(new byte[0])).isInstanceOf(MalformedNodeException.class);
        assertThatThrownBy(() -> BinaryNodes.decode(trailing)).isInstanceOf(MalformedNodeException.class).hasMessageContaining("left over");
    }

    @Test
    void refusesListsTheFormatCannotHold() {
        Node.Builder wide = Node.builder("wide");
        for (int i = 0; i < 70_000; i++) {
            wide.child(Node.of("c"));
        }
        Node node = wide.build();

        assertThatThrownBy(() -> BinaryNodes.encode(node)).isInstanceOf(IllegalArgumentException.class);
    }
}
