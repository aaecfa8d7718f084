package io.wafleet.protocol.binary;

import io.wafleet.protocol.jid.Jid;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes a node in the binary format, choosing for every string the same form WhatsApp Web's encoder does:
 * the empty string raw, then token, nibble-packed, hex-packed, JID (anything containing {@code @}), raw UTF-8.
 * Writes into one growing array; nothing is boxed per byte.
 */
final class NodeEncoder {
    private static final int INITIAL_CAPACITY = 256;
    private static final int MAX_LIST_SIZE = 0xFFFF;
    private static final int BINARY_20_LIMIT = 1 << 20;

    private byte[] buffer = new byte[INITIAL_CAPACITY];
    private int size;

    private NodeEncoder() {}

    /** The frame: flags byte 0 (uncompressed), then the node. */
    static byte[] encodeFrame(Node node) {
        NodeEncoder encoder = new NodeEncoder();
        encoder.writeByte(0);
        encoder.writeNode(node);
        return Arrays.copyOf(encoder.buffer, encoder.size);
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
        ensureCapacity(length);
        size = Utf8.encode(text, buffer, size);
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
        if (size == buffer.length) {
            ensureCapacity(1);
        }
        buffer[size++] = (byte) value;
    }

    private void writeBytes(byte[] bytes) {
        ensureCapacity(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensureCapacity(int more) {
        long needed = (long) size + more;
        if (needed > buffer.length) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("encoded node would exceed 2 GiB");
            }
            buffer = Arrays.copyOf(buffer, (int) Math.max(needed, Math.min(2L * buffer.length, Integer.MAX_VALUE - 8)));
        }
    }
}
