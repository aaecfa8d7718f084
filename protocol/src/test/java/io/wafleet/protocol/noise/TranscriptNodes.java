package io.wafleet.protocol.noise;

import com.fasterxml.jackson.databind.JsonNode;
import io.wafleet.protocol.binary.Node;
import io.wafleet.protocol.binary.NodeContent;
import io.wafleet.protocol.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The transcripts' binary nodes ({@code {tag, attrs, content?}}) as {@link Node}s, and an order-aware canonical
 * text for comparing a decoded node with a recorded one. Raw string content decodes as bytes (the wire cannot tell
 * them apart), so the canonical text shows string and byte content alike as the hex of their bytes.
 */
final class TranscriptNodes {
    private TranscriptNodes() {}

    /** Attributes in JSON order with null values skipped, as the encoder skips them. */
    static Node fromJson(JsonNode json) {
        Map<String, String> attrs = new LinkedHashMap<>();
        json.get("attrs").properties().forEach(e -> {
            if (!e.getValue().isNull()) {
                attrs.put(e.getKey(), e.getValue().asText());
            }
        });
        JsonNode content = json.get("content");
        NodeContent nodeContent;
        if (content == null || content.isNull()) {
            nodeContent = NodeContent.NONE;
        } else if (content.isTextual()) {
            nodeContent = NodeContent.text(content.asText());
        } else if (content.isArray()) {
            List<Node> children = new ArrayList<>();
            content.forEach(child -> children.add(fromJson(child)));
            nodeContent = NodeContent.children(children);
        } else {
            nodeContent = NodeContent.bytes(Vectors.hex(content));
        }
        return new Node(json.get("tag").asText(), attrs, nodeContent);
    }

    static String canonical(Node node) {
        StringBuilder out = new StringBuilder("<").append(node.tag());
        node.attrs().forEach((key, value) -> out.append(' ').append(key).append("=\"").append(value).append('"'));
        switch (node.content()) {
            case NodeContent.None none -> out.append("/>");
            case NodeContent.Text(String text) -> out.append('>').append(hex(text.getBytes(StandardCharsets.UTF_8))).append("</>");
            case NodeContent.Bytes bytes -> out.append('>').append(hex(bytes.bytes())).append("</>");
            case NodeContent.Children(List<Node> children) -> {
                out.append(">[");
                children.forEach(child -> out.append(canonical(child)));
                out.append("]</>");
            }
        }
        return out.toString();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
