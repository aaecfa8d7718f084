package io.wafleet.protocol.migration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.wafleet.protocol.crypto.KeyPair;
import io.wafleet.protocol.crypto.X25519;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the JSON Baileys writes in its multi-file auth state. Buffers are written by {@code BufferJSON.replacer} as
 * {@code {"type":"Buffer","data":"<base64>"}}; Baileys' reviver also turns an object whose keys are all indices
 * and whose values are all numbers back into bytes (a {@code Uint8Array} that escaped the replacer), so we accept
 * both. Fields of protobuf objects (the signed device identity, app-state sync keys) are serialised by
 * protobufjs' {@code toJSON}, which writes bytes as plain base64 strings and 64-bit numbers as strings.
 *
 * <p>Every failure is a {@link BaileysFormatException} naming the field; nesting and number length are bounded,
 * and the input itself is bounded by {@link ImportLimits}, so no allocation exceeds what the input justifies.
 */
final class BaileysJson {
    private static final int MAX_NESTING = 64;
    private static final int MAX_NUMBER_LENGTH = 32;
    /** JIDs, names and platforms are short; a longer one is damage, not data worth keeping in credentials. */
    static final int MAX_TEXT_LENGTH = 1024;
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .build())
            .build());

    private BaileysJson() {}

    static JsonNode parse(String text, String what) {
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || root.isMissingNode()) {
                throw new BaileysFormatException(what + ": empty");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new BaileysFormatException(what + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    static JsonNode object(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new BaileysFormatException(what + ": " + field + " is missing or not an object");
        }
        return node;
    }

    static boolean present(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node != null && !node.isNull();
    }

    /** An integer in {@code min..max}; protobufjs writes 64-bit numbers as decimal strings, which are accepted too. */
    static long integer(JsonNode parent, String field, long min, long max, String what) {
        JsonNode node = parent.get(field);
        long value;
        if (node != null && node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node != null && node.isTextual() && node.asText().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText());
        } else {
            throw new BaileysFormatException(what + ": " + field + " is missing or not an integer");
        }
        if (value < min || value > max) {
            throw new BaileysFormatException(what + ": " + field + " is out of range " + min + ".." + max);
        }
        return value;
    }

    static String text(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new BaileysFormatException(what + ": " + field + " is missing or not a string");
        }
        if (node.asText().length() > MAX_TEXT_LENGTH) {
            throw new BaileysFormatException(what + ": " + field + " is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return node.asText();
    }

    /** The bytes of a Buffer field, in any form Baileys reads back (see the class comment). */
    static byte[] bytes(JsonNode parent, String field, String what) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            throw new BaileysFormatException(what + ": " + field + " is missing");
        }
        return bytes(node, what + ": " + field);
    }

    static byte[] bytes(JsonNode node, String what) {
        if (node.isTextual()) {
            return base64(node.asText(), what);
        }
        if (node.isObject() && "Buffer".equals(node.path("type").asText()) && node.path("data").isTextual()) {
            return base64(node.get("data").asText(), what);
        }
        if (node.isObject() && node.size() > 0) {
            return indexedBytes(node, what);
        }
        throw new BaileysFormatException(what + " is not a Buffer");
    }

    /** Exactly {@code length} bytes. */
    static byte[] bytes(JsonNode parent, String field, int length, String what) {
        byte[] value = bytes(parent, field, what);
        if (value.length != length) {
            throw new BaileysFormatException(what + ": " + field + " must be " + length + " bytes, got " + value.length);
        }
        return value;
    }

    /**
     * A Curve25519 public key as the 32 raw bytes: Baileys keeps its own keys raw and peers' keys (identity keys,
     * signal identities) with libsignal's 0x05 type prefix.
     */
    static byte[] publicKey(JsonNode parent, String field, String what) {
        byte[] value = bytes(parent, field, what);
        return rawPublicKey(value, what + ": " + field);
    }

    /** {@code {private, public}}, 32 bytes each, and the public key must be the private key's. */
    static KeyPair keyPair(JsonNode node, String what) {
        byte[] privateKey = bytes(node, "private", 32, what);
        byte[] publicKey = publicKey(node, "public", what);
        if (!Arrays.equals(X25519.publicKey(privateKey), publicKey)) {
            throw new BaileysFormatException(what + ": the public key does not belong to the private key");
        }
        return new KeyPair(privateKey, publicKey);
    }

    static byte[] rawPublicKey(byte[] value, String what) {
        if (value.length == 33 && value[0] == 0x05) {
            return Arrays.copyOfRange(value, 1, 33);
        }
        if (value.length != 32) {
            throw new BaileysFormatException(what + " is not a Curve25519 public key (" + value.length + " bytes)");
        }
        return value;
    }

    private static byte[] base64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new BaileysFormatException(what + " is not base64", e);
        }
    }

    /** {@code {"0": 5, "1": 200, ...}}: the keys must be 0..n-1 in order and every value a byte. */
    private static byte[] indexedBytes(JsonNode node, String what) {
        byte[] out = new byte[node.size()];
        int index = 0;
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); index++) {
            Map.Entry<String, JsonNode> entry = fields.next();
            JsonNode value = entry.getValue();
            if (!entry.getKey().equals(Integer.toString(index)) || !value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > 255) {
                throw new BaileysFormatException(what + " is not a Buffer");
            }
            out[index] = (byte) value.asInt();
        }
        return out;
    }
}
