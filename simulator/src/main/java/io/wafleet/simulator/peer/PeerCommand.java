package io.wafleet.simulator.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** One line of the harness' input, parsed and checked before anything acts on it. */
sealed interface PeerCommand {
    ObjectMapper JSON = new ObjectMapper();
    /** Far above any text a test sends; keeps a garbled line from becoming a huge message. */
    int MAX_TEXT_CHARS = 64 * 1024;

    /** Open (or create) the account in {@code store} and connect to {@code ws}, trusting {@code root} alone. */
    record Start(Path store, URI ws, byte[] root) implements PeerCommand {
        public Start {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(ws, "ws");
            root = root.clone();
        }

        @Override
        public String toString() {
            return "Start[ws=" + ws + "]";
        }
    }

    /** Send {@code text} to the user {@code to}; {@code id} when the harness fixes it, else a new one. */
    record Send(String to, String text, Optional<String> id) implements PeerCommand {
        public Send {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(id, "id");
        }

        @Override
        public String toString() {
            return "Send[id=" + id.orElse("(new)") + ", " + text.length() + " chars]";
        }
    }

    /** Close the connection and the store, then exit 0. */
    record Stop() implements PeerCommand {}

    /** @throws PeerCommandException for anything but one of the three commands with exactly its fields */
    static PeerCommand parse(String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new PeerCommandException("not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new PeerCommandException("a command is a JSON object");
        }
        String name = text(node, "cmd");
        return switch (name) {
            case "start" -> {
                onlyFields(node, Set.of("cmd", "store", "ws", "root"));
                yield new Start(Path.of(text(node, "store")), uri(text(node, "ws")), rootKey(text(node, "root")));
            }
            case "send" -> {
                onlyFields(node, Set.of("cmd", "to", "text", "id"));
                String text = text(node, "text");
                if (text.length() > MAX_TEXT_CHARS) {
                    throw new PeerCommandException("text longer than " + MAX_TEXT_CHARS + " chars");
                }
                Optional<String> id = node.has("id") ? Optional.of(text(node, "id")) : Optional.empty();
                yield new Send(text(node, "to"), text, id);
            }
            case "stop" -> {
                onlyFields(node, Set.of("cmd"));
                yield new Stop();
            }
            default -> throw new PeerCommandException("unknown command '" + name + "'");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new PeerCommandException("'" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    private static void onlyFields(JsonNode node, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new PeerCommandException("unknown field '" + name + "'");
            }
        }
    }

    private static URI uri(String value) {
        try {
            URI uri = new URI(value);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme())) {
                throw new PeerCommandException("'ws' must be a ws:// or wss:// URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new PeerCommandException("'ws' is not a URL: " + e.getReason());
        }
    }

    private static byte[] rootKey(String hex) {
        if (hex.length() != 64) {
            throw new PeerCommandException("'root' must be 64 hex digits (a 32-byte public key)");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new PeerCommandException("'root' is not hex");
        }
    }
}
