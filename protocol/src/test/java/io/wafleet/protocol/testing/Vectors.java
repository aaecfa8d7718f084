package io.wafleet.protocol.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * Golden vector files produced by Baileys. The directory comes from {@code WA_VECTORS_DIR} (or
 * {@code WA_SIGNAL_VECTORS_DIR}); without it, from the default the build resolves against the repository root.
 * A missing directory fails loudly: vector tests are never skipped.
 */
public final class Vectors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {}

    public static Path conformanceDir() {
        return directory("WA_VECTORS_DIR");
    }

    public static Path signalDir() {
        return directory("WA_SIGNAL_VECTORS_DIR");
    }

    /** Reads one file of the conformance set, e.g. {@code load("jid.json")}; Jackson keeps object key order. */
    public static JsonNode load(String fileName) {
        return read(conformanceDir().resolve(fileName));
    }

    public static JsonNode loadSignal(String fileName) {
        return read(signalDir().resolve(fileName));
    }

    public static byte[] hex(JsonNode node) {
        if (node.isObject() && node.has("hex")) {
            return HEX.parseHex(node.get("hex").asText());
        }
        return HEX.parseHex(node.asText());
    }

    public static byte[] hex(String text) {
        return HEX.parseHex(text);
    }

    public static String toHex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** One line a test prints so the build log shows how many cases each vector file ran. */
    public static void report(String file, String section, int cases) {
        System.out.printf("[vectors] %s %s: %d cases%n", file, section, cases);
    }

    private static Path directory(String variable) {
        String value = System.getenv(variable);
        String source = variable;
        if (value == null || value.isBlank()) {
            value = System.getenv(variable + "_DEFAULT");
            source = variable + " (unset; build default)";
        }
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(variable + " is not set and the build gave no default; point it at the vector directory");
        }
        Path dir = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("vector directory from " + source + " does not exist: " + dir);
        }
        return dir;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }
}
