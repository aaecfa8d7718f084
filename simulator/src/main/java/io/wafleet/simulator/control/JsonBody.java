package io.wafleet.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * A request body: a JSON object whose fields are checked strictly (an unknown field is an error, so a typo
 * never silently does nothing). An empty body is an empty object.
 */
final class JsonBody {
    /** Control requests are tiny; a larger body is refused before it is parsed. */
    static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode node;

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    static JsonBody parse(byte[] bytes, Set<String> allowedFields) {
        if (bytes.length == 0) {
            return new JsonBody(JSON.createObjectNode());
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (IOException e) {
            throw ApiException.badRequest("body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                throw ApiException.badRequest("unknown field '" + name + "' (allowed: " + String.join(", ", allowedFields.stream().sorted().toList()) + ")");
            }
        }
        return new JsonBody(node);
    }

    Optional<String> string(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw ApiException.badRequest("'" + field + "' must be a string");
        }
        return Optional.of(value.asText());
    }

    String requiredString(String field) {
        return string(field).orElseThrow(() -> ApiException.badRequest("'" + field + "' is required"));
    }

    Optional<Long> wholeNumber(String field, long min, long max) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            throw ApiException.badRequest("'" + field + "' must be a whole number from " + min + " to " + max);
        }
        return Optional.of(value.asLong());
    }

    long requiredWholeNumber(String field, long min, long max) {
        return wholeNumber(field, min, max).orElseThrow(() -> ApiException.badRequest("'" + field + "' is required"));
    }

    /** A JSON array of strings, each at most {@code maxLength} characters. */
    Optional<java.util.List<String>> strings(String field, int maxLength) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            throw ApiException.badRequest("'" + field + "' must be an array of strings");
        }
        java.util.List<String> strings = new java.util.ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual() || element.asText().length() > maxLength) {
                throw ApiException.badRequest("'" + field + "' must be an array of strings of at most " + maxLength + " characters");
            }
            strings.add(element.asText());
        }
        return Optional.of(strings);
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = present(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            throw ApiException.badRequest("'" + field + "' must be true or false");
        }
        return Optional.of(value.asBoolean());
    }

    boolean has(String field) {
        return node.has(field);
    }

    boolean isNull(String field) {
        return node.has(field) && node.get(field).isNull();
    }

    /** The field's value, or null (kept inside this class) when absent or JSON null. */
    private JsonNode present(String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
