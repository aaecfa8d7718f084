package io.wafleet.protocol.binary;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Nodes in the vectors' JSON form ({@code {tag, attrs, content?}}), and a full, order-aware description for comparing. */
final class VectorNodes {
    private VectorNodes() {}

    /** Attributes in JSON order, null values left out (the encoder skips them), {@code {hex}} content as bytes. */
    static Node fromJson(JsonNode json) {
        Map<String, String> attrs = new LinkedHashMap<>();
        json.get("attrs").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                attrs.put(e.getKey(), e.getValue().asText());
            }
        });
        return new Node(json.get("tag").asText(), attrs, contentFromJson(json.get("content")));
    }

    private static NodeContent contentFromJson(JsonNode content) {
        if (content == null) {
            return NodeContent.NONE;
        }
        if (content.isTextual()) {
            return NodeContent.text(content.asText());
        }
        if (content.isArray()) {
            List<Node> children = new ArrayList<>();
            content.forEach(child -> children.add(fromJson(child)));
            return NodeContent.children(children);
        }
        return NodeContent.bytes(Vectors.hex(content));
    }

    /**
     * Everything about a node, attributes in order and contents in full, so that two nodes are the same exactly
     * when their descriptions are equal (record equality ignores attribute order).
     */
    static String describe(Node node) {
        StringBuilder out = new StringBuilder();
        describe(node, out);
        return out.toString();
    }

    private static void describe(Node node, StringBuilder out) {
        out.append('<').append(quote(node.tag()));
        node.attrs().forEach((k, v) -> out.append(' ').append(quote(k)).append('=').append(quote(v)));
        switch (node.content()) {
            case NodeContent.None none -> out.append("/>");
            case NodeContent.Text(String text) -> out.append(">text:").append(quote(text)).append("</>");
            case NodeContent.Bytes bytes -> out.append(">bytes:").append(HexFormat.of().formatHex(bytes.bytes())).append("</>");
            case NodeContent.Children(List<Node> children) -> {
                out.append(">[");
                children.forEach(child -> describe(child, out));
                out.append("]</>");
            }
        }
    }

    /** Like {@link #describe}, but string and byte content both as the hex of their bytes. */
    static String describeContentAsBytes(Node node) {
        StringBuilder out = new StringBuilder();
        out.append('<').append(quote(node.tag()));
        node.attrs().forEach((k, v) -> out.append(' ').append(quote(k)).append('=').append(quote(v)));
        switch (node.content()) {
            case NodeContent.None none -> out.append("/>");
            case NodeContent.Text(String text) -> out.append(">").append(HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8))).append("</>");
            case NodeContent.Bytes bytes -> out.append(">").append(HexFormat.of().formatHex(bytes.bytes())).append("</>");
            case NodeContent.Children(List<Node> children) -> {
                out.append(">[");
                children.forEach(child -> out.append(describeContentAsBytes(child)));
                out.append("]</>");
            }
        }
        return out.toString();
    }

    /** Java-escaped, so control characters and U+0000 are visible in a failure message. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
