package io.wafleet.protocol.binary;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a node holds after its attributes: nothing, a string, raw bytes, or child nodes. On the wire a string
 * is a token, a packed number, a JID or raw UTF-8; raw UTF-8 content is indistinguishable from bytes, so the
 * decoder returns it as {@link Bytes}.
 */
public sealed interface NodeContent {
    None NONE = new None();

    static Text text(String text) {
        return new Text(text);
    }

    /** Copies {@code bytes}. */
    static Bytes bytes(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    static Children children(List<Node> nodes) {
        return new Children(nodes);
    }

    record None() implements NodeContent {}

    record Text(String text) implements NodeContent {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** Immutable bytes; {@link #bytes()} hands out a copy. */
    final class Bytes implements NodeContent {
        private static final int SHOWN_BYTES = 16;

        private final byte[] bytes;

        private Bytes(byte[] bytes) {
            this.bytes = bytes;
        }

        /** Takes ownership of {@code bytes} without copying; for the codec, which never shares the array. */
        static Bytes wrap(byte[] bytes) {
            return new Bytes(bytes);
        }

        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        /** The backing array, for the encoder only; must not be modified. */
        byte[] array() {
            return bytes;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Bytes that && Arrays.equals(bytes, that.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        /** Length and at most the first 16 bytes in hex: enough for a debug log, never a whole payload. */
        @Override
        public String toString() {
            int shown = Math.min(bytes.length, SHOWN_BYTES);
            return "[" + bytes.length + " bytes" + (shown == 0 ? "" : ": " + HexFormat.of().formatHex(bytes, 0, shown))
                    + (shown < bytes.length ? "…]" : "]");
        }
    }

    record Children(List<Node> nodes) implements NodeContent {
        public Children {
            nodes = nodes instanceof NodeList ? nodes : List.copyOf(nodes);
        }
    }
}
