package io.wafleet.protocol.binary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random nodes whose strings survive a round trip: every string form the encoder can choose (tokens,
 * packed digits and hex, canonical JIDs, raw ASCII and Unicode, empty) but no string that the binary form
 * changes (non-canonical JIDs, unpaired surrogates).
 */
final class RandomNodes {
    private static final String[] AD_JID_SERVERS = {"s.whatsapp.net", "lid", "hosted", "hosted.lid"};
    private static final String[] PAIR_SERVERS = {"s.whatsapp.net", "lid", "g.us", "broadcast", "newsletter", "c.us", "bot", "hosted.lid"};

    private final Random random;

    RandomNodes(long seed) {
        this.random = new Random(seed);
    }

    Node node(int maxDepth) {
        String tag = string();
        if (tag.isEmpty()) {
            tag = TokenDictionary.singleByte(1 + random.nextInt(TokenDictionary.SINGLE_BYTE_COUNT));
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        int attrCount = random.nextInt(random.nextInt(10) == 0 ? 140 : 6);
        for (int i = 0; i < attrCount; i++) {
            attrs.put(string(), string());
        }
        return new Node(tag, attrs, content(maxDepth));
    }

    private NodeContent content(int maxDepth) {
        return switch (random.nextInt(maxDepth > 0 ? 4 : 3)) {
            case 0 -> NodeContent.NONE;
            case 1 -> NodeContent.text(string());
            case 2 -> NodeContent.bytes(bytes());
            default -> {
                List<Node> children = new ArrayList<>();
                // Wide lists (LIST_8/LIST_16 boundary) only at the last level, so a node stays small.
                int count = random.nextInt(maxDepth == 1 && random.nextInt(10) == 0 ? 300 : 4);
                for (int i = 0; i < count; i++) {
                    children.add(node(maxDepth - 1));
                }
                yield NodeContent.children(children);
            }
        };
    }

    String string() {
        return switch (random.nextInt(12)) {
            case 0 -> "";
            case 1 -> TokenDictionary.singleByte(1 + random.nextInt(TokenDictionary.SINGLE_BYTE_COUNT));
            case 2 -> TokenDictionary.doubleByte(random.nextInt(4), random.nextInt(256));
            case 3 -> fromAlphabet("0123456789-.", 1 + random.nextInt(random.nextBoolean() ? 20 : 140));
            case 4 -> fromAlphabet("0123456789ABCDEF", 1 + random.nextInt(random.nextBoolean() ? 20 : 140));
            case 5 -> fromAlphabet("0123456789abcdef", 1 + random.nextInt(40));
            case 6 -> adJid();
            case 7 -> pairJid();
            case 8 -> unicode(1 + random.nextInt(30));
            case 9 -> fromAlphabet("abcdefghijklmnopqrstuvwxyz_-:. !?ABC", 1 + random.nextInt(random.nextInt(10) == 0 ? 400 : 30));
            default -> fromAlphabet("abcdefghijklmnopqrstuvwxyz", 1 + random.nextInt(12));
        };
    }

    /** Device 1..255 on a server that has a domain type: the only JIDs with a device that come back unchanged. */
    private String adJid() {
        String user = fromAlphabet("0123456789", 1 + random.nextInt(18));
        return user + ":" + (1 + random.nextInt(255)) + "@" + AD_JID_SERVERS[random.nextInt(AD_JID_SERVERS.length)];
    }

    private String pairJid() {
        String user = random.nextInt(8) == 0 ? "" : fromAlphabet(random.nextBoolean() ? "0123456789" : "abcxyz-", 1 + random.nextInt(18));
        return user + "@" + PAIR_SERVERS[random.nextInt(PAIR_SERVERS.length)];
    }

    private String unicode(int codePoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5F);
                case 1 -> 0xA0 + random.nextInt(0x700);
                case 2 -> 0x3000 + random.nextInt(0x5000);
                default -> 0x1F300 + random.nextInt(0x300);
            };
            text.appendCodePoint(codePoint == '@' ? 'a' : codePoint);
        }
        return text.toString();
    }

    private String fromAlphabet(String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private byte[] bytes() {
        int length = switch (random.nextInt(8)) {
            case 0 -> 250 + random.nextInt(12);
            case 1 -> random.nextInt(3000);
            default -> random.nextInt(40);
        };
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
