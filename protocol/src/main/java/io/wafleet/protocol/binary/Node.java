package io.wafleet.protocol.binary;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One element of WhatsApp's binary XML: a tag, string attributes in wire order, and {@link NodeContent}.
 * {@code attrs} keeps insertion order because that is the encoding order; record equality compares attributes
 * as a map (order-insensitive), like XML.
 */
public record Node(String tag, Map<String, String> attrs, NodeContent content) {
    private static final int SHOWN_TEXT_CHARS = 200;

    public Node {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(attrs, "attrs");
        Objects.requireNonNull(content, "content");
        if (tag.isEmpty()) {
            throw new IllegalArgumentException("a node needs a non-empty tag");
        }
        attrs = attrs.isEmpty() ? Map.of() : attrs instanceof Attributes ? attrs : Attributes.copyOf(attrs);
    }

    public static Node of(String tag) {
        return new Node(tag, Map.of(), NodeContent.NONE);
    }

    /** {@code Node.of("iq", "id", "1", "type", "get")}: attributes as alternating keys and values. */
    public static Node of(String tag, String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("attributes must be key/value pairs, got " + keysAndValues.length + " strings");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            attrs.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Node(tag, attrs, NodeContent.NONE);
    }

    public static Node of(String tag, Map<String, String> attrs, List<Node> children) {
        return new Node(tag, attrs, NodeContent.children(children));
    }

    public static Builder builder(String tag) {
        return new Builder(tag);
    }

    public Optional<String> attr(String key) {
        return Optional.ofNullable(attrs.get(key));
    }

    /** The child nodes; empty when the content is not a child list. */
    public List<Node> children() {
        return content instanceof NodeContent.Children(List<Node> nodes) ? nodes : List.of();
    }

    /** The first child with this tag. */
    public Optional<Node> child(String childTag) {
        for (Node child : children()) {
            if (child.tag.equals(childTag)) {
                return Optional.of(child);
            }
        }
        return Optional.empty();
    }

    public List<Node> childrenByTag(String childTag) {
        return children().stream().filter(child -> child.tag.equals(childTag)).toList();
    }

    /** Byte content as a copy, or the UTF-8 of string content; empty for no content or children. */
    public Optional<byte[]> contentBytes() {
        return switch (content) {
            case NodeContent.Bytes bytes -> Optional.of(bytes.bytes());
            case NodeContent.Text(String text) -> Optional.of(text.getBytes(StandardCharsets.UTF_8));
            case NodeContent.None none -> Optional.empty();
            case NodeContent.Children children -> Optional.empty();
        };
    }

    /**
     * String content, or byte content read as UTF-8: the decoder returns raw string content as bytes, so this is
     * how to read a text value such as a message body or an error text.
     */
    public Optional<String> contentText() {
        return switch (content) {
            case NodeContent.Text(String text) -> Optional.of(text);
            case NodeContent.Bytes bytes -> Optional.of(new String(bytes.array(), StandardCharsets.UTF_8));
            case NodeContent.None none -> Optional.empty();
            case NodeContent.Children children -> Optional.empty();
        };
    }

    /** XML-like, on one line, for logs; long text and byte contents are cut short. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(64);
        appendTo(out);
        return out.toString();
    }

    private void appendTo(StringBuilder out) {
        out.append('<').append(tag);
        attrs.forEach((key, value) -> out.append(' ').append(key).append("='").append(value).append('\''));
        switch (content) {
            case NodeContent.None none -> {
                out.append("/>");
                return;
            }
            case NodeContent.Text(String text) -> out.append('>').append(text, 0, Math.min(text.length(), SHOWN_TEXT_CHARS))
                    .append(text.length() > SHOWN_TEXT_CHARS ? "…" : "");
            case NodeContent.Bytes bytes -> out.append('>').append(bytes);
            case NodeContent.Children(List<Node> nodes) -> {
                out.append('>');
                nodes.forEach(child -> child.appendTo(out));
            }
        }
        out.append("</").append(tag).append('>');
    }

    /**
     * Builds a node step by step. Content is a child list (started by the first {@link #child} or
     * {@link #children}, possibly empty), bytes, or text; mixing them is an error.
     */
    public static final class Builder {
        private final String tag;
        private final Map<String, String> attrs = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();
        private boolean hasChildList;
        private NodeContent scalar = NodeContent.NONE;

        private Builder(String tag) {
            this.tag = tag;
        }

        public Builder attr(String key, String value) {
            attrs.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder attrs(Map<String, String> values) {
            values.forEach(this::attr);
            return this;
        }

        public Builder child(Node child) {
            requireNoScalar();
            children.add(Objects.requireNonNull(child, "child"));
            hasChildList = true;
            return this;
        }

        /** Appends these children; with an empty list the node still gets an (empty) child list. */
        public Builder children(List<Node> nodes) {
            requireNoScalar();
            nodes.forEach(this::child);
            hasChildList = true;
            return this;
        }

        public Builder bytes(byte[] bytes) {
            return scalar(NodeContent.bytes(bytes));
        }

        public Builder text(String text) {
            return scalar(NodeContent.text(text));
        }

        public Node build() {
            return new Node(tag, attrs, hasChildList ? NodeContent.children(children) : scalar);
        }

        private Builder scalar(NodeContent value) {
            requireNoScalar();
            if (hasChildList) {
                throw new IllegalStateException("node <" + tag + "> already has children");
            }
            scalar = value;
            return this;
        }

        private void requireNoScalar() {
            if (!(scalar instanceof NodeContent.None)) {
                throw new IllegalStateException("node <" + tag + "> already has " + scalar.getClass().getSimpleName() + " content");
            }
        }
    }
}
