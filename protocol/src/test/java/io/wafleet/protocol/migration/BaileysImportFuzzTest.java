package io.wafleet.protocol.migration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 proof 4: a real Baileys account (a small subset of the rc14 fixture: creds and one file of every key
 * type) with one file damaged at random — truncated, a value replaced by the wrong type, a huge number or string,
 * deep nesting, flipped bytes, noise. Every case ends in a report and either an import or an
 * {@link ImportException}; nothing else escapes, nothing is half-written, the source is never changed. Seeded, so a
 * failure names the case that reproduces it.
 */
class BaileysImportFuzzTest {
    private static final long SEED = 0x5eed_9L;
    private static final int CASES = 400;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path temp;

    @Test
    void damagedFilesGiveAReasonNeverACrash() throws IOException {
        Path base = smallAccount();
        List<Path> files;
        try (Stream<Path> listing = Files.list(base)) {
            files = listing.sorted().toList();
        }
        BaileysImport importer = new BaileysImport(new ImportLimits(1_000, 1 << 20, 16 << 20), java.time.InstantSource.system());
        Random random = new Random(SEED);
        int imported = 0;
        int refused = 0;
        for (int n = 0; n < CASES; n++) {
            Path source = Files.createDirectories(temp.resolve("case-" + n));
            for (Path file : files) {
                Files.copy(file, source.resolve(file.getFileName()));
            }
            Path victim = source.resolve(files.get(random.nextInt(files.size())).getFileName());
            String mutation = mutate(victim, random);
            String label = "case " + n + " (seed " + SEED + "): " + victim.getFileName() + " " + mutation;
            Map<String, BaileysFixtures.FileState> before = BaileysFixtures.snapshot(source);

            ImportReport report = importer.inspect(source);
            MemoryAuthStore target = new MemoryAuthStore();
            try {
                importer.importInto(source, target);
                assertThat(report.adoptable()).as(label).isTrue();
                assertThat(target.applies()).as(label).isEqualTo(1);
                imported++;
            } catch (ImportException e) {
                assertThat(e.getMessage()).as(label).isNotBlank();
                assertThat(report.adoptable()).as(label).isFalse();
                assertThat(target.applies()).as(label).isZero();
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError(label + " escaped as " + e, e);
            }
            assertThat(BaileysFixtures.snapshot(source)).as(label).isEqualTo(before);
        }
        System.out.printf("[fuzz] %d damaged Baileys accounts: %d imported (damaged key file skipped), %d refused with a reason%n",
                CASES, imported, refused);
        assertThat(imported).isPositive();
        assertThat(refused).isPositive();
    }

    /** creds.json plus the first file of every other type in the rc14 fixture. */
    private Path smallAccount() throws IOException {
        Path auth = BaileysFixtures.auth("rc14");
        Path small = Files.createDirectories(temp.resolve("base"));
        List<BaileysFileType> taken = new ArrayList<>();
        try (Stream<Path> listing = Files.list(auth).sorted()) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                BaileysFileType type = BaileysFileType.classify(file.getFileName().toString()).type();
                if (!taken.contains(type) || (type == BaileysFileType.PRE_KEY && taken.stream().filter(t -> t == type).count() < 3)) {
                    taken.add(type);
                    Files.copy(file, small.resolve(file.getFileName()));
                }
            }
        }
        return small;
    }

    private static String mutate(Path file, Random random) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        switch (random.nextInt(5)) {
            case 0 -> {
                int length = random.nextInt(bytes.length);
                Files.write(file, java.util.Arrays.copyOf(bytes, length));
                return "truncated to " + length + " bytes";
            }
            case 1 -> {
                for (int i = 0; i < 1 + random.nextInt(4); i++) {
                    int at = random.nextInt(bytes.length);
                    bytes[at] = (byte) random.nextInt(256);
                }
                Files.write(file, bytes);
                return "bytes flipped";
            }
            case 2 -> {
                byte[] noise = new byte[random.nextInt(2048)];
                random.nextBytes(noise);
                Files.write(file, noise);
                return "replaced by " + noise.length + " random bytes";
            }
            default -> {
                JsonNode root;
                try {
                    root = JSON.readTree(bytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                JsonNode replacement = wrongValue(random);
                JsonNode mutated = replaceRandomNode(root, replacement, random);
                Files.writeString(file, JSON.writeValueAsString(mutated), StandardCharsets.UTF_8);
                return "a value replaced by " + describe(replacement);
            }
        }
    }

    private static JsonNode wrongValue(Random random) {
        return switch (random.nextInt(11)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(true);
            case 2 -> NODES.numberNode(new java.math.BigInteger("9".repeat(30)));
            case 3 -> NODES.numberNode(-1);
            case 4 -> NODES.numberNode(1e308);
            case 5 -> NODES.textNode("x".repeat(random.nextInt(300_000)));
            case 6 -> NODES.textNode("A".repeat(4 * (1 + random.nextInt(50_000))));
            case 7 -> NODES.objectNode();
            case 8 -> NODES.arrayNode();
            case 9 -> deep(200);
            default -> NODES.objectNode().put("type", "Buffer").put("data", "not base64 !!");
        };
    }

    private static JsonNode deep(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    /** Replaces the root, or a random field or element somewhere inside it. */
    private static JsonNode replaceRandomNode(JsonNode root, JsonNode replacement, Random random) {
        if (!root.isContainerNode() || root.isEmpty() || random.nextInt(8) == 0) {
            return replacement;
        }
        JsonNode node = root;
        while (true) {
            if (node instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                String name = names.get(random.nextInt(names.size()));
                JsonNode child = object.get(name);
                if (!child.isContainerNode() || child.isEmpty() || random.nextBoolean()) {
                    object.set(name, replacement);
                    return root;
                }
                node = child;
            } else if (node instanceof ArrayNode array) {
                int index = random.nextInt(array.size());
                JsonNode child = array.get(index);
                if (!child.isContainerNode() || child.isEmpty() || random.nextBoolean()) {
                    array.set(index, replacement);
                    return root;
                }
                node = child;
            } else {
                return replacement;
            }
        }
    }

    private static String describe(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? value.getNodeType() + " of " + text.length() + " characters" : text;
    }
}
