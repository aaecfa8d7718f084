package io.wafleet.protocol.binary;

import io.wafleet.protocol.jid.Jid;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a node in the binary format, choosing for every string the same form WhatsApp Web's encoder does:
 * the empty string raw, then token, nibble-packed, hex-packed, JID (anything containing {@code @}), raw UTF-8.
 *
 * <p>Encoding makes two passes over the node: {@link #frameLength} only counts bytes, {@link #writeFrame} writes
 * them into an array the caller sized with that count (a frame plaintext of its own, or the transport frame the
 * plaintext is then sealed in). A second walk over the (typically small) node structure is cheaper than
 * growing a buffer to fit the byte content and then trimming it: that allocated and copied a payload-sized
 * array twice per frame.
 */
final class NodeEncoder {
    private static final int MAX_LIST_SIZE = 0xFFFF;
    private static final int BINARY_20_LIMIT = 1 << 20;
    private static final int MAX_ENCODED_SIZE = Integer.MAX_VALUE - 8;
    private static final byte[] NO_BUFFER = new byte[0];

    /** Where the bytes go; unused while measuring, when only {@link #size} advances. */
    private final byte[] buffer;
    private final boolean measuring;
    /** The offset past which nothing may be written: the end of the buffer, or 2 GiB while measuring. */
    private final int limit;
    private int size;

    private NodeEncoder(byte[] buffer, int offset, boolean measuring) {
        this.buffer = buffer;
        this.measuring = measuring;
        this.size = offset;
        this.limit = measuring ? MAX_ENCODED_SIZE : buffer.length;
    }

    /** The number of bytes {@link #writeFrame(Node, byte[], int)} writes for {@code node}. */
    static int frameLength(Node node) {
        NodeEncoder counter = new NodeEncoder(NO_BUFFER, 0, true);
        counter.writeFrame(node);
        return counter.size;
    }

    /**
     * Writes the frame, flags byte 0 (uncompressed) then the node, into {@code out} at {@code offset}; returns the
     * number of bytes written. Throws {@link IndexOutOfBoundsException} when they do not fit.
     */
    static int writeFrame(Node node, byte[] out, int offset) {
        Objects.checkIndex(offset, out.length + 1);
        NodeEncoder writer = new NodeEncoder(out, offset, false);
        writer.writeFrame(node);
        return writer.size - offset;
    }

    private void writeFrame(Node node) {
        writeByte(0);
        writeNode(node);
    }

    private void writeNode(Node node) {
        Map<String, String> attrs = node.attrs();
        boolean hasContent = !(node.content() instanceof NodeContent.None);
        writeListStart(1 + 2 * attrs.size() + (hasContent ? 1 : 0), node);
        writeString(node.tag());
        attrs.forEach((key, value) -> {
            writeString(key);
            writeString(value);
        });
        switch (node.content()) {
            case NodeContent.None none -> { }
            case NodeContent.Text(String text) -> writeString(text);
            case NodeContent.Bytes bytes -> {
                writeByteLength(bytes.length());
                writeBytes(bytes.array());
            }
            case NodeContent.Children(List<Node> children) -> {
                writeListStart(children.size(), node);
                children.forEach(this::writeNode);
            }
        }
    }

    private void writeListStart(int listSize, Node node) {
        if (listSize == 0) {
            writeByte(WireTag.LIST_EMPTY);
        } else if (listSize < 256) {
            writeByte(WireTag.LIST_8);
            writeByte(listSize);
        } else if (listSize <= MAX_LIST_SIZE) {
            writeByte(WireTag.LIST_16);
            writeByte(listSize >> 8);
            writeByte(listSize);
        } else {
            throw new IllegalArgumentException("node <" + node.tag() + "> has a list of " + listSize + " items; the format allows " + MAX_LIST_SIZE);
        }
    }

    private void writeString(String text) {
        if (text.isEmpty()) {
            writeRaw(text);
            return;
        }
        int code = TokenDictionary.code(text);
        if (code >= 0) {
            if (TokenDictionary.isDoubleByte(code)) {
                writeByte(WireTag.DICTIONARY_0 + TokenDictionary.dictionaryOf(code));
            }
            writeByte(TokenDictionary.indexOf(code));
        } else if (PackedString.fitsNibbles(text)) {
            writePacked(WireTag.NIBBLE_8, text);
        } else if (PackedString.fitsHex(text)) {
            writePacked(WireTag.HEX_8, text);
        } else if (text.indexOf('@') >= 0) {
            writeJid(Jid.parse(text).orElseThrow());
        } else {
            writeRaw(text);
        }
    }

    /**
     * A JID with a device part (even one that is not a number) becomes an AD_JID, which has no room for the
     * server: it keeps only the domain type and the device, each truncated to a byte. Any other JID is a pair.
     */
    private void writeJid(Jid jid) {
        if (jid.device().isPresent()) {
            writeByte(WireTag.AD_JID);
            writeByte(jid.domainType().orElse(0));
            writeByte(jid.deviceId());
            writeString(jid.user());
        } else {
            writeByte(WireTag.JID_PAIR);
            if (jid.user().isEmpty()) {
                writeByte(WireTag.LIST_EMPTY);
            } else {
                writeString(jid.user());
            }
            writeString(jid.server());
        }
    }

    private void writePacked(int tag, String text) {
        int length = text.length();
        writeByte(tag);
        writeByte((length + 1) / 2 | (length % 2 == 1 ? 0x80 : 0));
        for (int i = 0; i + 1 < length; i += 2) {
            writeByte(PackedString.pack(tag, text.charAt(i)) << 4 | PackedString.pack(tag, text.charAt(i + 1)));
        }
        if (length % 2 == 1) {
            writeByte(PackedString.pack(tag, text.charAt(length - 1)) << 4 | WireTag.PACKED_PADDING);
        }
    }

    private void writeRaw(String text) {
        int length = Utf8.encodedLength(text);
        writeByteLength(length);
        int at = advance(length);
        if (!measuring) {
            Utf8.encode(text, buffer, at);
        }
    }

    private void writeByteLength(int length) {
        if (length >= BINARY_20_LIMIT) {
            writeByte(WireTag.BINARY_32);
            writeByte(length >>> 24);
            writeByte(length >> 16);
            writeByte(length >> 8);
            writeByte(length);
        } else if (length >= 256) {
            writeByte(WireTag.BINARY_20);
            writeByte(length >> 16);
            writeByte(length >> 8);
            writeByte(length);
        } else {
            writeByte(WireTag.BINARY_8);
            writeByte(length);
        }
    }

    private void writeByte(int value) {
        int at = advance(1);
        if (!measuring) {
            buffer[at] = (byte) value;
        }
    }

    private void writeBytes(byte[] bytes) {
        int at = advance(bytes.length);
        if (!measuring) {
            System.arraycopy(bytes, 0, buffer, at, bytes.length);
        }
    }

    /** Claims the next {@code count} bytes and returns where they start. */
    private int advance(int count) {
        int at = size;
        if (count > limit - at) {
            throw measuring
                    ? new IllegalArgumentException("encoded node would exceed 2 GiB")
                    : new IndexOutOfBoundsException("encoded node does not fit in the array given (" + limit + " bytes)");
        }
        size = at + count;
        return at;
    }
}
