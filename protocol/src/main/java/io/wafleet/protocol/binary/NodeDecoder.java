package io.wafleet.protocol.binary;

import io.wafleet.protocol.jid.Jid;
import io.wafleet.protocol.jid.JidServer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads one node (without the flags byte) from a byte range, accepting every form WhatsApp Web's decoder
 * accepts, including ones its encoder never writes (FB and interop JIDs, non-canonical lengths).
 *
 * <p>Hostile input is bounded: every declared length or count is checked against the bytes that remain before
 * anything is allocated, and nesting (child lists and JIDs inside JIDs) is limited to {@link #MAX_DEPTH}.
 */
final class NodeDecoder {
    /** Real stanzas nest fewer than ten levels; the limit keeps crafted input from exhausting the stack. */
    static final int MAX_DEPTH = 64;
    /** The smallest node: a LIST_8 header (2 bytes) and a one-byte token tag. */
    private static final int MIN_NODE_BYTES = 3;
    /** The smallest attribute: two one-byte strings. */
    private static final int MIN_ATTRIBUTE_BYTES = 2;
    private static final String INTEROP_DEFAULT_SERVER = "interop";

    private final byte[] in;
    private final int end;
    private int pos;
    private int depth;

    private NodeDecoder(byte[] in, int offset, int length) {
        this.in = in;
        this.pos = offset;
        this.end = offset + length;
    }

    /** Decodes exactly one node filling {@code in[offset, offset + length)}. */
    static Node decode(byte[] in, int offset, int length) {
        NodeDecoder decoder = new NodeDecoder(in, offset, length);
        Node node = decoder.readNode();
        if (decoder.pos != decoder.end) {
            throw new MalformedNodeException((decoder.end - decoder.pos) + " bytes left over after the node at offset " + (decoder.pos - offset));
        }
        return node;
    }

    private Node readNode() {
        enter();
        int listSize = readListSize(readByte());
        if (listSize == 0) {
            throw malformed("node with an empty list header");
        }
        int attributeCount = (listSize - 1) >> 1;
        requireRemaining((long) attributeCount * MIN_ATTRIBUTE_BYTES, "attributes");
        String tag = readString(readByte());
        if (tag.isEmpty()) {
            throw malformed("node with an empty tag");
        }
        Map<String, String> attrs = readAttributes(attributeCount);
        NodeContent content = listSize % 2 == 0 ? readContent(readByte()) : NodeContent.NONE;
        depth--;
        return new Node(tag, attrs, content);
    }

    /** Wire order is kept; a repeated key keeps its first position and its last value. */
    private Map<String, String> readAttributes(int count) {
        if (count == 0) {
            return Map.of();
        }
        String[] pairs = new String[2 * count];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = readString(readByte());
        }
        return Attributes.fromPairs(pairs);
    }

    private NodeContent readContent(int tag) {
        return switch (tag) {
            case WireTag.LIST_EMPTY, WireTag.LIST_8, WireTag.LIST_16 -> NodeContent.children(readList(tag));
            case WireTag.BINARY_8 -> NodeContent.Bytes.wrap(readBytes(readByte()));
            case WireTag.BINARY_20 -> NodeContent.Bytes.wrap(readBytes(readInt20()));
            case WireTag.BINARY_32 -> NodeContent.Bytes.wrap(readBytes(readUint32()));
            default -> NodeContent.text(readString(tag));
        };
    }

    private List<Node> readList(int tag) {
        int size = readListSize(tag);
        requireRemaining((long) size * MIN_NODE_BYTES, "a list of " + size + " nodes");
        Node[] nodes = new Node[size];
        for (int i = 0; i < size; i++) {
            nodes[i] = readNode();
        }
        return new NodeList(nodes);
    }

    private int readListSize(int tag) {
        return switch (tag) {
            case WireTag.LIST_EMPTY -> 0;
            case WireTag.LIST_8 -> readByte();
            case WireTag.LIST_16 -> readUint16();
            default -> throw malformed("expected a list header, found tag 0x" + Integer.toHexString(tag));
        };
    }

    private String readString(int tag) {
        if (tag >= 1 && tag <= TokenDictionary.SINGLE_BYTE_COUNT) {
            return TokenDictionary.singleByte(tag);
        }
        return switch (tag) {
            case WireTag.LIST_EMPTY -> "";
            case WireTag.DICTIONARY_0, WireTag.DICTIONARY_0 + 1, WireTag.DICTIONARY_0 + 2, WireTag.DICTIONARY_3 ->
                    TokenDictionary.doubleByte(tag - WireTag.DICTIONARY_0, readByte());
            case WireTag.BINARY_8 -> readUtf8(readByte());
            case WireTag.BINARY_20 -> readUtf8(readInt20());
            case WireTag.BINARY_32 -> readUtf8(readUint32());
            case WireTag.NIBBLE_8, WireTag.HEX_8 -> readPacked(tag);
            case WireTag.JID_PAIR, WireTag.AD_JID, WireTag.FB_JID, WireTag.INTEROP_JID -> readJid(tag);
            default -> throw malformed("invalid string tag 0x" + Integer.toHexString(tag));
        };
    }

    private String readJid(int tag) {
        enter();
        String jid = switch (tag) {
            case WireTag.JID_PAIR -> readJidPair();
            case WireTag.AD_JID -> readAdJid();
            case WireTag.FB_JID -> readFbJid();
            default -> readInteropJid();
        };
        depth--;
        return jid;
    }

    private String readJidPair() {
        String user = readString(readByte());
        String server = readString(readByte());
        if (server.isEmpty()) {
            throw malformed("JID pair without a server (user '" + user + "')");
        }
        return user + "@" + server;
    }

    /** Domain type, device and user; the server follows from the domain type and a device of 0 is left out. */
    private String readAdJid() {
        int domainType = readByte();
        int device = readByte();
        String user = readString(readByte());
        return Jid.of(user, JidServer.forDomainType(domainType), device).toString();
    }

    /** User, 16-bit device, server; the device is always written, even 0. */
    private String readFbJid() {
        String user = readString(readByte());
        int device = readUint16();
        String server = readString(readByte());
        return user + ":" + device + "@" + server;
    }

    /**
     * User, 16-bit device, 16-bit integrator, then an optional server: when what follows cannot be read as a
     * string (end of input, or the next sibling's list header) it is left unread and the server is "interop".
     */
    private String readInteropJid() {
        String user = readString(readByte());
        int device = readUint16();
        int integrator = readUint16();
        int serverStart = pos;
        int serverDepth = depth;
        String server;
        try {
            server = readString(readByte());
        } catch (MalformedNodeException notAString) {
            pos = serverStart;
            depth = serverDepth;
            server = INTEROP_DEFAULT_SERVER;
        }
        return integrator + "-" + user + ":" + device + "@" + server;
    }

    /** The count byte holds the byte length; its top bit says the last character is padding and is dropped. */
    private String readPacked(int tag) {
        int header = readByte();
        int byteCount = header & 0x7F;
        requireRemaining(byteCount, "a packed string");
        char[] chars = new char[2 * byteCount];
        for (int i = 0; i < byteCount; i++) {
            int packed = in[pos++] & 0xFF;
            chars[2 * i] = PackedString.unpack(tag, packed >> 4);
            chars[2 * i + 1] = PackedString.unpack(tag, packed & 0x0F);
        }
        boolean dropLast = (header & 0x80) != 0 && byteCount > 0;
        return new String(chars, 0, dropLast ? chars.length - 1 : chars.length);
    }

    private String readUtf8(long length) {
        requireRemaining(length, "a string");
        String text = new String(in, pos, (int) length, StandardCharsets.UTF_8);
        pos += (int) length;
        return text;
    }

    private byte[] readBytes(long length) {
        requireRemaining(length, "byte content");
        byte[] bytes = Arrays.copyOfRange(in, pos, pos + (int) length);
        pos += (int) length;
        return bytes;
    }

    private int readByte() {
        requireRemaining(1, "a byte");
        return in[pos++] & 0xFF;
    }

    private int readUint16() {
        requireRemaining(2, "a 16-bit number");
        int value = (in[pos] & 0xFF) << 8 | in[pos + 1] & 0xFF;
        pos += 2;
        return value;
    }

    /** 20-bit length in 3 bytes; the top 4 bits of the first byte are ignored, as WhatsApp Web does. */
    private int readInt20() {
        requireRemaining(3, "a 20-bit length");
        int value = (in[pos] & 0x0F) << 16 | (in[pos + 1] & 0xFF) << 8 | in[pos + 2] & 0xFF;
        pos += 3;
        return value;
    }

    private long readUint32() {
        requireRemaining(4, "a 32-bit length");
        long value = (in[pos] & 0xFFL) << 24 | (in[pos + 1] & 0xFF) << 16 | (in[pos + 2] & 0xFF) << 8 | in[pos + 3] & 0xFF;
        pos += 4;
        return value;
    }

    private void requireRemaining(long needed, String what) {
        if (needed > end - pos) {
            throw malformed(what + " needs " + needed + " bytes but only " + (end - pos) + " remain");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw malformed("nested deeper than " + MAX_DEPTH + " levels");
        }
    }

    private MalformedNodeException malformed(String problem) {
        return new MalformedNodeException(problem + " (at byte " + pos + ")");
    }
}
