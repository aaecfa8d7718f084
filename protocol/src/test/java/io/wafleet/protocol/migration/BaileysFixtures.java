package io.wafleet.protocol.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Baileys directories under src/test/resources/baileys/ (made by conformance/scripts/make-import-fixtures.sh):
 * {@code <version>/auth/} as useMultiFileAuthState left it, {@code auth.device.json}, {@code auth.next-message.json}
 * and the simulator's {@code simulator-state.json}.
 */
final class BaileysFixtures {
    static final List<String> VERSIONS = List.of("rc14", "rc9");
    private static final ObjectMapper JSON = new ObjectMapper();

    private BaileysFixtures() {}

    static Path root(String version) {
        URL url = BaileysFixtures.class.getResource("/baileys/" + version);
        if (url == null) {
            throw new IllegalStateException("fixture baileys/" + version + " is missing from the test resources");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path auth(String version) {
        return root(version).resolve("auth");
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode creds(String version) {
        return json(auth(version).resolve("creds.json"));
    }

    static JsonNode nextMessage(String version) {
        return json(root(version).resolve("auth.next-message.json"));
    }

    static JsonNode device(String version) {
        return json(root(version).resolve("auth.device.json"));
    }

    /** {@code {"type":"Buffer","data":base64}} or a plain base64 string, read independently of the importer. */
    static byte[] buffer(JsonNode node) {
        return Base64.getDecoder().decode(node.isTextual() ? node.asText() : node.get("data").asText());
    }

    static long count(Path directory, String prefix) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file's bytes and modification time, to prove a source untouched. */
    record FileState(byte[] bytes, FileTime modified) {
        @Override
        public boolean equals(Object o) {
            return o instanceof FileState other && java.util.Arrays.equals(bytes, other.bytes) && modified.equals(other.modified);
        }

        @Override
        public int hashCode() {
            return java.util.Arrays.hashCode(bytes);
        }
    }

    static Map<String, FileState> snapshot(Path directory) {
        Map<String, FileState> state = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(directory).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                state.put(file.getFileName().toString(), new FileState(Files.readAllBytes(file), Files.getLastModifiedTime(file)));
            }
            state.put(".", new FileState(new byte[0], Files.getLastModifiedTime(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return state;
    }

    /** A writable copy of a fixture's auth folder, for tests that change the source afterwards. */
    static Path copy(String version, Path into) {
        try {
            Files.createDirectories(into);
            try (Stream<Path> files = Files.list(auth(version))) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Files.copy(file, into.resolve(file.getFileName()));
                }
            }
            return into;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
